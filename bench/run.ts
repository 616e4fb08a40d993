// `npm run bench`: our paths against the parts we build on, side by side in one run, over a
// database and Redis key prefix of the run's own. Prints a table and writes bench/results.json.
import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import Redis from 'ioredis';
import { createConnection, createPool, Pool } from 'mysql2/promise';
import { loadConfig } from '@app/config';
import { redisOptionsFor } from '@app/database';
import { createTestDatabase, TestDatabase } from '@app/database/testing';
import { activeVenueIds, bookOverHttp, bookRaw, overlaps } from './booking';
import {
  AppProcess,
  closeHttpAgent,
  elapsed,
  graphql,
  DAY,
  HOUR,
  LoadResult,
  memoryOf,
  percentile,
  ROOT,
  round,
  sideBySide,
  sleep,
} from './common';
import { listOverHttp, listRawLoad, pageStarts } from './list';
import {
  approvedRules,
  bareAddBulk,
  farAhead,
  insertApprovedBookings,
  lateness,
  reminderJobs,
  untilDelayed,
} from './reminders';
import { reportBench } from './report';
import { sameAnswer, searchOverHttp, searchRawLoad } from './search';
import { beijingMidnight, MANAGER_EMAIL, PASSWORD, seed } from './seed';
import { staffingBench } from './staffing';
import { ensureLocalServices } from '../scripts/local-services';

const env = (name: string, fallback: number) => Number(process.env[name] ?? fallback);
const SECONDS = env('BENCH_SECONDS', 15);
/** Ours and the reference take turns in this many slices of SECONDS / ROUNDS each. */
const ROUNDS = env('BENCH_ROUNDS', 3);
const WARMUP = env('BENCH_WARMUP_SECONDS', 3);
/**
 * Booking load each side runs first, unmeasured, at venues of its own. The API's optimising
 * compiler takes about a quarter of its CPU through its first half-minute of booking load (perf,
 * 2 cores), the reference's few functions are compiled in milliseconds: measured from a cold
 * start, the ratio would be mostly the API's warm-up, which a running service has long paid.
 */
const BOOKING_WARMUP = env('BENCH_BOOKING_WARMUP_SECONDS', 20);
const VENUES = env('BENCH_VENUES', 10_000);
const BOOKINGS = env('BENCH_SEEDED_BOOKINGS', 1_000_000);
const REMINDERS = env('BENCH_REMINDERS', 100_000);
const CLIENTS = env('BENCH_CLIENTS', 32);
const SEARCH_CLIENTS = env('BENCH_SEARCH_CLIENTS', 8);
const BOOKING_VENUES = 200;
const POOL_SIZE = env('BENCH_POOL_SIZE', 10);
const SEED = 20260601;
/** Reminders that fall due during the run, to measure how late they fire. */
const DUE_BOOKINGS = 100;

function log(message: string): void {
  console.log(`[bench ${new Date().toISOString().slice(11, 19)}] ${message}`);
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** Waits until every outbox event is relayed and no notification job waits or runs. */
async function drain(
  pool: Pool,
  redis: Redis,
  prefix: string,
  timeoutSeconds: number,
): Promise<number> {
  const started = Date.now();
  for (;;) {
    const [rows] = await pool.query(
      'SELECT COUNT(*) AS n FROM outbox_events WHERE relayed_at IS NULL',
    );
    const pending = Number((rows as { n: number }[])[0].n);
    const waiting =
      (await redis.llen(`${prefix}:notifications:wait`)) +
      (await redis.zcard(`${prefix}:notifications:prioritized`)) +
      (await redis.llen(`${prefix}:notifications:active`));
    if (!pending && !waiting) return elapsed(started);
    if (elapsed(started) > timeoutSeconds)
      throw new Error(`outbox not drained: ${pending} events, ${waiting} jobs`);
    await sleep(100);
  }
}

/** Delayed notification jobs due at `from` or later (BullMQ scores are due time x 4096). */
function farDelayed(redis: Redis, prefix: string, from: number): Promise<number> {
  return redis.zcount(`${prefix}:notifications:delayed`, from * 0x1000, '+inf');
}

async function deleteKeys(redis: Redis, pattern: string): Promise<void> {
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', pattern, 'COUNT', 1000);
    cursor = next;
    if (keys.length) await redis.unlink(...keys);
  } while (cursor !== '0');
}

