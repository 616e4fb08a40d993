// Benchmark of serviceCapacityReport: `npm run bench:report`. Seeds a scratch database (made by
// the test-database helper, dropped at the end) with a year of bookings in bulk INSERT ... SELECT
// statements, then times the report for that year over all venues. Not part of `npm test`.
import { createConnection, Connection } from 'mysql2/promise';
import { Role } from '@app/auth';
import { createTestDatabase, testQueuePrefix } from '@app/database/testing';
import { CapacityReportService } from '@app/reports';
import { createApiApp } from '../apps/api/src/bootstrap';

const BOOKINGS = Number(process.env.BENCH_REPORT_BOOKINGS ?? 1_000_000);
const VENUES = Number(process.env.BENCH_REPORT_VENUES ?? 2_000);
const RUNS = Number(process.env.BENCH_REPORT_RUNS ?? 5);
const ORGANIZERS = 200;
const OFFICERS = 300;
const INTERPRETERS = 200;
const UNMET = Math.round(BOOKINGS / 20);
/** 2025 in Beijing. */
const FROM = new Date('2025-01-01T00:00:00+08:00');
const TO = new Date('2026-01-01T00:00:00+08:00');
const LANGUAGES = ['en', 'fr', 'ru', 'ja', 'ko', 'es', 'de', 'ar'];

async function timed<T>(label: string, work: () => Promise<T>): Promise<T> {
  const started = process.hrtime.bigint();
  const result = await work();
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  console.log(`  ${label}: ${(ms / 1000).toFixed(1)} s`);
  return result;
}

