// Item 1: successful requestBooking per second over HTTP, against the same conflict check and
// insert done as raw mysql2 transactions, at the same concurrency, on the same kind of slots.
import { Pool, RowDataPacket } from 'mysql2/promise';
import { seededRandom } from '@app/common/testing';
import { DAY, graphql, HOUR, load, LoadResult, MINUTE, Outcome } from './common';

export interface Slot {
  venueId: string;
  startsAt: Date;
  endsAt: Date;
}

/** Venue n is bookable (ACTIVE) unless n is a multiple of 50 (see seed.ts). */
export function activeVenueIds(from: number, count: number): string[] {
  const ids: string[] = [];
  for (let n = from; ids.length < count; n++) if (n % 50 !== 0) ids.push(String(n));
  return ids;
}

/**
 * One random slot generator per client, seeded by the client's number: ours and the reference
 * draw the same sequence of (venue index, day, start, length), each at its own 200 venues.
 */
export function slotStreams(clients: number, seed: number, firstDay: Date, days: number) {
  return Array.from({ length: clients }, (_, client) => {
    const rng = seededRandom(seed + client);
    return (venues: string[]): Slot => {
      const venueId = venues[rng.int(0, venues.length - 1)];
      // Starting 08:00 to 17:00 Beijing time, one to three hours long.
      const startsAt = new Date(
        firstDay.getTime() + rng.int(0, days - 1) * DAY + 8 * HOUR + rng.int(0, 18) * 30 * MINUTE,
      );
      return { venueId, startsAt, endsAt: new Date(startsAt.getTime() + rng.int(1, 3) * HOUR) };
    };
  });
}

const REQUEST = `mutation($input: BookingRequestInput!, $key: String!) {
  requestBooking(input: $input, idempotencyKey: $key) { id status }
}`;

export interface BookingRun {
  clients: number;
  seconds: number;
  warmupSeconds: number;
  /** Each slice of a run (see sideBySide) passes its own seed. */
  seed: number;
  firstDay: Date;
  days: number;
}

/** Ours: the GraphQL mutation over HTTP, one organizer (and token) per client. */
export function bookOverHttp(
  run: BookingRun,
  url: string,
  tokens: string[],
  venues: string[],
): Promise<LoadResult> {
  const streams = slotStreams(run.clients, run.seed, run.firstDay, run.days);
  return load(run.clients, run.seconds, run.warmupSeconds, async (client, i) => {
    const slot = streams[client](venues);
    const response = await graphql<{ requestBooking: { id: string } }>(
      url,
      REQUEST,
      {
        input: {
          venueId: slot.venueId,
          startsAt: slot.startsAt.toISOString(),
          endsAt: slot.endsAt.toISOString(),
          title: `Bench event ${i}`,
          attendees: 10,
        },
        key: `bench-http-${run.seed}-${client}-${i}`,
      },
      tokens[client],
    );
    if (response.data?.requestBooking) return 'ok';
    const code = response.errors?.[0]?.extensions?.code;
    if (code === 'SLOT_TAKEN') return 'refused';
    throw new Error(`requestBooking: ${JSON.stringify(response.errors)}`);
  });
}

const BLOCKING = `(b.status IN ('PENDING_APPROVAL', 'APPROVED') OR (b.status = 'HELD' AND b.hold_expires_at > ?))`;

/**
 * The reference: per booking one READ COMMITTED transaction that locks the venue row
 * (SELECT ... FOR UPDATE, reading the buffers and whether approval is needed), looks for an
 * overlapping blocking booking on the same index, and inserts the same booking, audit and
 * outbox rows our path writes.
 */
export function bookRaw(
  run: BookingRun,
  pool: Pool,
  organizerIds: string[],
  venues: string[],
): Promise<LoadResult> {
  const streams = slotStreams(run.clients, run.seed, run.firstDay, run.days);
  return load(run.clients, run.seconds, run.warmupSeconds, async (client, i) => {
    const slot = streams[client](venues);
    const organizerId = organizerIds[client];
    for (let attempt = 1; ; attempt++) {
      const connection = await pool.getConnection();
      try {
        return await rawBooking(
          connection,
          slot,
          organizerId,
          `bench-raw-${run.seed}-${client}-${i}`,
        );
      } catch (error) {
        await connection.query('ROLLBACK').catch(() => undefined);
        if ((error as { errno?: number }).errno !== 1213 || attempt >= 5) throw error;
      } finally {
        connection.release();
      }
    }
  });
}

