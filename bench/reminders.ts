// Item 3: reminders scheduled through the outbox path (booking events relayed by the running
// worker, ReminderSchedulingService.schedule making the delayed jobs), against bare BullMQ
// addBulk of the same jobs; and how late reminders that fall due during the run fire.
import { Queue } from 'bullmq';
import { Pool, RowDataPacket } from 'mysql2/promise';
import { ReminderRule } from '@app/config';
import { redisOptionsFor } from '@app/database';
import { DAY, elapsed, HOUR, percentile, sleep } from './common';

const QUEUE = 'notifications';

/** The rules an APPROVED booking's reminders follow (start and end anchored). */
export function approvedRules(plan: ReminderRule[]): ReminderRule[] {
  return plan.filter((rule) => rule.anchor === 'start' || rule.anchor === 'end');
}

interface BookingTimes {
  id: string;
  startsAt: Date;
  endsAt: Date;
}

/**
 * Inserts `count` APPROVED bookings at the given venues, with their `booking.requested` outbox
 * events, in one transaction (as if they had just been booked). Returns their ids and times.
 */
export async function insertApprovedBookings(
  pool: Pool,
  organizerId: string,
  venueIds: string[],
  times: (i: number) => { startsAt: Date; endsAt: Date },
  tag: string,
): Promise<BookingTimes[]> {
  const connection = await pool.getConnection();
  try {
    await connection.query('START TRANSACTION');
    const now = new Date();
    const [located] = await connection.query<RowDataPacket[]>(
      'SELECT id, subdistrict_id FROM venues WHERE id IN (?)',
      [venueIds],
    );
    const subdistrictOf = new Map(
      located.map((row) => [String(row.id), String(row.subdistrict_id)]),
    );
    const rows = venueIds.map((venueId, i) => {
      const { startsAt, endsAt } = times(i);
      return [
        venueId,
        organizerId,
        `Reminded event ${i}`,
        10,
        0,
        '',
        '[]',
        'STANDARD',
        'APPROVED',
        startsAt,
        endsAt,
        startsAt,
        endsAt,
        now,
        `${tag}-${i}`,
        '0'.repeat(64),
        1,
        now,
        now,
        subdistrictOf.get(String(venueId)),
      ];
    });
    const chunk = 2000;
    for (let from = 0; from < rows.length; from += chunk) {
      await connection.query(
        `INSERT INTO bookings (venue_id, organizer_id, title, attendees, foreign_guests, delegation_countries,
           interpretation, protocol_level, status, starts_at, ends_at, occupied_from, occupied_until,
           submitted_at, idempotency_key, request_hash, version, created_at, updated_at, subdistrict_id)
         VALUES ?`,
        [rows.slice(from, from + chunk)],
      );
    }
    const [inserted] = await connection.query<RowDataPacket[]>(
      'SELECT id, venue_id, starts_at, ends_at FROM bookings WHERE organizer_id = ? AND idempotency_key LIKE ? ORDER BY id',
      [organizerId, `${tag}-%`],
    );
    const bookings = inserted.map((row) => ({
      id: String(row.id),
      venueId: String(row.venue_id),
      startsAt: row.starts_at as Date,
      endsAt: row.ends_at as Date,
    }));
    const events = bookings.map((booking) => [
      'booking',
      booking.id,
      'booking.requested',
      JSON.stringify({
        bookingId: booking.id,
        version: 1,
        venueId: booking.venueId,
        organizerId,
        from: null,
        to: 'APPROVED',
        startsAt: booking.startsAt.toISOString(),
        endsAt: booking.endsAt.toISOString(),
        protocolLevel: 'STANDARD',
        actorId: organizerId,
        reason: null,
      }),
      now,
    ]);
    for (let from = 0; from < events.length; from += chunk) {
      await connection.query(
        'INSERT INTO outbox_events (aggregate_type, aggregate_id, event_type, payload, created_at) VALUES ?',
        [events.slice(from, from + chunk)],
      );
    }
    await connection.query('COMMIT');
    return bookings;
  } finally {
    connection.release();
  }
}

/**
 * The jobs ReminderSchedulingService.schedule makes for these APPROVED bookings (same ids and
 * options).
 */
export function reminderJobs(bookings: BookingTimes[], rules: ReminderRule[], now: number) {
  return bookings.flatMap((booking) =>
    rules.map((rule) => {
      const anchor = rule.anchor === 'end' ? booking.endsAt : booking.startsAt;
      return {
        name: 'reminder',
        data: { bookingId: booking.id, version: 1, rule },
        opts: {
          jobId: `reminder-${booking.id}-v1-${rule.audience}-${rule.label}`,
          delay: anchor.getTime() + rule.offsetMs - now,
          attempts: 5,
          backoff: { type: 'exponential' as const, delay: 1000 },
          removeOnComplete: { age: 86_400 },
          removeOnFail: { age: 7 * 86_400 },
        },
      };
    }),
  );
}

/** Bare BullMQ: addBulk of the jobs, 1000 at a time, into a queue under its own prefix. */
export async function bareAddBulk(
  redisUrl: string,
  prefix: string,
  jobs: ReturnType<typeof reminderJobs>,
): Promise<number> {
  const queue = new Queue(QUEUE, { connection: redisOptionsFor(redisUrl), prefix });
  await queue.waitUntilReady();
  const started = Date.now();
  for (let from = 0; from < jobs.length; from += 1000)
    await queue.addBulk(jobs.slice(from, from + 1000));
  const seconds = elapsed(started);
  await queue.close();
  return seconds;
}

/** Waits until `count()` reaches `target`; returns the seconds since `since`. */
export async function untilDelayed(
  count: () => Promise<number>,
  target: number,
  since: number,
  timeoutSeconds: number,
): Promise<number> {
  for (;;) {
    const delayed = await count();
    if (delayed >= target) return elapsed(since);
    if (elapsed(since) > timeoutSeconds)
      throw new Error(`only ${delayed} of ${target} delayed jobs after ${timeoutSeconds} s`);
    await sleep(50);
  }
}

/**
 * Lateness of reminders that fell due during the run: when each one's notification was written
 * minus when it was due. Waits for them (at most `timeoutMs` past the last due time).
 */
export async function lateness(
  pool: Pool,
  due: { deliveryKey: string; at: number }[],
  timeoutMs: number,
): Promise<{ p50: number; p99: number; max: number; fired: number }> {
  const last = Math.max(...due.map((d) => d.at));
  const dueAt = new Map(due.map((d) => [d.deliveryKey, d.at]));
  let late: number[] = [];
  for (;;) {
    const [rows] = await pool.query<RowDataPacket[]>(
      'SELECT delivery_key, created_at FROM notifications WHERE delivery_key IN (?)',
      [[...dueAt.keys()]],
    );
    late = rows.map(
      (row) => (row.created_at as Date).getTime() - dueAt.get(String(row.delivery_key))!,
    );
    if (late.length === due.length || Date.now() > last + timeoutMs) break;
    await sleep(500);
  }
  return {
    p50: percentile(late, 50),
    p99: late.length === due.length ? percentile(late, 99) : Infinity,
    max: Math.max(...late),
    fired: late.length,
  };
}

/** Start times for the bulk: 5 to 60 days ahead, so every reminder of the plan is in the future. */
export const farAhead = (firstDay: Date) => (i: number) => {
  const startsAt = new Date(firstDay.getTime() + (5 + (i % 55)) * DAY + (8 + (i % 9)) * HOUR);
  return { startsAt, endsAt: new Date(startsAt.getTime() + 2 * HOUR) };
};
