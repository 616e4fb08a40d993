import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A venue's audit trail (every step and edit, each changed field with its old and new value),
 * and the change to its reviewed facts (security level, capacity, facilities) that waits for the
 * district: the venue keeps its reviewed values until the change is approved.
 */
export class VenueAudit1764000000016 implements MigrationInterface {
  name = 'VenueAudit1764000000016';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE venue_audit (
        id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
        venue_id BIGINT UNSIGNED NOT NULL,
        at DATETIME(3) NOT NULL,
        actor_id BIGINT UNSIGNED NULL,
        action VARCHAR(40) NOT NULL,
        from_status VARCHAR(20) NULL,
        to_status VARCHAR(20) NOT NULL,
        reason VARCHAR(1000) NULL,
        changes TEXT NULL,
        KEY ix_venue_audit_venue (venue_id, id),
        CONSTRAINT fk_venue_audit_venue FOREIGN KEY (venue_id) REFERENCES venues (id),
        CONSTRAINT fk_venue_audit_actor FOREIGN KEY (actor_id) REFERENCES users (id)
      ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
    await q.query(
      `ALTER TABLE venues
         ADD COLUMN pending_change TEXT NULL,
         ADD COLUMN pending_change_by BIGINT UNSIGNED NULL,
         ADD COLUMN pending_change_at DATETIME(3) NULL`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(
      'ALTER TABLE venues DROP COLUMN pending_change, DROP COLUMN pending_change_by, DROP COLUMN pending_change_at',
    );
    await q.query('DROP TABLE venue_audit');
  }
}
