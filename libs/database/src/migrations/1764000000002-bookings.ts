import { MigrationInterface, QueryRunner } from 'typeorm';

/** Bookings with their audit trail, the transactional outbox, and calendar feed tokens. */
export class Bookings1764000000002 implements MigrationInterface {
  name = 'Bookings1764000000002';

  async up(q: QueryRunner): Promise<void> {
    // Bumped by every booking transaction at the venue: the row lock serialises them, and the
    // write puts the conflict into the write-set on multi-primary clusters too.
    await q.query('ALTER TABLE venues ADD COLUMN booking_seq BIGINT UNSIGNED NOT NULL DEFAULT 0');

    await q.query(`
      CREATE TABLE bookings (
        id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
        venue_id BIGINT UNSIGNED NOT NULL,
        organizer_id BIGINT UNSIGNED NOT NULL,
        title VARCHAR(200) NOT NULL,
        description VARCHAR(4000) NULL,
        attendees INT UNSIGNED NOT NULL,
        foreign_guests INT UNSIGNED NOT NULL,
        delegation_countries VARCHAR(1000) NOT NULL,
        interpretation TEXT NOT NULL,
        protocol_level VARCHAR(10) NOT NULL,
        status VARCHAR(20) NOT NULL,
        approval_stage VARCHAR(20) NULL,
        starts_at DATETIME(3) NOT NULL,
        ends_at DATETIME(3) NOT NULL,
        occupied_from DATETIME(3) NOT NULL,
        occupied_until DATETIME(3) NOT NULL,
        hold_expires_at DATETIME(3) NULL,
        submitted_at DATETIME(3) NULL,
        idempotency_key VARCHAR(100) NOT NULL,
        request_hash CHAR(64) NOT NULL,
        version INT UNSIGNED NOT NULL,
        created_at DATETIME(3) NOT NULL,
        updated_at DATETIME(3) NOT NULL,
        UNIQUE KEY uq_bookings_idempotency (organizer_id, idempotency_key),
        KEY ix_bookings_venue_occupied (venue_id, occupied_until, occupied_from, status),
        KEY ix_bookings_status_ends (status, ends_at),
        KEY ix_bookings_pending (status, submitted_at),
        KEY ix_bookings_organizer_starts (organizer_id, starts_at),
        CONSTRAINT fk_bookings_venue FOREIGN KEY (venue_id) REFERENCES venues (id),
        CONSTRAINT fk_bookings_organizer FOREIGN KEY (organizer_id) REFERENCES users (id),
        CONSTRAINT ck_bookings_range CHECK (starts_at < ends_at AND occupied_from <= starts_at AND occupied_until >= ends_at)
      ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);

    await q.query(`
      CREATE TABLE booking_audit (
        id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
        booking_id BIGINT UNSIGNED NOT NULL,
        at DATETIME(3) NOT NULL,
        actor_id BIGINT UNSIGNED NULL,
        action VARCHAR(40) NOT NULL,
        from_status VARCHAR(20) NULL,
        to_status VARCHAR(20) NOT NULL,
        reason VARCHAR(1000) NULL,
        KEY ix_booking_audit_booking (booking_id, id),
        CONSTRAINT fk_booking_audit_booking FOREIGN KEY (booking_id) REFERENCES bookings (id),
        CONSTRAINT fk_booking_audit_actor FOREIGN KEY (actor_id) REFERENCES users (id)
      ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);

    await q.query(`
      CREATE TABLE outbox_events (
        id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
        aggregate_type VARCHAR(40) NOT NULL,
        aggregate_id BIGINT UNSIGNED NOT NULL,
        event_type VARCHAR(60) NOT NULL,
        payload TEXT NOT NULL,
        created_at DATETIME(3) NOT NULL,
        relayed_at DATETIME(3) NULL,
        KEY ix_outbox_pending (relayed_at, id),
        KEY ix_outbox_aggregate (aggregate_type, aggregate_id, id)
      ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);

    await q.query(`
      CREATE TABLE calendar_feeds (
        id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
        token_hash CHAR(64) NOT NULL,
        kind VARCHAR(20) NOT NULL,
        subject_id BIGINT UNSIGNED NOT NULL,
        created_by BIGINT UNSIGNED NOT NULL,
        created_at DATETIME(3) NOT NULL,
        revoked_at DATETIME(3) NULL,
        UNIQUE KEY uq_calendar_feeds_token (token_hash),
        KEY ix_calendar_feeds_creator (created_by),
        CONSTRAINT fk_calendar_feeds_creator FOREIGN KEY (created_by) REFERENCES users (id)
      ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['calendar_feeds', 'outbox_events', 'booking_audit', 'bookings']) {
      await q.query(`DROP TABLE ${table}`);
    }
    await q.query('ALTER TABLE venues DROP COLUMN booking_seq');
  }
}