async function seed(db: Connection): Promise<void> {
  await db.query('SET SESSION unique_checks = 0, foreign_key_checks = 0');
  // 0..999 and its square: the row source of every bulk insert.
  await db.query('CREATE TABLE bench_seq (n INT UNSIGNED NOT NULL PRIMARY KEY)');
  await db.query(
    `INSERT INTO bench_seq (n) SELECT a.n + 10 * b.n + 100 * c.n FROM
       (SELECT 0 n UNION ALL SELECT 1 UNION ALL SELECT 2 UNION ALL SELECT 3 UNION ALL SELECT 4 UNION ALL SELECT 5 UNION ALL SELECT 6 UNION ALL SELECT 7 UNION ALL SELECT 8 UNION ALL SELECT 9) a,
       (SELECT 0 n UNION ALL SELECT 1 UNION ALL SELECT 2 UNION ALL SELECT 3 UNION ALL SELECT 4 UNION ALL SELECT 5 UNION ALL SELECT 6 UNION ALL SELECT 7 UNION ALL SELECT 8 UNION ALL SELECT 9) b,
       (SELECT 0 n UNION ALL SELECT 1 UNION ALL SELECT 2 UNION ALL SELECT 3 UNION ALL SELECT 4 UNION ALL SELECT 5 UNION ALL SELECT 6 UNION ALL SELECT 7 UNION ALL SELECT 8 UNION ALL SELECT 9) c`,
  );
  const numbers = (below: number) =>
    `(SELECT a.n * 1000 + b.n AS n FROM bench_seq a JOIN bench_seq b WHERE a.n * 1000 + b.n < ${below})`;

  await timed('users, venues, opening hours, facilities, staff', async () => {
    await db.query(
      `INSERT INTO users (id, email, password_hash, role, subdistrict_id, display_name, locale, time_zone, active, created_at, updated_at)
       SELECT n + 1, CONCAT('user', n, '@bench.local'), 'x',
              CASE WHEN n < ${ORGANIZERS} THEN 'ORGANIZER' WHEN n < ${ORGANIZERS + OFFICERS} THEN 'SECURITY_OFFICER' ELSE 'INTERPRETER' END,
              NULL, CONCAT('User ', n), 'zh', 'Asia/Shanghai', 1, UTC_TIMESTAMP(3), UTC_TIMESTAMP(3)
         FROM ${numbers(ORGANIZERS + OFFICERS + INTERPRETERS)} s`,
    );
    await db.query(
      `INSERT INTO staff_members (id, user_id, kind, name_zh, name_en, accreditation_level, unit, clearance_level, max_hours_per_day, time_zone, active, created_at, updated_at)
       SELECT n - ${ORGANIZERS} + 1, n + 1, IF(n < ${ORGANIZERS + OFFICERS}, 'SECURITY_OFFICER', 'INTERPRETER'),
              CONCAT('员工', n), CONCAT('Staff ', n), IF(n < ${ORGANIZERS + OFFICERS}, NULL, 2), NULL,
              IF(n < ${ORGANIZERS + OFFICERS}, 2, NULL), 10, 'Asia/Shanghai', 1, UTC_TIMESTAMP(3), UTC_TIMESTAMP(3)
         FROM ${numbers(ORGANIZERS + OFFICERS + INTERPRETERS)} s WHERE n >= ${ORGANIZERS}`,
    );
    await db.query(
      `INSERT INTO venues (id, subdistrict_id, name_zh, name_en, address_zh, address_en, kind, seated_capacity, standing_capacity,
         security_level, time_zone, setup_minutes, teardown_minutes, min_notice_hours, max_advance_days, min_duration_minutes,
         max_duration_minutes, requires_approval, status, version, created_at, updated_at)
       SELECT n + 1, 1 + n % 17, CONCAT('场地', n), CONCAT('Venue ', n), '东城区', 'Dongcheng', 'CONFERENCE_HALL',
              40 + (n * 37) % 900, NULL, 1 + n % 3, 'Asia/Shanghai', 0, 0, 0, 365, 30, 720, 1, 'ACTIVE', 1,
              UTC_TIMESTAMP(3), UTC_TIMESTAMP(3)
         FROM ${numbers(VENUES)} s`,
    );
    // Three weekly patterns: Mon–Fri 09–18, every day 08–20, Tue–Sun 10–22.
    await db.query(
      `INSERT INTO venue_opening_hours (venue_id, weekday, opens_minute, closes_minute)
       SELECT v.id, d.n, CASE v.id % 3 WHEN 0 THEN 540 WHEN 1 THEN 480 ELSE 600 END,
              CASE v.id % 3 WHEN 0 THEN 1080 WHEN 1 THEN 1200 ELSE 1320 END
         FROM venues v JOIN bench_seq d ON d.n BETWEEN 1 AND 7
        WHERE (v.id % 3 = 0 AND d.n <= 5) OR v.id % 3 = 1 OR (v.id % 3 = 2 AND d.n >= 2)`,
    );
    await db.query(
      `INSERT INTO venue_facilities (venue_id, type, count)
       SELECT v.id, f.type, 1 FROM venues v JOIN
         (SELECT 'SIMULTANEOUS_INTERPRETATION_BOOTH' type, 2 m UNION ALL SELECT 'BILINGUAL_SIGNAGE', 3 UNION ALL SELECT 'WIFI', 1
          UNION ALL SELECT 'SECURITY_CHECKPOINT', 4 UNION ALL SELECT 'VIP_LOUNGE', 5) f ON v.id % f.m = 0`,
    );
  });

  // Each venue's share of the year: ~1.4 events a day in three slots, two hours each.
  const perVenue = Math.ceil(BOOKINGS / VENUES);
  const chunk = 100_000;
  await timed(`${BOOKINGS} bookings`, async () => {
    for (let start = 0; start < BOOKINGS; start += chunk) {
      const end = Math.min(BOOKINGS, start + chunk);
      await db.query(
        `INSERT INTO bookings (venue_id, subdistrict_id, organizer_id, title, description, attendees, foreign_guests, delegation_countries,
           interpretation, protocol_level, status, approval_stage, starts_at, ends_at, occupied_from, occupied_until,
           hold_expires_at, submitted_at, approved_at, idempotency_key, request_hash, version, created_at, updated_at)
         SELECT venue_id, (SELECT v.subdistrict_id FROM venues v WHERE v.id = x.venue_id), organizer_id, 'Bench event', NULL, 20 + n % 200, n % 40, '', '[]',
                CASE WHEN n % 50 = 1 THEN 'STATE' WHEN n % 10 = 0 THEN 'HIGH' ELSE 'STANDARD' END,
                CASE n % 20 WHEN 0 THEN 'REJECTED' WHEN 1 THEN 'EXPIRED' WHEN 2 THEN 'CANCELLED' ELSE 'COMPLETED' END,
                NULL, starts_at, starts_at + INTERVAL 2 HOUR, starts_at, starts_at + INTERVAL 2 HOUR, NULL,
                starts_at - INTERVAL (1 + n % 30) DAY,
                IF(n % 20 > 2 AND n % 2 = 0, starts_at - INTERVAL (1 + n % 30) DAY + INTERVAL (n % 96) HOUR, NULL),
                CONCAT('b', n), REPEAT('0', 64), 1, UTC_TIMESTAMP(3), UTC_TIMESTAMP(3)
           FROM (SELECT n, 1 + n % ${VENUES} AS venue_id, 1 + n % ${ORGANIZERS} AS organizer_id,
                        TIMESTAMP('2024-12-31 16:00:00') + INTERVAL FLOOR((n DIV ${VENUES}) * 365 / ${perVenue}) DAY
                          + INTERVAL 9 + 3 * ((n DIV ${VENUES}) % 3) HOUR AS starts_at
                   FROM ${numbers(end)} s WHERE n >= ${start}) x`,
      );
    }
  });
  await timed('audit trail (requested, and approved for half)', async () => {
    await db.query(
      `INSERT INTO booking_audit (booking_id, at, actor_id, action, from_status, to_status, reason)
       SELECT id, submitted_at, organizer_id, 'requested', NULL, 'PENDING_APPROVAL', NULL FROM bookings`,
    );
    await db.query(
      `INSERT INTO booking_audit (booking_id, at, actor_id, action, from_status, to_status, reason)
       SELECT id, approved_at, NULL, 'approved', 'PENDING_APPROVAL', 'APPROVED', NULL
         FROM bookings WHERE approved_at IS NOT NULL`,
    );
  });
  await timed('staffing requirements and assignments', async () => {
    await db.query(
      `INSERT INTO staffing_requirements (booking_id, rule_key, kind, headcount, starts_at, ends_at, language_from, language_to,
         mode, min_clearance, skill, overridden, status, derived_from_version, created_at, updated_at)
       SELECT id, 'interpretation', 'INTERPRETER', 1 + id % 2, starts_at, ends_at, 'zh',
              ELT(1 + id % ${LANGUAGES.length}, ${LANGUAGES.map((l) => `'${l}'`).join(', ')}),
              'CONSECUTIVE', NULL, NULL, 0, 'OPEN', 1, UTC_TIMESTAMP(3), UTC_TIMESTAMP(3)
         FROM bookings WHERE status = 'COMPLETED' AND id % 10 = 0`,
    );
    await db.query(
      `INSERT INTO staffing_requirements (booking_id, rule_key, kind, headcount, starts_at, ends_at, language_from, language_to,
         mode, min_clearance, skill, overridden, status, derived_from_version, created_at, updated_at)
       SELECT id, 'security', 'SECURITY_OFFICER', 2, starts_at, ends_at, NULL, NULL, NULL, 2, NULL, 0, 'OPEN', 1,
              UTC_TIMESTAMP(3), UTC_TIMESTAMP(3)
         FROM bookings WHERE status = 'COMPLETED' AND id % 5 = 1`,
    );
    // Two of three requirements get one person each.
    await db.query(
      `INSERT INTO assignments (requirement_id, staff_id, venue_id, status, starts_at, ends_at, reason, version, created_by, created_at, updated_at)
       SELECT r.id, IF(r.kind = 'SECURITY_OFFICER', 1 + r.id % ${OFFICERS}, ${OFFICERS + 1} + r.id % ${INTERPRETERS}),
              b.venue_id, 'ACCEPTED', r.starts_at, r.ends_at, NULL, 1, NULL, UTC_TIMESTAMP(3), UTC_TIMESTAMP(3)
         FROM staffing_requirements r JOIN bookings b ON b.id = r.booking_id WHERE r.id % 3 <> 0`,
    );
  });
  await timed(`${UNMET} unmet demand entries`, async () => {
    await db.query(
      `INSERT INTO unmet_demand (source, reason, subdistrict_id, venue_id, wanted_from, wanted_until, attendees, actor_id, recorded_at)
       SELECT IF(n % 3 = 0, 'REFUSED', 'SEARCH'),
              ELT(1 + n % 4, 'CAPACITY', 'FACILITY', 'SECURITY_LEVEL', 'SLOT_TAKEN'),
              IF(n % 4 = 0, NULL, 1 + n % 17), NULL,
              TIMESTAMP('2024-12-31 16:00:00') + INTERVAL (n % 365) DAY + INTERVAL 10 HOUR,
              TIMESTAMP('2024-12-31 16:00:00') + INTERVAL (n % 365) DAY + INTERVAL 12 HOUR,
              50, NULL, UTC_TIMESTAMP(3)
         FROM ${numbers(UNMET)} s`,
    );
  });
  await db.query('DROP TABLE bench_seq');
  await timed('ANALYZE', () =>
    db.query(
      'ANALYZE TABLE bookings, booking_audit, staffing_requirements, assignments, unmet_demand',
    ),
  );
}

