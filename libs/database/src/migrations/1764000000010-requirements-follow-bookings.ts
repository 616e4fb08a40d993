import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Staffing requirements used to be brought in line with their booking lazily (when read); every
 * booking change now does it in its own transaction. This brings rows written before in line
 * once: requirements of bookings that no longer stand are released (and their staff's
 * assignments cancelled), those of bookings whose change waits for approval go on hold.
 * Approved bookings are reconciled by the worker's periodic pass.
 */
export class RequirementsFollowBookings1764000000010 implements MigrationInterface {
  name = 'RequirementsFollowBookings1764000000010';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `UPDATE assignments a
         JOIN staffing_requirements r ON r.id = a.requirement_id
         JOIN bookings b ON b.id = r.booking_id
          SET a.status = 'CANCELLED', a.reason = 'The booking no longer needs this',
              a.version = a.version + 1, a.updated_at = UTC_TIMESTAMP(3)
        WHERE a.status IN ('PROPOSED', 'ACCEPTED') AND r.status = 'OPEN'
          AND b.status IN ('CANCELLED', 'REJECTED', 'EXPIRED')`,
    );
    await q.query(
      `UPDATE staffing_requirements r JOIN bookings b ON b.id = r.booking_id
          SET r.status = 'RELEASED', r.updated_at = UTC_TIMESTAMP(3)
        WHERE r.status = 'OPEN' AND b.status IN ('CANCELLED', 'REJECTED', 'EXPIRED')`,
    );
    await q.query(
      `UPDATE staffing_requirements r JOIN bookings b ON b.id = r.booking_id
          SET r.status = 'ON_HOLD', r.updated_at = UTC_TIMESTAMP(3)
        WHERE r.status = 'OPEN' AND b.status IN ('HELD', 'PENDING_APPROVAL')`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    // The code before this knew no ON_HOLD; released requirements stay released.
    await q.query(`UPDATE staffing_requirements SET status = 'OPEN' WHERE status = 'ON_HOLD'`);
  }
}