async function rawBooking(
  connection: Awaited<ReturnType<Pool['getConnection']>>,
  slot: Slot,
  organizerId: string,
  key: string,
): Promise<Outcome> {
  const now = new Date();
  await connection.query('SET TRANSACTION ISOLATION LEVEL READ COMMITTED');
  await connection.query('START TRANSACTION');
  const [venues] = await connection.query<RowDataPacket[]>(
    'SELECT subdistrict_id, setup_minutes, teardown_minutes, requires_approval FROM venues WHERE id = ? AND status = ? FOR UPDATE',
    [slot.venueId, 'ACTIVE'],
  );
  const venue = venues[0];
  const from = new Date(slot.startsAt.getTime() - Number(venue.setup_minutes) * MINUTE);
  const until = new Date(slot.endsAt.getTime() + Number(venue.teardown_minutes) * MINUTE);
  // Per span bucket, each scan bounded by the bucket's longest span (as the API does).
  const bucket = (long: 0 | 1, span: string) =>
    `(SELECT b.id FROM bookings b WHERE b.venue_id = ? AND b.occupied_long = ${long}
       AND b.occupied_from > DATE_SUB(?, INTERVAL ${span} MINUTE) AND b.occupied_from < ?
       AND b.occupied_until > ? AND ${BLOCKING} LIMIT 1)`;
  const params = [slot.venueId, from, until, from, now];
  const [conflicts] = await connection.query<RowDataPacket[]>(
    `SELECT COALESCE(${bucket(0, '1440')},
       ${bucket(1, '(SELECT MAX(occupied_minutes) FROM bookings WHERE occupied_long = 1)')},
       (SELECT b.id FROM bookings b WHERE b.change_venue_id = ? AND b.change_occupied_from < ?
          AND b.change_occupied_until > ? LIMIT 1)) AS id`,
    [...params, ...params, slot.venueId, until, from],
  );
  if (conflicts[0].id !== null) {
    await connection.query('ROLLBACK');
    return 'refused';
  }
  const status = Number(venue.requires_approval) ? 'PENDING_APPROVAL' : 'APPROVED';
  const [inserted] = await connection.query<{ insertId: number } & RowDataPacket[]>(
    `INSERT INTO bookings (venue_id, subdistrict_id, organizer_id, title, description, attendees, foreign_guests,
       delegation_countries, interpretation, protocol_level, status, approval_stage, starts_at, ends_at,
       occupied_from, occupied_until, hold_expires_at, submitted_at, idempotency_key, request_hash,
       version, created_at, updated_at)
     VALUES (?, ?, ?, ?, NULL, 10, 0, '', '[]', 'STANDARD', ?, ?, ?, ?, ?, ?, NULL, ?, ?, ?, 1, ?, ?)`,
    [
      slot.venueId,
      venue.subdistrict_id,
      organizerId,
      `Bench event ${key}`,
      status,
      status === 'APPROVED' ? null : 'SUBDISTRICT',
      slot.startsAt,
      slot.endsAt,
      from,
      until,
      now,
      key,
      '0'.repeat(64),
      now,
      now,
    ],
  );
  const bookingId = String(inserted.insertId);
  await connection.query(
    `INSERT INTO booking_audit (booking_id, at, actor_id, action, from_status, to_status, reason)
     VALUES (?, ?, ?, 'requested', NULL, ?, NULL)`,
    [bookingId, now, organizerId, status],
  );
  await connection.query(
    `INSERT INTO outbox_events (aggregate_type, aggregate_id, event_type, payload, created_at, relayed_at)
     VALUES ('booking', ?, 'booking.requested', ?, ?, NULL)`,
    [
      bookingId,
      JSON.stringify({
        bookingId,
        version: 1,
        venueId: slot.venueId,
        organizerId,
        from: null,
        to: status,
        startsAt: slot.startsAt.toISOString(),
        endsAt: slot.endsAt.toISOString(),
        protocolLevel: 'STANDARD',
        actorId: organizerId,
        reason: null,
      }),
      now,
    ],
  );
  await connection.query('COMMIT');
  return 'ok';
}

/** Pairs of blocking bookings at these venues whose occupied ranges overlap: must be 0. */
export async function overlaps(pool: Pool, venueIds: string[]): Promise<number> {
  const [rows] = await pool.query<RowDataPacket[]>(
    `SELECT COUNT(*) AS pairs FROM bookings a JOIN bookings b
        ON a.venue_id = b.venue_id AND a.id < b.id
       AND a.occupied_from < b.occupied_until AND b.occupied_from < a.occupied_until
     WHERE a.venue_id IN (?)
       AND a.status IN ('HELD', 'PENDING_APPROVAL', 'APPROVED') AND b.status IN ('HELD', 'PENDING_APPROVAL', 'APPROVED')
       AND (a.status <> 'HELD' OR a.hold_expires_at > UTC_TIMESTAMP(3))
       AND (b.status <> 'HELD' OR b.hold_expires_at > UTC_TIMESTAMP(3))`,
    [venueIds],
  );
  return Number(rows[0].pairs);
}
