import { once } from 'node:events';
import { Queue } from 'bullmq';
import { redisOptionsFor } from '@app/database';
import { NOTIFICATIONS_QUEUE } from '@app/notifications';
import { activeVenue, EVERY_DAY, nextKey, REQUEST } from './support/booking-fixtures';
import { eventually } from './support/eventually';
import { PrivateRedis } from './support/private-servers';
import { errorCode, TestApi } from './support/test-api';
import { WorkerProcess } from './support/worker-process';

/**
 * The organizer half a minute before the start; the approvers once a request has waited six
 * seconds. Bookings start 36 s ahead, so every reminder falls due some six seconds after it is
 * planned: after Redis is stopped (at once), about when the worker has found Redis again (its
 * schedulers are checked every five seconds), and long before the start, so that one whose job
 * Redis lost and that falls due before the job is back is still sent late.
 */
const PLAN = 'organizer@start-30s,approvers@requested+6s';
const LEAD_MS = 36_000;

const RESCHEDULE =
  'mutation($id: ID!, $s: DateTime!, $e: DateTime!) { rescheduleBooking(id: $id, startsAt: $s, endsAt: $e) { version status } }';
const CANCEL = 'mutation($id: ID!) { cancelBooking(id: $id, reason: "Not needed") { status } }';
const SUBMIT = 'mutation($id: ID!) { submitBooking(id: $id) { status } }';

