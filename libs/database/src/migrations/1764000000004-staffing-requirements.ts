import { MigrationInterface, QueryRunner } from 'typeorm';

/** What each approved booking needs from the staff pools, derived by the rule table. */
export class StaffingRequirements1764000000004 implements MigrationInterface {
  name = 'StaffingRequirements1764000000004';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE staffing_requirements (
        id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
        booking_id BIGINT UNSIGNED NOT NULL,
        rule_key VARCHAR(120) NOT NULL,
        kind VARCHAR(20) NOT NULL,
        headcount SMALLINT UNSIGNED NOT NULL,
        starts_at DATETIME(3) NOT NULL,
        ends_at DATETIME(3) NOT NULL,
        language_from VARCHAR(35) NULL,
        language_to VARCHAR(35) NULL,
        mode VARCHAR(20) NULL,
        min_clearance TINYINT UNSIGNED NULL,
        skill VARCHAR(30) NULL,
        overridden TINYINT(1) NOT NULL,
        status VARCHAR(20) NOT NULL,
        derived_from_version INT UNSIGNED NOT NULL,
        created_at DATETIME(3) NOT NULL,
        updated_at DATETIME(3) NOT NULL,
        UNIQUE KEY uq_staffing_requirements_rule (booking_id, rule_key),
        KEY ix_staffing_requirements_open (status, starts_at),
        CONSTRAINT fk_staffing_requirements_booking FOREIGN KEY (booking_id) REFERENCES bookings (id),
        CONSTRAINT ck_staffing_requirements_range CHECK (starts_at < ends_at)
      ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE staffing_requirements');
  }
}
