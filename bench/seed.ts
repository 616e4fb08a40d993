// Bulk seeding of the benchmark database: multi-row INSERT ... SELECT over a number table.
import bcrypt from 'bcryptjs';
import { Connection } from 'mysql2/promise';
import { DAY, elapsed, HOUR } from './common';

export const PASSWORD = 'bench-password';
/** Organizers: one per booking client. */
export const ORGANIZERS = 32;
export const MANAGER_EMAIL = 'manager@bench.local';
const KINDS = [
  'CONFERENCE_HALL',
  'MEETING_ROOM',
  'THEATRE',
  'HOTEL_BALLROOM',
  'MUSEUM',
  'EXHIBITION_HALL',
  'COURTYARD',
  'OUTDOOR',
];

export interface SeedPlan {
  venues: number;
  bookings: number;
  /** Midnight in Beijing (UTC) of the first day the seeded bookings may fall on. */
  firstDay: Date;
  /** The seeded bookings spread over this many days. */
  days: number;
}

export interface Seeded {
  organizerIds: string[];
  organizerEmails: string[];
  coordinatorId: string;
  seconds: { numbers: number; users: number; venues: number; bookings: number };
}

/** Midnight in Beijing, `days` from today. */
export function beijingMidnight(days: number, now = Date.now()): Date {
  const offset = 8 * HOUR;
  return new Date(Math.floor((now + offset) / DAY) * DAY - offset + days * DAY);
}

/**
 * Users (organizers and a security coordinator), `venues` ACTIVE-mostly venues with opening
 * hours and facilities, and `bookings` bookings spread evenly over the venues and `days` days.
 * Venue n (1-based) is open 07:00–22:00 every day, has setup and teardown buffers of 0 to 60
 * minutes and a capacity between 20 and 999.
 */