interface LoadFigures {
  per_s: number;
  /** Calls per second, refused ones included. */
  attempts_per_s: number;
  p50_ms: number;
  p95_ms: number;
  p99_ms: number;
  ok: number;
  refused: number;
  errors: number;
  seconds: number;
}

function figures(result: LoadResult): LoadFigures {
  if (result.errors) log(`  ${result.errors} errors, the first: ${result.firstError}`);
  return {
    per_s: round(result.ok / result.seconds, 1),
    attempts_per_s: round((result.ok + result.refused) / result.seconds, 1),
    p50_ms: round(percentile(result.latencies, 50), 1),
    p95_ms: round(percentile(result.latencies, 95), 1),
    p99_ms: round(percentile(result.latencies, 99), 1),
    ok: result.ok,
    refused: result.refused,
    errors: result.errors,
    seconds: round(result.seconds, 2),
  };
}

async function main(): Promise<void> {
  const runStarted = Date.now();
  const config = loadConfig();
  // As `npm test` does: start the local MariaDB and Redis (and the database user) if need be.
  await ensureLocalServices(config);
  const load = loadavg().map((x) => round(x, 2));
  log(`${cpus().length} cores, load average ${load.join(' ')}`);

  let database: TestDatabase | undefined;
  let pool: Pool | undefined;
  let redis: Redis | undefined;
  const processes: AppProcess[] = [];
  const prefix = `bench${randomBytes(4).toString('hex')}`;
  try {
    let started = Date.now();
    database = await createTestDatabase();
    const migrateSeconds = elapsed(started);
    log(
      `database ${database.name} migrated in ${migrateSeconds.toFixed(1)} s; key prefix ${prefix}`,
    );

    const port = await freePort();
    const appEnv = {
      NODE_ENV: 'production',
      PORT: String(port),
      DATABASE_URL: database.url,
      DATABASE_POOL_SIZE: String(POOL_SIZE),
      REDIS_URL: config.redis.url,
      QUEUE_PREFIX: prefix,
      JWT_SECRET: randomBytes(32).toString('hex'),
      BCRYPT_COST: '4',
      // Every client comes from this one address, far above any person's pace: the abuse limits
      // would measure themselves, not the booking path.
      RATE_LIMIT_USER_MUTATIONS_PER_MINUTE: '1000000',
      RATE_LIMIT_IP_MUTATIONS_PER_MINUTE: '1000000',
      RATE_LIMIT_IP_LOGINS_PER_MINUTE: '1000000',
    };
    // Request logs off in the API (LOG_LEVEL warn); the worker says when it is ready at info.
    const api = AppProcess.start('api', { ...appEnv, LOG_LEVEL: 'warn' });
    const worker = AppProcess.start('worker', { ...appEnv, LOG_LEVEL: 'info' });
    processes.push(api, worker);

    const firstDay = beijingMidnight(1);
    const connection = await createConnection({ uri: database.url, timezone: 'Z' });
    started = Date.now();
    const seeded = await seed(connection, {
      venues: VENUES,
      bookings: BOOKINGS,
      firstDay,
      days: 200,
    });
    await connection.end();
    const seedSeconds = elapsed(started);
    log(
      `seeded ${VENUES} venues and ${BOOKINGS} bookings in ${seedSeconds.toFixed(1)} s ` +
        `(numbers ${seeded.seconds.numbers.toFixed(1)}, venues ${seeded.seconds.venues.toFixed(1)}, bookings ${seeded.seconds.bookings.toFixed(1)})`,
    );

    const url = `http://127.0.0.1:${port}`;
    const deadline = Date.now() + 90_000;
    for (;;) {
      const ok = await fetch(`${url}/health`).then(
        (r) => r.ok,
        () => false,
      );
      if (ok) break;
      if (api.child.exitCode !== null || Date.now() > deadline)
        throw new Error(`the API did not start:\n${api.output}`);
      await sleep(250);
    }
    await worker.ready('worker ready');
    const idle = { api: memoryOf(api.pid), worker: memoryOf(worker.pid) };
    log(`API (pid ${api.pid}) and worker (pid ${worker.pid}) ready`);

    const tokens: string[] = [];
    for (const email of seeded.organizerEmails) {
      const response = await graphql<{ login: { accessToken: string } }>(
        url,
        'mutation($email: String!, $password: String!) { login(email: $email, password: $password) { accessToken } }',
        { email, password: PASSWORD },
      );
      if (!response.data) throw new Error(`login failed: ${JSON.stringify(response.errors)}`);
      tokens.push(response.data.login.accessToken);
    }
    const managerLogin = await graphql<{
      login: { accessToken: string; user: { subdistrict: { id: string } } };
    }>(
      url,
      'mutation($email: String!, $password: String!) { login(email: $email, password: $password) { accessToken user { subdistrict { id } } } }',
      { email: MANAGER_EMAIL, password: PASSWORD },
    );
    if (!managerLogin.data) throw new Error(`login failed: ${JSON.stringify(managerLogin.errors)}`);
    const manager = {
      token: managerLogin.data.login.accessToken,
      subdistrictId: managerLogin.data.login.user.subdistrict.id,
    };
    pool = createPool({ uri: database.url, timezone: 'Z', connectionLimit: POOL_SIZE });
    redis = new Redis(redisOptionsFor(config.redis.url));

    // 2. Search over 10,000 venues and 1,000,000 bookings.
    const searchRun = {
      clients: SEARCH_CLIENTS,
      seconds: SECONDS,
      warmupSeconds: WARMUP,
      seed: SEED,
      firstDay,
      days: 200,
    };
    const same = await sameAnswer(searchRun, url, tokens[0], pool);
    log(`search: both paths give the same answer: ${same}`);
    const slice = (i: number, seconds: number, warmupSeconds: number) => ({
      ...searchRun,
      seed: SEED + 100 * i,
      seconds,
      warmupSeconds,
    });
    const [searchOursRun, searchRefRun] = await sideBySide(
      ROUNDS,
      SECONDS,
      WARMUP,
      (i, seconds, warmup) => searchOverHttp(slice(i, seconds, warmup), url, tokens[0]),
      (i, seconds, warmup) => searchRawLoad(slice(i, seconds, warmup), pool!),
    );
    const searchOurs = figures(searchOursRun);
    log(`search ours: ${JSON.stringify(searchOurs)}`);
    const searchRef = figures(searchRefRun);
    log(`search raw: ${JSON.stringify(searchRef)}`);

    // A subdistrict manager's list of bookings, a page of 50 with venue and organizer.
    const starts = await pageStarts(pool, manager.subdistrictId);
    const listRun = (i: number, seconds: number, warmupSeconds: number) => ({
      clients: SEARCH_CLIENTS,
      seconds,
      warmupSeconds,
      seed: SEED + 100 * i,
    });
    const [listOursRun, listRefRun] = await sideBySide(
      ROUNDS,
      SECONDS,
      WARMUP,
      (i, seconds, warmup) => listOverHttp(listRun(i, seconds, warmup), url, manager.token, starts),
      (i, seconds, warmup) =>
        listRawLoad(listRun(i, seconds, warmup), pool!, manager.subdistrictId, starts),
    );
    const listOurs = figures(listOursRun);
    log(`list ours: ${JSON.stringify(listOurs)}`);
    const listRef = figures(listRefRun);
    log(`list raw: ${JSON.stringify(listRef)}`);

    // 1. Booking at 200 venues, 32 clients; the worker relays the outbox meanwhile.
    const bookingRun = { ...searchRun, clients: CLIENTS, days: 30 };
    const oursVenues = activeVenueIds(1, BOOKING_VENUES);
    const rawVenues = activeVenueIds(Number(oursVenues[oursVenues.length - 1]) + 1, BOOKING_VENUES);
    const oursWarmVenues = activeVenueIds(Number(rawVenues.at(-1)) + 1, BOOKING_VENUES);
    const rawWarmVenues = activeVenueIds(Number(oursWarmVenues.at(-1)) + 1, BOOKING_VENUES);
    if (BOOKING_WARMUP > 0) {
      const warm = { ...bookingRun, seed: SEED - 1, seconds: BOOKING_WARMUP, warmupSeconds: 0 };
      await drain(pool, redis, prefix, 120);
      const oursWarm = figures(
        await bookOverHttp(warm, url, tokens.slice(0, CLIENTS), oursWarmVenues),
      );
      await drain(pool, redis, prefix, 120);
      const rawWarm = figures(
        await bookRaw(warm, pool, seeded.organizerIds.slice(0, CLIENTS), rawWarmVenues),
      );
      log(
        `booking warm-up, ${BOOKING_WARMUP} s each at venues of its own (not counted): ` +
          `ours ${oursWarm.per_s}/s, raw ${rawWarm.per_s}/s`,
      );
    }
    const bookingSlice = (i: number, seconds: number, warmupSeconds: number) => ({
      ...bookingRun,
      seed: SEED + 100 * i,
      seconds,
      warmupSeconds,
    });
    const [bookingOursRun, bookingRefRun] = await sideBySide(
      ROUNDS,
      SECONDS,
      WARMUP,
      (i, seconds, warmup) =>
        bookOverHttp(bookingSlice(i, seconds, warmup), url, tokens.slice(0, CLIENTS), oursVenues),
      (i, seconds, warmup) =>
        bookRaw(
          bookingSlice(i, seconds, warmup),
          pool!,
          seeded.organizerIds.slice(0, CLIENTS),
          rawVenues,
        ),
      () => drain(pool!, redis!, prefix, 120),
    );
    const underLoad = { api: memoryOf(api.pid), worker: memoryOf(worker.pid) };
    const bookingOurs = figures(bookingOursRun);
    log(`booking ours: ${JSON.stringify(bookingOurs)}`);
    const bookingRef = figures(bookingRefRun);
    log(`booking raw: ${JSON.stringify(bookingRef)}`);
    const overlapPairs = await overlaps(pool, [
      ...oursVenues,
      ...rawVenues,
      ...oursWarmVenues,
      ...rawWarmVenues,
    ]);
    log(`overlapping pairs: ${overlapPairs}`);

    // Let the worker finish the booking runs' outbox events before timing reminders.
    const drainSeconds = await drain(pool, redis, prefix, 120);
    log(`outbox of the booking runs drained in ${drainSeconds.toFixed(1)} s`);

    // 3. Reminders: bare addBulk, then the outbox path with reminders falling due meanwhile.
    const rules = approvedRules(config.reminders);
    const reminderBookings = Math.ceil(REMINDERS / rules.length);
    const reminderVenues = activeVenueIds(1001, Math.min(4000, VENUES - 1100));
    // Security reminders two hours before the start go to the coordinator: written as notifications.
    const dueRule = rules.filter(
      (rule) =>
        rule.audience === 'security' && rule.anchor === 'start' && rule.offsetMs === -2 * HOUR,
    );
    const dueStart = Date.now() + 2 * HOUR + 15_000;
    const dueBookings = await insertApprovedBookings(
      pool,
      seeded.organizerIds[0],
      reminderVenues.slice(0, DUE_BOOKINGS),
      (i) => {
        const startsAt = new Date(dueStart + i * 200);
        return { startsAt, endsAt: new Date(startsAt.getTime() + HOUR) };
      },
      'due',
    );
    const due = dueBookings.flatMap((booking) =>
      dueRule.map((rule) => ({
        deliveryKey: `reminder-${booking.id}-v1-${rule.audience}-${rule.label}-${seeded.coordinatorId}`,
        at: booking.startsAt.getTime() + rule.offsetMs,
      })),
    );
    const bulkTimes = farAhead(firstDay);
    const bulkVenues = Array.from(
      { length: reminderBookings },
      (_, i) => reminderVenues[i % reminderVenues.length],
    );
    // Their reminder jobs exist before the bulk starts; only jobs due a day or more ahead count.
    await drain(pool, redis, prefix, 60);
    const farFrom = Date.now() + DAY;
    const before = await farDelayed(redis, prefix, farFrom);
    started = Date.now();
    const bulk = await insertApprovedBookings(
      pool,
      seeded.organizerIds[1],
      bulkVenues,
      bulkTimes,
      'bulk',
    );
    const insertSeconds = elapsed(started);
    const enqueueStarted = Date.now();
    const jobCount = bulk.length * rules.length;
    const oursSeconds = await untilDelayed(
      () => farDelayed(redis!, prefix, farFrom),
      before + jobCount,
      enqueueStarted,
      240,
    );
    log(
      `reminders ours: ${jobCount} delayed jobs through the outbox in ${oursSeconds.toFixed(2)} s ` +
        `(after ${insertSeconds.toFixed(2)} s inserting the bookings and events)`,
    );
    const jobs = reminderJobs(bulk, rules, Date.now());
    const bareSeconds = await bareAddBulk(config.redis.url, `${prefix}ref`, jobs);
    log(`reminders bare addBulk: ${jobs.length} jobs in ${bareSeconds.toFixed(2)} s`);
    const late = await lateness(pool, due, 30_000);
    log(`reminder lateness: ${JSON.stringify(late)}`);

    // 4. The planner on the generated week.
    const staffing = await staffingBench();
    log(staffing.report);

    const end = { api: memoryOf(api.pid), worker: memoryOf(worker.pid) };

    // 5. The capacity report, over a database of its own (a year of 1,000,000 bookings).
    log('capacity report: seeding its own database');
    const report = await reportBench();
    log(`capacity report: ${report.summary}`);

    const bookingRatio = bookingOurs.per_s / bookingRef.per_s;
    const searchRatio = searchOurs.per_s / searchRef.per_s;
    const listRatio = listOurs.per_s / listRef.per_s;
    const reminderRatio = bareSeconds / oursSeconds;
    const coverage = staffing.covered / Math.max(1, staffing.bound);
    // The figures the performance work is held to, with the run's values beside them.
    const goals: Goal[] = [
      {
        key: 'booking_vs_raw',
        figure: 'booking_vs_raw (bookings/s)',
        ours: bookingOurs.per_s,
        reference: bookingRef.per_s,
        ratio: round(bookingRatio, 3),
        goal: '>= 0.7, no overlaps',
        met: bookingRatio >= 0.7 && overlapPairs === 0,
      },
      {
        key: 'search_vs_raw',
        figure: 'search_vs_raw (queries/s)',
        ours: searchOurs.per_s,
        reference: searchRef.per_s,
        ratio: round(searchRatio, 3),
        goal: '>= 0.5',
        met: searchRatio >= 0.5,
      },
      {
        key: 'search_p95_ms',
        figure: `search p95 ms (${SEARCH_CLIENTS} clients)`,
        ours: searchOurs.p95_ms,
        reference: searchRef.p95_ms,
        goal: '< 250',
        met: searchOurs.p95_ms < 250,
      },
      {
        key: 'search_per_s',
        figure: 'search queries/s, ten times 6.3',
        ours: searchOurs.per_s,
        goal: '>= 63',
        met: searchOurs.per_s >= 63,
      },
      {
        key: 'list_vs_raw',
        figure: 'list_vs_raw (pages of 50/s)',
        ours: listOurs.per_s,
        reference: listRef.per_s,
        ratio: round(listRatio, 3),
        goal: '>= 0.5',
        met: listRatio >= 0.5,
      },
      {
        key: 'reminder_enqueue_vs_bullmq',
        figure: `reminder_enqueue_vs_bullmq (${jobCount} jobs, s)`,
        ours: round(oursSeconds, 2),
        reference: round(bareSeconds, 2),
        ratio: round(reminderRatio, 3),
        goal: '>= 0.7',
        met: reminderRatio >= 0.7,
      },
      {
        key: 'reminder_lateness_p99_ms',
        figure: 'reminder_lateness_p99_ms',
        ours: late.p99,
        goal: '< 1000',
        met: late.p99 < 1000,
      },
      {
        key: 'staffing_coverage_vs_bound',
        figure: 'staffing_coverage_vs_bound (places)',
        ours: staffing.covered,
        reference: staffing.bound,
        ratio: round(coverage, 4),
        goal: `>= 0.99 in < 10 s (${round(staffing.seconds, 2)} s)`,
        met: coverage >= 0.99 && staffing.seconds < 10,
      },
      {
        key: 'api_peak_rss_mb',
        figure: 'api_peak_rss_mb (through booking load)',
        ours: underLoad.api.peakMb,
        goal: '< 300',
        met: underLoad.api.peakMb < 300,
      },
      {
        key: 'worker_peak_rss_mb',
        figure: 'worker_peak_rss_mb (through booking load)',
        ours: underLoad.worker.peakMb,
        goal: '< 300',
        met: underLoad.worker.peakMb < 300,
      },
      {
        key: 'report_p50_ms',
        figure: `report_p50_ms (a year, ${report.venues} venues, ${report.bookings} bookings)`,
        ours: report.p50Ms,
        goal: '< 2000',
        met: report.p50Ms < 2000,
      },
    ];
    const results = {
      date: new Date().toISOString(),
      machine: {
        cores: cpus().length,
        load_average_at_start: load,
        load_average_at_end: loadavg().map((x) => round(x, 2)),
      },
      settings: {
        seconds_per_run: SECONDS,
        rounds: ROUNDS,
        warmup_seconds: WARMUP,
        booking_warmup_seconds: BOOKING_WARMUP,
        venues: VENUES,
        seeded_bookings: BOOKINGS,
        booking_clients: CLIENTS,
        booking_venues: BOOKING_VENUES,
        search_clients: SEARCH_CLIENTS,
        database_pool_size: POOL_SIZE,
      },
      booking_vs_raw: round(bookingRatio, 3),
      booking_per_s: bookingOurs.per_s,
      booking_raw_per_s: bookingRef.per_s,
      booking_p50_ms: bookingOurs.p50_ms,
      booking_p99_ms: bookingOurs.p99_ms,
      booking_raw_p50_ms: bookingRef.p50_ms,
      booking_raw_p99_ms: bookingRef.p99_ms,
      booking_overlaps: overlapPairs,
      booking: { ours: bookingOurs, raw: bookingRef },
      search_vs_raw: round(searchRatio, 3),
      search_per_s: searchOurs.per_s,
      search_raw_per_s: searchRef.per_s,
      search_p50_ms: searchOurs.p50_ms,
      search_p95_ms: searchOurs.p95_ms,
      search_raw_p50_ms: searchRef.p50_ms,
      search_raw_p95_ms: searchRef.p95_ms,
      search_same_answer: same,
      search: { ours: searchOurs, raw: searchRef },
      list_vs_raw: round(listRatio, 3),
      list_per_s: listOurs.per_s,
      list_raw_per_s: listRef.per_s,
      list: { ours: listOurs, raw: listRef },
      reminder_enqueue_vs_bullmq: round(reminderRatio, 3),
      reminders: {
        jobs: jobCount,
        bookings: bulk.length,
        outbox_seconds: round(oursSeconds, 2),
        bare_add_bulk_seconds: round(bareSeconds, 2),
        insert_seconds: round(insertSeconds, 2),
        due_during_run: due.length,
        fired: late.fired,
        lateness_p50_ms: late.p50,
        lateness_max_ms: late.max,
      },
      reminder_lateness_p99_ms: late.p99,
      staffing_coverage_vs_bound: round(coverage, 4),
      staffing_seconds: round(staffing.seconds, 2),
      staffing: {
        places: staffing.places,
        covered: staffing.covered,
        bound: staffing.bound,
        optimal: staffing.optimal,
      },
      api_peak_rss_mb: underLoad.api.peakMb,
      worker_peak_rss_mb: underLoad.worker.peakMb,
      memory: { idle, after_booking_load: underLoad, at_end: end },
      report_p50_ms: report.p50Ms,
      report: report,
      seconds: {
        migrate: round(migrateSeconds, 1),
        seed: round(seedSeconds, 1),
        outbox_drain: round(drainSeconds, 1),
        total: round(elapsed(runStarted), 1),
      },
      goals: Object.fromEntries(goals.map(({ key, ...goal }) => [key, goal])),
    };
    writeFileSync(join(ROOT, 'bench', 'results.json'), `${JSON.stringify(results, null, 2)}\n`);
    printTable(goals, results);
  } finally {
    closeHttpAgent();
    await pool?.end();
    for (const process of processes) await process.stop();
    if (redis) {
      await deleteKeys(redis, `${prefix}:*`);
      await deleteKeys(redis, `${prefix}ref:*`);
      redis.disconnect();
    }
    await database?.drop();
  }
}

