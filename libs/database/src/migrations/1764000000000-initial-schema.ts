import { MigrationInterface, QueryRunner } from 'typeorm';

/** Users, subdistricts and the venue inventory. Portable between MySQL 8 and MariaDB 10.11. */
export class InitialSchema1764000000000 implements MigrationInterface {
  name = 'InitialSchema1764000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE subdistricts (
        id BIGINT UNSIGNED NOT NULL PRIMARY KEY,
        code VARCHAR(40) NOT NULL,
        name_zh VARCHAR(100) NOT NULL,
        name_en VARCHAR(100) NOT NULL,
        UNIQUE KEY uq_subdistricts_code (code)
      ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);

    await q.query(`
      CREATE TABLE users (
        id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
        email VARCHAR(254) NOT NULL,
        password_hash VARCHAR(100) NOT NULL,
        role VARCHAR(32) NOT NULL,
        subdistrict_id BIGINT UNSIGNED NULL,
        display_name VARCHAR(200) NOT NULL,
        locale VARCHAR(10) NOT NULL,
        time_zone VARCHAR(64) NOT NULL,
        active TINYINT(1) NOT NULL,
        created_at DATETIME(3) NOT NULL,
        updated_at DATETIME(3) NOT NULL,
        UNIQUE KEY uq_users_email (email),
        KEY ix_users_role (role),
        CONSTRAINT fk_users_subdistrict FOREIGN KEY (subdistrict_id) REFERENCES subdistricts (id),
        CONSTRAINT ck_users_manager_scope CHECK (role <> 'SUBDISTRICT_MANAGER' OR subdistrict_id IS NOT NULL)
      ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);

    await q.query(`
      CREATE TABLE venues (
        id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
        subdistrict_id BIGINT UNSIGNED NOT NULL,
        name_zh VARCHAR(200) NOT NULL,
        name_en VARCHAR(200) NOT NULL,
        address_zh VARCHAR(500) NOT NULL,
        address_en VARCHAR(500) NOT NULL,
        kind VARCHAR(32) NOT NULL,
        seated_capacity INT UNSIGNED NOT NULL,
        standing_capacity INT UNSIGNED NULL,
        security_level TINYINT UNSIGNED NOT NULL,
        time_zone VARCHAR(64) NOT NULL,
        setup_minutes SMALLINT UNSIGNED NOT NULL,
        teardown_minutes SMALLINT UNSIGNED NOT NULL,
        min_notice_hours SMALLINT UNSIGNED NOT NULL,
        max_advance_days SMALLINT UNSIGNED NOT NULL,
        min_duration_minutes SMALLINT UNSIGNED NOT NULL,
        max_duration_minutes SMALLINT UNSIGNED NOT NULL,
        requires_approval TINYINT(1) NOT NULL,
        contact_name VARCHAR(200) NULL,
        contact_phone VARCHAR(40) NULL,
        contact_email VARCHAR(254) NULL,
        status VARCHAR(20) NOT NULL,
        status_reason VARCHAR(1000) NULL,
        version INT UNSIGNED NOT NULL,
        created_by BIGINT UNSIGNED NULL,
        created_at DATETIME(3) NOT NULL,
        updated_at DATETIME(3) NOT NULL,
        KEY ix_venues_subdistrict_status (subdistrict_id, status),
        KEY ix_venues_status_capacity (status, seated_capacity),
        CONSTRAINT fk_venues_subdistrict FOREIGN KEY (subdistrict_id) REFERENCES subdistricts (id),
        CONSTRAINT fk_venues_created_by FOREIGN KEY (created_by) REFERENCES users (id),
        CONSTRAINT ck_venues_security_level CHECK (security_level BETWEEN 1 AND 3),
        CONSTRAINT ck_venues_duration CHECK (min_duration_minutes <= max_duration_minutes)
      ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);

    await q.query(`
      CREATE TABLE venue_facilities (
        venue_id BIGINT UNSIGNED NOT NULL,
        type VARCHAR(40) NOT NULL,
        count INT UNSIGNED NOT NULL,
        PRIMARY KEY (venue_id, type),
        KEY ix_venue_facilities_type (type, count),
        CONSTRAINT fk_venue_facilities_venue FOREIGN KEY (venue_id) REFERENCES venues (id) ON DELETE CASCADE
      ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);

    await q.query(`
      CREATE TABLE venue_opening_hours (
        id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
        venue_id BIGINT UNSIGNED NOT NULL,
        weekday TINYINT UNSIGNED NOT NULL,
        opens_minute SMALLINT UNSIGNED NOT NULL,
        closes_minute SMALLINT UNSIGNED NOT NULL,
        KEY ix_venue_opening_hours_venue (venue_id, weekday),
        CONSTRAINT fk_venue_opening_hours_venue FOREIGN KEY (venue_id) REFERENCES venues (id) ON DELETE CASCADE,
        CONSTRAINT ck_venue_opening_hours_weekday CHECK (weekday BETWEEN 1 AND 7)
      ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);

    await q.query(`
      CREATE TABLE venue_blackouts (
        id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
        venue_id BIGINT UNSIGNED NOT NULL,
        starts_at DATETIME(3) NOT NULL,
        ends_at DATETIME(3) NOT NULL,
        reason VARCHAR(1000) NOT NULL,
        created_by BIGINT UNSIGNED NOT NULL,
        created_at DATETIME(3) NOT NULL,
        KEY ix_venue_blackouts_venue_time (venue_id, starts_at, ends_at),
        CONSTRAINT fk_venue_blackouts_venue FOREIGN KEY (venue_id) REFERENCES venues (id) ON DELETE CASCADE,
        CONSTRAINT fk_venue_blackouts_created_by FOREIGN KEY (created_by) REFERENCES users (id),
        CONSTRAINT ck_venue_blackouts_range CHECK (starts_at < ends_at)
      ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of [
      'venue_blackouts',
      'venue_opening_hours',
      'venue_facilities',
      'venues',
      'users',
      'subdistricts',
    ]) {
      await q.query(`DROP TABLE ${table}`);
    }
  }
}