describe('Redis stopped, bookings changed meanwhile, Redis started again empty', () => {
  let redis: PrivateRedis;
  let api: TestApi;
  let worker: WorkerProcess | undefined;
  let observer: Queue;

  beforeAll(async () => {
    redis = await PrivateRedis.start();
    api = await TestApi.start({
      demo: true,
      env: { REDIS_URL: redis.url, REMINDER_PLAN: PLAN, REMINDER_RECONCILE_SECONDS: '2' },
    });
    worker = WorkerProcess.start(api.env);
    expect(await worker.ready()).toBe(true);
    observer = new Queue(NOTIFICATIONS_QUEUE, {
      connection: redisOptionsFor(redis.url),
      prefix: api.env.QUEUE_PREFIX,
    });
    observer.on('error', () => undefined); // it loses its connection on purpose
  });

  afterAll(async () => {
    await observer?.close();
    if (worker && worker.child.exitCode === null) {
      worker.child.kill('SIGTERM');
      await once(worker.child, 'exit');
    }
    await api?.close();
    await redis?.down();
  });

  const health = () => fetch(`${api.url}/health`).then((response) => response.status);

  it('schedules and delivers every reminder exactly once, none for cancelled or moved-away times', async () => {
    const [admin, qianmen, organizer] = await Promise.all(
      ['admin', 'qianmen', 'organizer'].map((name) => api.login(`${name}@demo.local`)),
    );
    const tokens = { qianmen, admin };
    const open = { openingHours: EVERY_DAY('00:00', '24:00') };
    const [kept, moved, cancelled, offline] = await Promise.all(
      [1, 2, 3, 4].map(() => activeVenue(api, tokens, { ...open, requiresApproval: false })),
    );
    const needsApproval = await activeVenue(api, tokens, { ...open, requiresApproval: true });

    const at = (ms: number) => new Date(Math.ceil(ms / 1000) * 1000);
    async function book(venueId: string, title: string, startsAt: Date, hold = false) {
      const result = await api.gql(
        REQUEST,
        {
          input: {
            venueId,
            title,
            attendees: 20,
            hold,
            startsAt: startsAt.toISOString(),
            endsAt: new Date(startsAt.getTime() + 3_600_000).toISOString(),
          },
          key: nextKey(),
        },
        organizer,
      );
      expect(result.errors).toBeUndefined();
      return result.data.requestBooking.id as string;
    }

    // Before the outage: three bookings whose reminder jobs are in Redis.
    const startsAt = at(Date.now() + LEAD_MS);
    const a = await book(kept, 'Kept meeting', startsAt);
    const b = await book(moved, 'Moved meeting', startsAt);
    const c = await book(cancelled, 'Cancelled meeting', startsAt);
    for (const id of [a, b, c]) {
      const job = await eventually(
        () => observer.getJob(`reminder-${id}-v1-organizer-start-30s`),
        (found) => found !== undefined,
      );
      expect(job).toBeDefined();
    }

    await redis.down();
    expect(await eventually(health, (status) => status === 503)).toBe(503);

    // While Redis is away every change still succeeds: the outbox keeps what to notify.
    const movedTo = new Date(startsAt.getTime() + 2_000);
    const rescheduled = await api.gql(
      RESCHEDULE,
      {
        id: b,
        s: movedTo.toISOString(),
        e: new Date(movedTo.getTime() + 3_600_000).toISOString(),
      },
      organizer,
    );
    expect(rescheduled.data?.rescheduleBooking).toEqual({ version: 2, status: 'APPROVED' });
    expect(errorCode(await api.gql(CANCEL, { id: c }, organizer))).toBeUndefined();
    const d = await book(offline, 'Booked while Redis was away', at(Date.now() + LEAD_MS));
    // A hold queues its expiry job: the producer fails at once and the request still succeeds.
    const e = await book(
      needsApproval,
      'Request while Redis was away',
      at(Date.now() + 86_400_000),
      true,
    );
    expect((await api.gql(SUBMIT, { id: e }, organizer)).data?.submitBooking.status).toBe(
      'PENDING_APPROVAL',
    );

    await redis.up(); // empty: every job and job scheduler is gone
    expect(await eventually(health, (status) => status === 200)).toBe(200);

    const ours = [a, b, c, d, e];
    type Delivered = { bookingId: string; recipientId: string; kind: string; deliveryKey: string };
    const delivered = () =>
      api.dataSource.query<Delivered[]>(
        `SELECT booking_id AS bookingId, recipient_id AS recipientId, kind, delivery_key AS deliveryKey
           FROM notifications WHERE booking_id IN (?) ORDER BY id`,
        [ours],
      );
    const managers: { id: string }[] = await api.dataSource.query(
      `SELECT id FROM users WHERE role = 'SUBDISTRICT_MANAGER' AND active = 1
          AND subdistrict_id = (SELECT subdistrict_id FROM venues WHERE id = ?)`,
      [needsApproval],
    );
    const [{ id: organizerId }] = await api.dataSource.query(
      "SELECT id FROM users WHERE email = 'organizer@demo.local'",
    );
    const expected = [
      ...[a, b, d].map((id) => `${id} ${organizerId} REMINDER`),
      ...managers.map((manager) => `${e} ${manager.id} APPROVAL_WAITING`),
      // Told at once when the request reached them, as well as reminded that it still waits.
      ...managers.map((manager) => `${e} ${manager.id} APPROVAL_REQUESTED`),
    ].sort();
    const key = (n: { bookingId: string; recipientId: string; kind: string }) =>
      `${n.bookingId} ${n.recipientId} ${n.kind}`;

    await eventually(
      delivered,
      (rows) => expected.every((k) => rows.some((row) => key(row) === k)),
      180_000,
    );
    // Then until none of their reminder jobs is left to run, so a stale or repeated one would show.
    const pending = await eventually(
      async () =>
        (await observer.getJobs(['waiting', 'delayed', 'active', 'prioritized'])).filter(
          (job) => job.name === 'reminder' && ours.includes(job.data.bookingId),
        ),
      (jobs) => jobs.length === 0,
      30_000,
    );
    expect(pending).toEqual([]);

    const rows = await delivered();
    expect(rows.map(key).sort()).toEqual(expected);
    const moveReminder = rows.find((row) => row.bookingId === b)!;
    expect(moveReminder.deliveryKey).toContain(`reminder-${b}-v2-`);
    expect(rows.some((row) => row.bookingId === c)).toBe(false);
    expect(
      Number(
        (
          await api.dataSource.query(
            'SELECT COUNT(*) AS n FROM outbox_events WHERE relayed_at IS NULL',
          )
        )[0].n,
      ),
    ).toBe(0);
    // What brought the empty Redis back to work.
    expect(worker!.output).toContain('job scheduler relay-outbox was missing from Redis');
    expect(worker!.output).toContain('job scheduler reconcile-reminders was missing from Redis');
    expect(worker!.child.exitCode).toBeNull();
  }, 300_000);
});