interface Goal {
  key: string;
  figure: string;
  ours: number;
  reference?: number;
  ratio?: number;
  goal: string;
  met: boolean;
}

function printTable(
  goals: Goal[],
  r: { machine: { load_average_at_start: number[] }; seconds: { total: number; seed: number } },
): void {
  const rows: string[][] = [
    ['figure', 'ours', 'reference', 'ratio', 'goal', 'met'],
    ...goals.map((g) => [
      g.figure,
      `${g.ours}`,
      g.reference === undefined ? '' : `${g.reference}`,
      g.ratio === undefined ? '' : `${g.ratio}`,
      g.goal,
      g.met ? 'yes' : 'NO',
    ]),
  ];
  const widths = rows[0].map((_, column) => Math.max(...rows.map((row) => row[column].length)));
  const line = (row: string[]) => row.map((cell, i) => cell.padEnd(widths[i])).join('  ');
  console.log();
  console.log(line(rows[0]));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const row of rows.slice(1)) console.log(line(row));
  console.log();
  console.log(
    `load average at start ${r.machine.load_average_at_start.join(' ')}; seeding ${r.seconds.seed} s; ` +
      `whole run ${r.seconds.total} s; written to bench/results.json`,
  );
}

main().then(
  () => process.exit(0),
  (error: Error) => {
    console.error(error.stack ?? error);
    process.exit(1);
  },
);
