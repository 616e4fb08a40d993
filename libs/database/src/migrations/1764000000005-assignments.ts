import { MigrationInterface, QueryRunner } from 'typeorm';

/** Staff assigned to requirements; a staff member's row lock serialises their assignments. */
export class Assignments1764000000005 implements MigrationInterface {
  name = 'Assignments1764000000005';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      'ALTER TABLE staff_members ADD COLUMN assignment_seq BIGINT UNSIGNED NOT NULL DEFAULT 0',
    );
    await q.query(`
      CREATE TABLE assignments (
        id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
        requirement_id BIGINT UNSIGNED NOT NULL,
        staff_id BIGINT UNSIGNED NOT NULL,
        venue_id BIGINT UNSIGNED NOT NULL,
        status VARCHAR(20) NOT NULL,
        starts_at DATETIME(3) NOT NULL,
        ends_at DATETIME(3) NOT NULL,
        reason VARCHAR(1000) NULL,
        version INT UNSIGNED NOT NULL,
        created_by BIGINT UNSIGNED NULL,
        created_at DATETIME(3) NOT NULL,
        updated_at DATETIME(3) NOT NULL,
        KEY ix_assignments_staff_time (staff_id, ends_at, starts_at),
        KEY ix_assignments_requirement (requirement_id, status),
        CONSTRAINT fk_assignments_requirement FOREIGN KEY (requirement_id) REFERENCES staffing_requirements (id),
        CONSTRAINT fk_assignments_staff FOREIGN KEY (staff_id) REFERENCES staff_members (id),
        CONSTRAINT fk_assignments_venue FOREIGN KEY (venue_id) REFERENCES venues (id),
        CONSTRAINT ck_assignments_range CHECK (starts_at < ends_at)
      ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE assignments');
    await q.query('ALTER TABLE staff_members DROP COLUMN assignment_seq');
  }
}
