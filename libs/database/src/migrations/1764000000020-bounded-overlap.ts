import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Overlap checks that read only the bookings near the time asked for. An index on the start
 * alone cannot bound a range check (a booking that began long ago may still run), so bookings
 * are split by their occupied span, buffers included, into two buckets, each bounded by its own
 * maximum: a short one (a day at most) that overlaps [from, until) starts after from − 1 day; a
 * long one starts after from − the longest long span, which `occupied_minutes` (rounded up)
 * gives from its index in one step. The database keeps both columns. One index serves a venue's
 * checks, another a window over every venue (the search's busy set); the venues' largest buffers
 * come from their own indexes the same way.
 */
export class BoundedOverlap1764000000020 implements MigrationInterface {
  name = 'BoundedOverlap1764000000020';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE bookings
         ADD COLUMN occupied_long BOOLEAN AS (occupied_until > occupied_from + INTERVAL 1 DAY) STORED,
         ADD COLUMN occupied_minutes INT AS
           (CEILING(TIMESTAMPDIFF(MICROSECOND, occupied_from, occupied_until) / 60000000)) STORED,
         ADD KEY ix_bookings_venue_slot (venue_id, occupied_long, occupied_from, occupied_until, status),
         ADD KEY ix_bookings_window
           (occupied_long, occupied_from, occupied_until, venue_id, status, hold_expires_at),
         ADD KEY ix_bookings_span (occupied_long, occupied_minutes),
         DROP KEY ix_bookings_venue_occupied`,
    );
    await q.query(
      'ALTER TABLE venues ADD KEY ix_venues_setup (setup_minutes), ADD KEY ix_venues_teardown (teardown_minutes)',
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE venues DROP KEY ix_venues_setup, DROP KEY ix_venues_teardown');
    await q.query(
      `ALTER TABLE bookings
         ADD KEY ix_bookings_venue_occupied (venue_id, occupied_until, occupied_from, status),
         DROP KEY ix_bookings_span, DROP KEY ix_bookings_window, DROP KEY ix_bookings_venue_slot,
         DROP COLUMN occupied_minutes, DROP COLUMN occupied_long`,
    );
  }
}
