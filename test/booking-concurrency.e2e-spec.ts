import { Queue } from 'bullmq';
import {
  BOOKINGS_QUEUE,
  BookingHousekeepingService,
  BookingJob,
  expireHoldJobId,
} from '@app/bookings';
import { loadConfig } from '@app/config';
import { redisOptionsFor } from '@app/database';
import {
  activeVenue,
  beijing,
  nextKey,
  OVERLAPPING_PAIRS_SQL,
  REQUEST,
} from './support/booking-fixtures';
import { errorCode, TestApi } from './support/test-api';
import { createWorkerApp } from '../apps/worker/src/bootstrap';

describe('bookings under concurrency, idempotency and holds', () => {
  let api: TestApi;
  let admin: string;
  let qianmen: string;
  let organizers: string[];

  beforeAll(async () => {
    api = await TestApi.start({ demo: true });
    [admin, qianmen, ...organizers] = await Promise.all(
      ['admin', 'qianmen', 'organizer', 'organizer2'].map((name) =>
        api.login(`${name}@demo.local`),
      ),
    );
  });

  afterAll(() => api.close());

  const venue = (overrides: Record<string, unknown> = {}) =>
    activeVenue(api, { qianmen, admin }, overrides);
  const input = (
    venueId: string,
    days: number,
    from: string,
    to: string,
    extra: Record<string, unknown> = {},
  ) => ({
    venueId,
    startsAt: beijing(days, from),
    endsAt: beijing(days, to),
    title: 'Concurrent request',
    attendees: 10,
    ...extra,
  });
  const book = (i: number, body: Record<string, unknown>, key = nextKey()) =>
    api.gql(REQUEST, { input: body, key }, organizers[i % organizers.length]);

  async function overlappingPairs(): Promise<number> {
    const [row] = await api.dataSource.query(OVERLAPPING_PAIRS_SQL);
    return Number(row.pairs);
  }

  it('lets exactly one of 60 simultaneous overlapping requests at one venue win', async () => {
    const id = await venue({ requiresApproval: true });
    const starts = ['09:00', '09:15', '09:30', '09:45', '10:00', '10:15'];
    const results = await Promise.all(
      Array.from({ length: 60 }, (_, i) =>
        book(i, input(id, 40, starts[i % starts.length], '11:00')),
      ),
    );
    const won = results.filter((r) => r.data?.requestBooking);
    expect(won).toHaveLength(1);
    expect(won[0].data.requestBooking.status).toBe('PENDING_APPROVAL');
    expect(results.filter((r) => errorCode(r) === 'SLOT_TAKEN')).toHaveLength(59);
    const [{ n }] = await api.dataSource.query(
      'SELECT COUNT(*) AS n FROM bookings WHERE venue_id = ?',
      [id],
    );
    expect(Number(n)).toBe(1);
    expect(await overlappingPairs()).toBe(0);
  });

  it('books exactly the feasible maximum in a mixed burst over several venues', async () => {
    const venues = await Promise.all([
      venue(),
      venue({ requiresApproval: true }),
      venue(),
      venue({ requiresApproval: true }),
    ]);
    // Per venue: A is free of the rest; B and C overlap each other; B touches A. At most 2 fit.
    const slots: [string, string][] = [
      ['09:00', '10:00'],
      ['10:00', '11:00'],
      ['10:30', '11:30'],
    ];
    const calls = venues.flatMap((id) =>
      slots.flatMap(([from, to]) => Array.from({ length: 5 }, () => input(id, 41, from, to))),
    );
    const results = await Promise.all(calls.map((body, i) => book(i, body)));
    const won = results.filter((r) => r.data?.requestBooking);
    expect(won).toHaveLength(venues.length * 2);
    expect(results.length - won.length).toBe(
      results.filter((r) => errorCode(r) === 'SLOT_TAKEN').length,
    );
    expect(await overlappingPairs()).toBe(0);
    const perVenue = await api.dataSource.query(
      `SELECT venue_id, COUNT(*) AS n FROM bookings WHERE venue_id IN (${venues.join(',')}) GROUP BY venue_id`,
    );
    expect(perVenue.map((row: any) => Number(row.n))).toEqual([2, 2, 2, 2]);
  });

  it('never lets two pending requests for one slot exist', async () => {
    const id = await venue({ requiresApproval: true });
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) => book(i, input(id, 42, '14:00', '16:00'))),
    );
    expect(
      results.filter((r) => r.data?.requestBooking?.status === 'PENDING_APPROVAL'),
    ).toHaveLength(1);
    const [{ n }] = await api.dataSource.query(
      "SELECT COUNT(*) AS n FROM bookings WHERE venue_id = ? AND status = 'PENDING_APPROVAL'",
      [id],
    );
    expect(Number(n)).toBe(1);
  });

  it('creates one booking for parallel calls with one idempotency key, and refuses the key for another request', async () => {
    const id = await venue();
    const key = nextKey();
    const body = input(id, 43, '09:00', '10:00');
    const results = await Promise.all(Array.from({ length: 8 }, () => book(0, body, key)));
    const ids = new Set(results.map((r) => r.data?.requestBooking?.id));
    expect(results.every((r) => r.errors === undefined)).toBe(true);
    expect(ids.size).toBe(1);
    const [{ n }] = await api.dataSource.query(
      'SELECT COUNT(*) AS n FROM bookings WHERE venue_id = ?',
      [id],
    );
    expect(Number(n)).toBe(1);
    const reused = await book(0, input(id, 43, '11:00', '12:00'), key);
    expect(errorCode(reused)).toBe('CONFLICT');
    expect(reused.errors![0].extensions.field).toBe('idempotencyKey');
  });

  it('holds a slot until the hold expires, then frees it even before any job runs', async () => {
    const id = await venue();
    const held = (await book(0, input(id, 44, '09:00', '10:00', { hold: true }))).data
      .requestBooking;
    expect(held.status).toBe('HELD');
    const minutes = (Date.parse(held.holdExpiresAt) - Date.now()) / 60_000;
    expect(minutes).toBeGreaterThan(29);
    expect(minutes).toBeLessThanOrEqual(30);
    expect(errorCode(await book(1, input(id, 44, '09:30', '10:30')))).toBe('SLOT_TAKEN');

    // Time passes: the hold runs out, and the expiry job has not run (late, or Redis away).
    await api.dataSource.query(
      'UPDATE bookings SET hold_expires_at = UTC_TIMESTAMP(3) - INTERVAL 1 SECOND WHERE id = ?',
      [held.id],
    );
    const taken = await book(1, input(id, 44, '09:30', '10:30'));
    expect(taken.data.requestBooking.status).toBe('APPROVED');
    const submitted = await api.gql(
      'mutation($id: ID!) { submitBooking(id: $id) { status } }',
      { id: held.id },
      organizers[0],
    );
    expect(errorCode(submitted)).toBe('HOLD_EXPIRED');
    expect(await overlappingPairs()).toBe(0);
  });

  it('submits a live hold, and expires a dead one through the worker’s BullMQ job', async () => {
    const id = await venue();
    const live = (await book(0, input(id, 45, '09:00', '10:00', { hold: true }))).data
      .requestBooking;
    const submitted = await api.gql(
      'mutation($id: ID!) { submitBooking(id: $id) { status holdExpiresAt } }',
      { id: live.id },
      organizers[0],
    );
    expect(submitted.data.submitBooking).toEqual({ status: 'APPROVED', holdExpiresAt: null });

    const dead = (await book(0, input(id, 45, '12:00', '13:00', { hold: true }))).data
      .requestBooking;
    // The API scheduled the hold's expiry as a delayed BullMQ job due when the hold runs out.
    const inspect = new Queue(BOOKINGS_QUEUE, {
      connection: redisOptionsFor(loadConfig().redis.url),
      prefix: api.env.QUEUE_PREFIX,
    });
    const scheduled = await inspect.getJob(
      expireHoldJobId({ bookingId: dead.id, version: dead.version }),
    );
    await inspect.close();
    expect(scheduled?.name).toBe(BookingJob.EXPIRE_HOLD);
    expect(
      Math.abs(scheduled!.timestamp + scheduled!.delay - Date.parse(dead.holdExpiresAt)),
    ).toBeLessThan(2000);
    await api.dataSource.query(
      'UPDATE bookings SET hold_expires_at = UTC_TIMESTAMP(3) - INTERVAL 1 SECOND WHERE id = ?',
      [dead.id],
    );
    const worker = await createWorkerApp({ ...api.env, LOG_LEVEL: 'warn' });
    const queue = new Queue(BOOKINGS_QUEUE, {
      connection: redisOptionsFor(loadConfig().redis.url),
      prefix: api.env.QUEUE_PREFIX,
    });
    try {
      const payload = { bookingId: dead.id, version: dead.version };
      await queue.add(BookingJob.EXPIRE_HOLD, payload, {
        jobId: `${expireHoldJobId(payload)}-now`,
      });
      let status = 'HELD';
      for (let i = 0; i < 100 && status === 'HELD'; i++) {
        await new Promise((resolve) => setTimeout(resolve, 100));
        [{ status }] = await api.dataSource.query('SELECT status FROM bookings WHERE id = ?', [
          dead.id,
        ]);
      }
      expect(status).toBe('EXPIRED');
      const trail = await api.gql(
        'query($id: ID!) { booking(id: $id) { auditTrail { action fromStatus toStatus actor { email } } } }',
        { id: dead.id },
        organizers[0],
      );
      expect(trail.data.booking.auditTrail.at(-1)).toEqual({
        action: 'expired',
        fromStatus: 'HELD',
        toStatus: 'EXPIRED',
        actor: null,
      });
    } finally {
      await queue.obliterate({ force: true });
      await queue.close();
      await worker.close();
    }
  });

  it('marks bookings past their end COMPLETED in the housekeeping pass', async () => {
    const id = await venue();
    const booking = (await book(0, input(id, 46, '09:00', '10:00'))).data.requestBooking;
    expect(booking.status).toBe('APPROVED');
    // The event took place: move it into the past.
    await api.dataSource.query(
      `UPDATE bookings SET starts_at = UTC_TIMESTAMP(3) - INTERVAL 3 HOUR, ends_at = UTC_TIMESTAMP(3) - INTERVAL 2 HOUR,
         occupied_from = UTC_TIMESTAMP(3) - INTERVAL 3 HOUR, occupied_until = UTC_TIMESTAMP(3) - INTERVAL 2 HOUR WHERE id = ?`,
      [booking.id],
    );
    const moved = await api.app.get(BookingHousekeepingService).sweep();
    expect(moved.completed).toBeGreaterThanOrEqual(1);
    const trail = await api.gql(
      'query($id: ID!) { booking(id: $id) { status auditTrail { action toStatus } } }',
      { id: booking.id },
      organizers[0],
    );
    expect(trail.data.booking.status).toBe('COMPLETED');
    expect(trail.data.booking.auditTrail.at(-1)).toEqual({
      action: 'completed',
      toStatus: 'COMPLETED',
    });
  });
});
