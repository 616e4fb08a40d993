import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Service-capacity reporting: post-event ratings, the demand that found nothing, when bookings
 * were approved, and the indexes the report's aggregations range-scan.
 */
export class Reports1764000000008 implements MigrationInterface {
  name = 'Reports1764000000008';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE booking_ratings (
        id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
        booking_id BIGINT UNSIGNED NOT NULL,
        venue_id BIGINT UNSIGNED NOT NULL,
        organizer_id BIGINT UNSIGNED NOT NULL,
        facilities TINYINT UNSIGNED NOT NULL,
        interpretation TINYINT UNSIGNED NULL,
        security TINYINT UNSIGNED NULL,
        overall TINYINT UNSIGNED NOT NULL,
        comment VARCHAR(2000) NULL,
        created_at DATETIME(3) NOT NULL,
        UNIQUE KEY uq_booking_ratings_booking (booking_id),
        KEY ix_booking_ratings_venue (venue_id),
        CONSTRAINT fk_booking_ratings_booking FOREIGN KEY (booking_id) REFERENCES bookings (id),
        CONSTRAINT fk_booking_ratings_venue FOREIGN KEY (venue_id) REFERENCES venues (id),
        CONSTRAINT fk_booking_ratings_organizer FOREIGN KEY (organizer_id) REFERENCES users (id),
        CONSTRAINT ck_booking_ratings_range CHECK (
          facilities BETWEEN 1 AND 5 AND overall BETWEEN 1 AND 5
          AND (interpretation IS NULL OR interpretation BETWEEN 1 AND 5)
          AND (security IS NULL OR security BETWEEN 1 AND 5))
      ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);

    // Searches that found no venue and booking requests refused for a reason the report counts.
    // No foreign keys: it is a log, written after the answer, and must never block a booking.
    await q.query(`
      CREATE TABLE unmet_demand (
        id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
        source VARCHAR(20) NOT NULL,
        reason VARCHAR(20) NOT NULL,
        subdistrict_id BIGINT UNSIGNED NULL,
        venue_id BIGINT UNSIGNED NULL,
        wanted_from DATETIME(3) NOT NULL,
        wanted_until DATETIME(3) NOT NULL,
        attendees INT UNSIGNED NOT NULL,
        actor_id BIGINT UNSIGNED NULL,
        recorded_at DATETIME(3) NOT NULL,
        KEY ix_unmet_demand_wanted (wanted_from, subdistrict_id, source, reason)
      ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);

    // When the final approval was given: the approval lead time without the audit trail.
    await q.query('ALTER TABLE bookings ADD COLUMN approved_at DATETIME(3) NULL');
    await q.query(`
      UPDATE bookings b
        JOIN (SELECT booking_id, MAX(at) AS at FROM booking_audit WHERE action = 'approved'
               GROUP BY booking_id) a ON a.booking_id = b.id
         SET b.approved_at = a.at
       WHERE b.status IN ('APPROVED', 'COMPLETED') AND a.at >= b.submitted_at`);
    // Covering: the report reads bookings by status and start without touching the rows.
    await q.query(`ALTER TABLE bookings ADD KEY ix_bookings_report
      (status, starts_at, venue_id, ends_at, protocol_level, foreign_guests, submitted_at, approved_at)`);
    // Requirements find their booking's status and venue here, not in the wide clustered rows.
    await q.query('ALTER TABLE bookings ADD KEY ix_bookings_id_status (id, status, venue_id)');
    // Security officer load over a range.
    await q.query(
      'ALTER TABLE assignments ADD KEY ix_assignments_starts (starts_at, status, staff_id, ends_at)',
    );
    // Covering: unstaffed requirements and interpreter coverage by start.
    await q.query(`ALTER TABLE staffing_requirements ADD KEY ix_staffing_requirements_report
      (status, starts_at, kind, booking_id, headcount, ends_at, language_from, language_to)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE staffing_requirements DROP KEY ix_staffing_requirements_report');
    await q.query('ALTER TABLE assignments DROP KEY ix_assignments_starts');
    await q.query('ALTER TABLE bookings DROP KEY ix_bookings_id_status');
    await q.query('ALTER TABLE bookings DROP KEY ix_bookings_report');
    await q.query('ALTER TABLE bookings DROP COLUMN approved_at');
    await q.query('DROP TABLE unmet_demand');
    await q.query('DROP TABLE booking_ratings');
  }
}