export async function seed(db: Connection, plan: SeedPlan): Promise<Seeded> {
  await db.query('SET SESSION foreign_key_checks = 0, unique_checks = 0');
  let started = Date.now();
  await db.query('CREATE TABLE bench_digits (d INT NOT NULL PRIMARY KEY)');
  await db.query('INSERT INTO bench_digits VALUES (0),(1),(2),(3),(4),(5),(6),(7),(8),(9)');
  await db.query('CREATE TABLE bench_numbers (n INT NOT NULL PRIMARY KEY)');
  await db.query(`
    INSERT INTO bench_numbers (n)
    SELECT a.d + 10 * b.d + 100 * c.d + 1000 * d.d + 10000 * e.d + 100000 * f.d
      FROM bench_digits a, bench_digits b, bench_digits c, bench_digits d, bench_digits e, bench_digits f`);
  const numbers = elapsed(started);

  started = Date.now();
  const hash = await bcrypt.hash(PASSWORD, 4);
  const now = new Date();
  await db.query(
    `INSERT INTO users (email, password_hash, role, subdistrict_id, display_name, locale, time_zone, active, created_at, updated_at)
     SELECT CONCAT('organizer-', n, '@bench.local'), ?, 'ORGANIZER', NULL, CONCAT('Organizer ', n), 'en', 'Asia/Shanghai', 1, ?, ?
       FROM bench_numbers WHERE n BETWEEN 1 AND ? ORDER BY n`,
    [hash, now, now, ORGANIZERS],
  );
  await db.query(
    `INSERT INTO users (email, password_hash, role, subdistrict_id, display_name, locale, time_zone, active, created_at, updated_at)
     VALUES ('security@bench.local', ?, 'SECURITY_COORDINATOR', NULL, 'Security', 'zh', 'Asia/Shanghai', 1, ?, ?)`,
    [hash, now, now],
  );
  // The list figure's reader: the manager of the first subdistrict.
  await db.query(
    `INSERT INTO users (email, password_hash, role, subdistrict_id, display_name, locale, time_zone, active, created_at, updated_at)
     SELECT ?, ?, 'SUBDISTRICT_MANAGER', MIN(id), 'Manager', 'zh', 'Asia/Shanghai', 1, ?, ? FROM subdistricts`,
    [MANAGER_EMAIL, hash, now, now],
  );
  const [userRows] = await db.query('SELECT id, email, role FROM users ORDER BY id');
  const users = userRows as { id: string | number; email: string; role: string }[];
  const organizers = users.filter((user) => user.role === 'ORGANIZER');
  const coordinator = users.find((user) => user.role === 'SECURITY_COORDINATOR')!;
  const usersSeconds = elapsed(started);

  started = Date.now();
  const [subdistrictRows] = await db.query('SELECT id FROM subdistricts ORDER BY id');
  const subdistricts = (subdistrictRows as { id: string | number }[]).map((row) => String(row.id));
  const elt = (values: string[]) => values.map((value) => `'${value}'`).join(', ');
  await db.query(
    `INSERT INTO venues (id, subdistrict_id, name_zh, name_en, address_zh, address_en, kind, seated_capacity,
       standing_capacity, security_level, time_zone, setup_minutes, teardown_minutes, min_notice_hours,
       max_advance_days, min_duration_minutes, max_duration_minutes, requires_approval, status, version,
       created_at, updated_at, booking_seq)
     SELECT n, ELT(1 + n % ${subdistricts.length}, ${elt(subdistricts)}), CONCAT('基准场地', n), CONCAT('Bench Hall ', n),
       CONCAT('东城区基准路', n, '号'), CONCAT(n, ' Bench Road, Dongcheng'), ELT(1 + n % 8, ${elt(KINDS)}),
       20 + (n * 37) % 980, IF(n % 3 = 0, 30 + (n * 37) % 1200, NULL), 1 + n % 3, 'Asia/Shanghai',
       ELT(1 + n % 4, 0, 15, 30, 60), ELT(1 + (n DIV 4) % 3, 0, 15, 30), 0, 365, 30, 720,
       n % 2, IF(n % 50 = 0, 'SUSPENDED', 'ACTIVE'), 1, ?, ?, 0
       FROM bench_numbers WHERE n BETWEEN 1 AND ?`,
    [now, now, plan.venues],
  );
  await db.query(
    `INSERT INTO venue_opening_hours (venue_id, weekday, opens_minute, closes_minute)
     SELECT v.n, w.d, 420, 1320 FROM bench_numbers v, bench_digits w
      WHERE v.n BETWEEN 1 AND ? AND w.d BETWEEN 1 AND 7`,
    [plan.venues],
  );
  const facilities: [string, string, string][] = [
    ['WIFI', '1', 'TRUE'],
    ['AV_SYSTEM', '1', 'n % 2 = 0'],
    ['WHEELCHAIR_ACCESS', '1', 'n % 4 <> 3'],
    ['SIMULTANEOUS_INTERPRETATION_BOOTH', '1 + n % 4', 'n % 3 = 0'],
    ['SECURITY_CHECKPOINT', '1', 'n % 5 = 0'],
  ];
  for (const [type, count, when] of facilities) {
    await db.query(
      `INSERT INTO venue_facilities (venue_id, type, count)
       SELECT n, ?, ${count} FROM bench_numbers WHERE n BETWEEN 1 AND ? AND ${when}`,
      [type, plan.venues],
    );
  }
  const venuesSeconds = elapsed(started);

  // Booking k of venue v (k = 0, 1, ...) on day (k * days / perVenue), from 08:00 to 16:30 local,
  // one to four hours; one in ten cancelled, one in ten pending approval.
  started = Date.now();
  const perVenue = Math.ceil(plan.bookings / plan.venues);
  const chunk = 100_000;
  for (let from = 0; from < plan.bookings; from += chunk) {
    await db.query(
      `INSERT INTO bookings (venue_id, subdistrict_id, organizer_id, title, description, attendees, foreign_guests,
         delegation_countries, interpretation, protocol_level, status, approval_stage, starts_at, ends_at,
         occupied_from, occupied_until, hold_expires_at, submitted_at, idempotency_key, request_hash,
         version, created_at, updated_at)
       SELECT s.venue, (SELECT v.subdistrict_id FROM venues v WHERE v.id = s.venue), ?, CONCAT('Seeded event ', s.n), NULL, 10 + s.n % 200, 0, '', '[]', 'STANDARD',
         ELT(1 + s.n % 10, 'CANCELLED', 'PENDING_APPROVAL', 'APPROVED', 'APPROVED', 'APPROVED',
           'APPROVED', 'APPROVED', 'APPROVED', 'APPROVED', 'APPROVED'),
         IF(s.n % 10 = 1, 'SUBDISTRICT', NULL), s.starts, s.ends,
         DATE_SUB(s.starts, INTERVAL ELT(1 + s.venue % 4, 0, 15, 30, 60) MINUTE),
         DATE_ADD(s.ends, INTERVAL ELT(1 + (s.venue DIV 4) % 3, 0, 15, 30) MINUTE),
         NULL, ?, CONCAT('seed-', s.n), REPEAT('0', 64), 1, ?, ?
         FROM (SELECT n, 1 + n % ? AS venue,
                 DATE_ADD(?, INTERVAL ((n DIV ?) * ? DIV ?) * 1440 + 480 + 30 * ((n * 7) % 18) MINUTE) AS starts,
                 DATE_ADD(?, INTERVAL ((n DIV ?) * ? DIV ?) * 1440 + 480 + 30 * ((n * 7) % 18) + 60 * (1 + n % 4) MINUTE) AS ends
                 FROM bench_numbers WHERE n >= ? AND n < ?) s`,
      [
        organizers[0].id,
        now,
        now,
        now,
        plan.venues,
        plan.firstDay,
        plan.venues,
        plan.days,
        perVenue,
        plan.firstDay,
        plan.venues,
        plan.days,
        perVenue,
        from,
        Math.min(plan.bookings, from + chunk),
      ],
    );
  }
  await db.query('ANALYZE TABLE venues, venue_opening_hours, venue_facilities, bookings');
  const bookingsSeconds = elapsed(started);
  await db.query('SET SESSION foreign_key_checks = 1, unique_checks = 1');
  return {
    organizerIds: organizers.map((user) => String(user.id)),
    organizerEmails: organizers.map((user) => user.email),
    coordinatorId: String(coordinator.id),
    seconds: {
      numbers: numbers,
      users: usersSeconds,
      venues: venuesSeconds,
      bookings: bookingsSeconds,
    },
  };
}
