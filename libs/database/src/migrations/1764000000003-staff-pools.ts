import { MigrationInterface, QueryRunner } from 'typeorm';

/** Interpreters and security officers: skills, weekly availability and leave. */
export class StaffPools1764000000003 implements MigrationInterface {
  name = 'StaffPools1764000000003';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE staff_members (
        id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
        user_id BIGINT UNSIGNED NOT NULL,
        kind VARCHAR(20) NOT NULL,
        name_zh VARCHAR(100) NOT NULL,
        name_en VARCHAR(100) NOT NULL,
        accreditation_level TINYINT UNSIGNED NULL,
        unit VARCHAR(200) NULL,
        clearance_level TINYINT UNSIGNED NULL,
        max_hours_per_day TINYINT UNSIGNED NOT NULL,
        time_zone VARCHAR(64) NOT NULL,
        active TINYINT(1) NOT NULL,
        created_at DATETIME(3) NOT NULL,
        updated_at DATETIME(3) NOT NULL,
        UNIQUE KEY uq_staff_members_user (user_id),
        KEY ix_staff_members_kind_clearance (kind, clearance_level),
        CONSTRAINT fk_staff_members_user FOREIGN KEY (user_id) REFERENCES users (id),
        CONSTRAINT ck_staff_members_hours CHECK (max_hours_per_day BETWEEN 1 AND 16),
        CONSTRAINT ck_staff_members_kind CHECK (
          (kind = 'INTERPRETER' AND accreditation_level BETWEEN 1 AND 3) OR
          (kind = 'SECURITY_OFFICER' AND clearance_level BETWEEN 1 AND 3))
      ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);

    await q.query(`
      CREATE TABLE staff_language_pairs (
        staff_id BIGINT UNSIGNED NOT NULL,
        language_from VARCHAR(35) NOT NULL,
        language_to VARCHAR(35) NOT NULL,
        mode VARCHAR(20) NOT NULL,
        PRIMARY KEY (staff_id, language_from, language_to, mode),
        KEY ix_staff_language_pairs_pair (language_from, language_to, mode),
        CONSTRAINT fk_staff_language_pairs_staff FOREIGN KEY (staff_id) REFERENCES staff_members (id) ON DELETE CASCADE
      ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);

    await q.query(`
      CREATE TABLE staff_skills (
        staff_id BIGINT UNSIGNED NOT NULL,
        skill VARCHAR(30) NOT NULL,
        PRIMARY KEY (staff_id, skill),
        KEY ix_staff_skills_skill (skill),
        CONSTRAINT fk_staff_skills_staff FOREIGN KEY (staff_id) REFERENCES staff_members (id) ON DELETE CASCADE
      ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);

    await q.query(`
      CREATE TABLE staff_availability (
        id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
        staff_id BIGINT UNSIGNED NOT NULL,
        weekday TINYINT UNSIGNED NOT NULL,
        from_minute SMALLINT UNSIGNED NOT NULL,
        until_minute SMALLINT UNSIGNED NOT NULL,
        KEY ix_staff_availability_staff (staff_id, weekday),
        CONSTRAINT fk_staff_availability_staff FOREIGN KEY (staff_id) REFERENCES staff_members (id) ON DELETE CASCADE,
        CONSTRAINT ck_staff_availability_weekday CHECK (weekday BETWEEN 1 AND 7)
      ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);

    await q.query(`
      CREATE TABLE staff_leave (
        id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
        staff_id BIGINT UNSIGNED NOT NULL,
        starts_at DATETIME(3) NOT NULL,
        ends_at DATETIME(3) NOT NULL,
        reason VARCHAR(1000) NOT NULL,
        KEY ix_staff_leave_staff_time (staff_id, ends_at, starts_at),
        CONSTRAINT fk_staff_leave_staff FOREIGN KEY (staff_id) REFERENCES staff_members (id) ON DELETE CASCADE,
        CONSTRAINT ck_staff_leave_range CHECK (starts_at < ends_at)
      ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of [
      'staff_leave',
      'staff_availability',
      'staff_skills',
      'staff_language_pairs',
      'staff_members',
    ]) {
      await q.query(`DROP TABLE ${table}`);
    }
  }
}
