import { activeVenue, EVERY_DAY, nextKey, on, REQUEST } from '../support/booking-fixtures';
import { eventually } from '../support/eventually';
import { PrivateMariaDb, PrivateRedis } from '../support/private-servers';
import { GraphQLResponse, TestApi } from '../support/test-api';
import { WorkerProcess } from '../support/worker-process';
import { count } from './support/figures';

/** Each request waits for Qianmen's approval; Qianmen is reminded 20 s after it was made. */
const PLAN = 'approvers@requested+20s';
/** One venue for each client. */
const CLIENTS = 6;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('faults under load: the worker killed, Redis and MariaDB restarted', () => {
  let database: PrivateMariaDb;
  let redis: PrivateRedis;
  let api: TestApi;
  let worker: WorkerProcess;
  let organizer: string;
  let venues: string[];

  beforeAll(async () => {
    [database, redis] = await Promise.all([PrivateMariaDb.start(), PrivateRedis.start()]);
    api = await TestApi.start({
      demo: true,
      databaseServer: database.url(),
      env: { REDIS_URL: redis.url, REMINDER_PLAN: PLAN, REMINDER_RECONCILE_SECONDS: '3' },
    });
    const [admin, qianmen] = await Promise.all(
      ['admin', 'qianmen'].map((n) => api.login(`${n}@demo.local`)),
    );
    organizer = await api.login('organizer@demo.local');
    venues = [];
    for (let i = 0; i < CLIENTS; i++)
      venues.push(
        await activeVenue(
          api,
          { qianmen, admin },
          { requiresApproval: true, openingHours: EVERY_DAY('00:00', '24:00') },
        ),
      );
    worker = WorkerProcess.start(api.env);
    expect(await worker.ready()).toBe(true);
  }, 180_000);

  afterAll(async () => {
    worker?.child.kill('SIGKILL');
    await api?.close().catch(() => undefined);
    await redis?.down();
    await database?.remove();
  });

  const health = async () => (await fetch(`${api.url}/health`)).status;

  it('loses no committed booking and no reminder, sends none twice, and recovers by itself', async () => {
    const committed: string[] = [];
    const failures = new Map<string, number>();
    let running = true;
    // Each client books the hours of its own venue, one after another, while the faults happen:
    // 168 slots a week, so even thousands of bookings stay well inside the venue's 365 days.
    const clients = Array.from({ length: CLIENTS }, async (_, client) => {
      for (let n = 0; running; n++) {
        const hour = n % 24;
        const week = 2 + Math.floor(n / 168);
        const day = (1 + (Math.floor(n / 24) % 7)) as 1;
        let response: GraphQLResponse;
        try {
          response = await api.gql(
            REQUEST,
            {
              input: {
                venueId: venues[client],
                title: `Under load ${client}.${n}`,
                attendees: 10,
                startsAt: on(week, day, `${String(hour).padStart(2, '0')}:00`),
                endsAt: on(week, day, `${String(hour).padStart(2, '0')}:45`),
              },
              key: nextKey(),
            },
            organizer,
          );
        } catch {
          failures.set('no HTTP answer', (failures.get('no HTTP answer') ?? 0) + 1);
          await sleep(200);
          continue;
        }
        const booked = response.data?.requestBooking;
        if (booked) committed.push(booked.id);
        else {
          const code = response.errors?.[0]?.extensions.code ?? `HTTP ${response.status}`;
          failures.set(code, (failures.get(code) ?? 0) + 1);
          await sleep(100);
        }
      }
    });

    const faults: string[] = [];
    await sleep(4000);
    // The worker, killed mid-work and started again.
    worker.child.kill('SIGKILL');
    faults.push('worker SIGKILL');
    await sleep(2000);
    worker = WorkerProcess.start(api.env);
    expect(await worker.ready()).toBe(true);
    await sleep(4000);

    // Redis, killed and started again empty: delayed reminders and schedulers are gone.
    await redis.down();
    faults.push('Redis restart');
    expect(await eventually(health, (status) => status === 503)).toBe(503);
    await sleep(4000);
    await redis.up();
    expect(await eventually(health, (status) => status === 200, 30_000)).toBe(200);
    await sleep(4000);

    // MariaDB, killed and started again: what was committed is still there.
    await database.down();
    faults.push('MariaDB restart');
    expect(await eventually(health, (status) => status === 503)).toBe(503);
    await sleep(3000);
    await database.up();
    expect(await eventually(health, (status) => status === 200, 60_000)).toBe(200);
    await sleep(4000);
    running = false;
    await Promise.all(clients);
    process.stdout.write(
      `faults: ${faults.join(', ')}; bookings committed ${committed.length}; refused ${JSON.stringify(Object.fromEntries(failures))}\n`,
    );
    count('faultsInjected', faults.length);
    // While a service was down the API said so, with a code a client can act on.
    count('internalErrors', failures.get('INTERNAL_SERVER_ERROR') ?? 0);
    expect([...failures.keys()].filter((code) => code !== 'SERVICE_UNAVAILABLE')).toEqual([]);

    // No committed booking lost.
    const stored: { id: string }[] = await api.dataSource.query(
      `SELECT id FROM bookings WHERE id IN (?)`,
      [committed],
    );
    expect(stored.length).toBe(committed.length);

    // Every request's reminder arrives once, the last ones 20 s after they were made.
    const reminders = (): Promise<{ bookingId: string; n: string }[]> =>
      api.dataSource.query(
        `SELECT booking_id AS bookingId, COUNT(*) AS n FROM notifications
          WHERE kind = 'APPROVAL_WAITING' GROUP BY booking_id`,
      );
    const delivered = await eventually(
      reminders,
      (rows) => rows.length >= committed.length,
      120_000,
    );
    await sleep(5000); // a late duplicate would show by now
    const final = await reminders();
    const byBooking = new Map(final.map((row) => [String(row.bookingId), Number(row.n)]));
    const lost = committed.filter((id) => !byBooking.has(id)).length;
    const duplicates = [...byBooking.values()].reduce((sum, n) => sum + (n - 1), 0);
    count('lostReminders', lost);
    count('duplicateDeliveries', duplicates);
    expect(delivered.length).toBe(final.length);
    expect({ lost, duplicates }).toEqual({ lost: 0, duplicates: 0 });

    // Nothing crashed: the API answers and the worker still runs.
    expect(await health()).toBe(200);
    expect(worker.child.exitCode).toBeNull();
    count('faultsSurvived', faults.length);
  }, 600_000);
});