export interface ReportFigures {
  bookings: number;
  venues: number;
  runs: number;
  p50Ms: number;
  maxMs: number;
  seedSeconds: number;
  summary: string;
}

/** Seeds a scratch database, times the report RUNS times and drops the database again. */
export async function reportBench(): Promise<ReportFigures> {
  const database = await createTestDatabase();
  console.log(`scratch database ${database.name}: ${BOOKINGS} bookings at ${VENUES} venues`);
  try {
    const db = await createConnection({ uri: database.url, timezone: 'Z' });
    const seedStarted = process.hrtime.bigint();
    try {
      await timed('seed total', () => seed(db));
    } finally {
      await db.end();
    }
    const seedSeconds = Number(process.hrtime.bigint() - seedStarted) / 1e9;
    const app = await createApiApp({
      NODE_ENV: 'test',
      DATABASE_URL: database.url,
      QUEUE_PREFIX: testQueuePrefix(),
      LOG_LEVEL: 'warn',
    });
    try {
      await app.init();
      const reports = app.get(CapacityReportService);
      const admin = { userId: '0', role: Role.DISTRICT_ADMIN, subdistrictId: null };
      const times: number[] = [];
      let summary = '';
      for (let run = 0; run < RUNS; run++) {
        const started = process.hrtime.bigint();
        const report = await reports.report(admin, { from: FROM, to: TO });
        times.push(Number(process.hrtime.bigint() - started) / 1e6);
        summary =
          `${report.venues.length} venues, ${report.totals.events} events, ` +
          `${report.totals.bookedHours} of ${report.totals.openHours} open hours ` +
          `(utilisation ${report.totals.utilisation}), ${report.totals.approvals} approvals ` +
          `(median ${report.totals.leadTimeMedianHours} h, p90 ${report.totals.leadTimeP90Hours} h), ` +
          `${report.totals.unmetDemand} unmet, ${report.interpreterCoverage.length} language pairs, ` +
          `${report.securityLoad.length} officers`;
        console.log(`  run ${run + 1}: ${(times[run] / 1000).toFixed(2)} s`);
      }
      const sorted = [...times].sort((a, b) => a - b);
      return {
        bookings: BOOKINGS,
        venues: VENUES,
        runs: RUNS,
        p50Ms: Math.round(sorted[Math.floor((sorted.length - 1) / 2)]),
        maxMs: Math.round(sorted[sorted.length - 1]),
        seedSeconds: Math.round(seedSeconds * 10) / 10,
        summary,
      };
    } finally {
      await app.close();
    }
  } finally {
    if (process.env.BENCH_KEEP_DATABASE === '1') console.log(`kept ${database.name}`);
    else await database.drop();
  }
}

if (require.main === module) {
  reportBench().then(
    (figures) => {
      console.log(`report for ${FROM.toISOString()} – ${TO.toISOString()}: ${figures.summary}`);
      console.log(
        `serviceCapacityReport over ${figures.bookings} bookings: p50 ${(figures.p50Ms / 1000).toFixed(2)} s, ` +
          `max ${(figures.maxMs / 1000).toFixed(2)} s (${figures.runs} runs)`,
      );
    },
    (error: unknown) => {
      console.error(error);
      process.exitCode = 1;
    },
  );
}
