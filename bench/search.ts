// Item 2: availableVenues per second over HTTP, against the same search as hand-written SQL
// through mysql2 (the same statements with the same parameters, and the same opening-hours
// check, on openings kept by venue version and shared by equal venues, and tie ranking by
// score of the page's runs).
import { Pool, RowDataPacket } from 'mysql2/promise';
import { seededRandom } from '@app/common/testing';
import { compareIds } from '@app/database';
import { RATING_STARS_SQL, ScoreRows, scoresFromRows } from '@app/reports';
import { isOpenForLocalRange, localWeekRange, OpeningPeriod } from '@app/venues';
import { DAY, graphql, HOUR, load, LoadResult, MINUTE } from './common';

export interface SearchInput {
  startsAt: Date;
  endsAt: Date;
  attendees: number;
  facilities?: { type: string; count: number }[];
}

export interface SearchRun {
  clients: number;
  seconds: number;
  warmupSeconds: number;
  seed: number;
  firstDay: Date;
  days: number;
}

/** Two-hour windows between 08:00 and 18:00 Beijing time on the seeded days; some ask for booths. */
function searchStreams(run: SearchRun) {
  return Array.from({ length: run.clients }, (_, client) => {
    const rng = seededRandom(run.seed + 1000 + client);
    return (): SearchInput => {
      const startsAt = new Date(
        run.firstDay.getTime() +
          rng.int(0, run.days - 1) * DAY +
          8 * HOUR +
          rng.int(0, 16) * 30 * MINUTE,
      );
      const facilities = rng.weighted<SearchInput['facilities']>([
        [undefined, 2],
        [[{ type: 'SIMULTANEOUS_INTERPRETATION_BOOTH', count: 2 }], 1],
        [[{ type: 'WHEELCHAIR_ACCESS', count: 1 }], 1],
      ]);
      return {
        startsAt,
        endsAt: new Date(startsAt.getTime() + 2 * HOUR),
        attendees: rng.pick([30, 80, 150, 300, 500]),
        ...(facilities ? { facilities } : {}),
      };
    };
  });
}

const SEARCH = `query($input: AvailabilityInput!) {
  availableVenues(input: $input, first: 20) { totalCount edges { node { id nameEn seatedCapacity } } }
}`;

export function searchOverHttp(run: SearchRun, url: string, token: string): Promise<LoadResult> {
  const streams = searchStreams(run);
  return load(run.clients, run.seconds, run.warmupSeconds, async (client) => {
    const input = streams[client]();
    const response = await graphql<{ availableVenues: { totalCount: number } }>(
      url,
      SEARCH,
      {
        input: {
          ...input,
          startsAt: input.startsAt.toISOString(),
          endsAt: input.endsAt.toISOString(),
        },
      },
      token,
    );
    if (!response.data?.availableVenues)
      throw new Error(`availableVenues: ${JSON.stringify(response.errors)}`);
    return 'ok';
  });
}

const BLOCKING = `(b.status IN ('PENDING_APPROVAL', 'APPROVED') OR (b.status = 'HELD' AND b.hold_expires_at > ?))`;

interface Candidate {
  id: string;
  version: number;
  capacity: number;
}

/** A venue's zone, buffers and opening periods: what says whether it is open for a window. */
interface Opening {
  timeZone: string;
  setupMinutes: number;
  teardownMinutes: number;
  periods: OpeningPeriod[];
}

/** The search of AvailabilityService, written by hand. Returns the page and the total. */
export async function searchRaw(
  pool: Pool,
  input: SearchInput,
  first = 20,
  now = new Date(),
): Promise<{ ids: string[]; totalCount: number }> {
  const { startsAt, endsAt, attendees } = input;
  const duration = (endsAt.getTime() - startsAt.getTime()) / MINUTE;
  const lead = (startsAt.getTime() - now.getTime()) / MINUTE;
  const facilityParams: unknown[] = [];
  const facilitySql = (input.facilities ?? [])
    .map((facility) => {
      facilityParams.push(facility.type, facility.count);
      return ' AND EXISTS (SELECT 1 FROM venue_facilities f WHERE f.venue_id = v.id AND f.type = ? AND f.count >= ?)';
    })
    .join('');
  // The fastest correct shape we know: the window's busy venues found once and anti-joined,
  // bookings read per span bucket (a day at most, or longer), each bucket's scan bounded by its
  // longest span and the widest buffers; a booking over the window itself taken as it is, only
  // the others weighed against their venue's own buffers.
  const widestFrom = 'DATE_SUB(?, INTERVAL (SELECT MAX(setup_minutes) FROM venues) MINUTE)';
  const widestUntil = 'DATE_ADD(?, INTERVAL (SELECT MAX(teardown_minutes) FROM venues) MINUTE)';
  const exact = (from: string, until: string) =>
    `${until} > DATE_SUB(?, INTERVAL w.setup_minutes MINUTE) AND ${from} < DATE_ADD(?, INTERVAL w.teardown_minutes MINUTE)`;
  const busy = (long: 0 | 1, span: string) =>
    `v.id NOT IN (SELECT b.venue_id FROM bookings b
        WHERE b.occupied_long = ${long} AND b.occupied_from > DATE_SUB(${widestFrom}, INTERVAL ${span} MINUTE)
          AND b.occupied_from < ${widestUntil} AND b.occupied_until > ${widestFrom} AND ${BLOCKING}
          AND ((b.occupied_until > ? AND b.occupied_from < ?)
            OR EXISTS (SELECT 1 FROM venues w WHERE w.id = b.venue_id
              AND ${exact('b.occupied_from', 'b.occupied_until')})))`;
  const busyParams = [startsAt, endsAt, startsAt, now, startsAt, endsAt, startsAt, endsAt];
  const [rows] = await pool.query<RowDataPacket[]>(
    // The searches ask for seats (the default seating): counted against the seated capacity.
    `SELECT v.id AS id, v.version AS version, v.seated_capacity AS capacity
       FROM venues v
      WHERE v.status = 'ACTIVE'
        AND v.seated_capacity >= ?
        AND ? BETWEEN v.min_duration_minutes AND v.max_duration_minutes
        AND v.min_notice_hours * 60 <= ? AND v.max_advance_days * 1440 >= ?
        AND ${busy(0, '1440')}
        AND ${busy(1, '(SELECT MAX(occupied_minutes) FROM bookings WHERE occupied_long = 1)')}
        AND v.id NOT IN (SELECT p.change_venue_id FROM bookings p JOIN venues w ON w.id = p.change_venue_id
              WHERE p.change_venue_id IS NOT NULL AND p.change_occupied_from < ${widestUntil}
                AND ${exact('p.change_occupied_from', 'p.change_occupied_until')})
        AND v.id NOT IN (SELECT x.venue_id FROM venue_blackouts x JOIN venues w ON w.id = x.venue_id
              WHERE x.starts_at < ${widestUntil} AND x.ends_at > ${widestFrom}
                AND ${exact('x.starts_at', 'x.ends_at')})${facilitySql}`,
    [
      attendees,
      duration,
      lead,
      lead,
      ...busyParams,
      ...busyParams,
      endsAt,
      startsAt,
      endsAt,
      endsAt,
      startsAt,
      startsAt,
      endsAt,
      ...facilityParams,
    ],
  );
  const candidates: Candidate[] = rows.map((row) => ({
    id: String(row.id),
    version: Number(row.version),
    capacity: Number(row.capacity),
  }));
  const openings = await openingAt(pool, candidates);
  // Venues with the same zone, buffers and hours share one opening: each is judged once.
  const verdicts = new Map<Opening, boolean>();
  const isOpen = (opening: Opening) => {
    const from = new Date(startsAt.getTime() - opening.setupMinutes * MINUTE);
    const until = new Date(endsAt.getTime() + opening.teardownMinutes * MINUTE);
    const local = localWeekRange(opening.timeZone, from, until);
    return isOpenForLocalRange(opening.periods, local, opening.timeZone, from, until);
  };
  const open = candidates
    .filter((candidate) => {
      const opening = openings.get(candidate.id);
      if (!opening) return false;
      let verdict = verdicts.get(opening);
      if (verdict === undefined) verdicts.set(opening, (verdict = isOpen(opening)));
      return verdict;
    })
    .sort((a, b) => a.capacity - b.capacity || compareIds(a.id, b.id));
  // Only the runs of equal capacity the first page reaches are ranked: the others keep their place.
  let end = Math.min(first, open.length);
  while (end > 0 && end < open.length && open[end].capacity === open[end - 1].capacity) end++;
  const page = open.slice(0, end);
  await rankTiesRaw(pool, page);
  const ids = page.slice(0, first).map((candidate) => candidate.id);
  if (ids.length) await pool.query('SELECT * FROM venues WHERE id IN (?)', [ids]);
  return { ids, totalCount: open.length };
}

/** Openings by venue id and the version they were read at, as the API keeps them. */
const kept = new Map<string, { version: number; opening: Opening }>();
/** One opening for all the venues that have the same, as the API keeps them. */
const distinct = new Map<string, Opening>();

/** The candidates' openings: those not kept at the version the search read, read again. */
async function openingAt(pool: Pool, candidates: Candidate[]): Promise<Map<string, Opening>> {
  const openings = new Map<string, Opening>();
  const unknown: string[] = [];
  for (const { id, version } of candidates) {
    const known = kept.get(id);
    if (known?.version === version) openings.set(id, known.opening);
    else unknown.push(id);
  }
  if (!unknown.length) return openings;
  const [rows] = await pool.query<RowDataPacket[]>(
    `SELECT v.id, v.version, v.time_zone, v.setup_minutes, v.teardown_minutes,
            h.weekday, h.opens_minute, h.closes_minute
       FROM venues v LEFT JOIN venue_opening_hours h ON h.venue_id = v.id WHERE v.id IN (?)
      ORDER BY v.id, h.weekday, h.opens_minute`,
    [unknown],
  );
  const read = new Map<string, { version: number; opening: Opening }>();
  for (const row of rows) {
    const venueId = String(row.id);
    let venue = read.get(venueId);
    if (!venue) {
      venue = {
        version: Number(row.version),
        opening: {
          timeZone: String(row.time_zone),
          setupMinutes: Number(row.setup_minutes),
          teardownMinutes: Number(row.teardown_minutes),
          periods: [],
        },
      };
      read.set(venueId, venue);
    }
    if (row.weekday !== null)
      venue.opening.periods.push({
        weekday: Number(row.weekday),
        opensMinute: Number(row.opens_minute),
        closesMinute: Number(row.closes_minute),
      });
  }
  for (const [venueId, { version, opening }] of read) {
    const key = JSON.stringify(opening);
    if (!distinct.has(key)) distinct.set(key, opening);
    kept.set(venueId, { version, opening: distinct.get(key)! });
    openings.set(venueId, distinct.get(key)!);
  }
  return openings;
}

/**
 * Reorders runs of equal capacity (whole runs, as the page's are) by service-capacity score,
 * highest first, as the API does: the same three reads of capacity, facilities and ratings, and
 * the same scoring function.
 */
async function rankTiesRaw(pool: Pool, sorted: Candidate[]): Promise<void> {
  const tied = sorted.filter(
    (candidate, i) =>
      sorted[i - 1]?.capacity === candidate.capacity ||
      sorted[i + 1]?.capacity === candidate.capacity,
  );
  if (!tied.length) return;
  const ids = tied.map((candidate) => candidate.id);
  const [[venues], [facilities], [ratings]] = await Promise.all([
    pool.query<RowDataPacket[]>(
      'SELECT id, seated_capacity AS seated, standing_capacity AS standing FROM venues WHERE id IN (?)',
      [ids],
    ),
    pool.query<RowDataPacket[]>(
      'SELECT venue_id AS venueId, type, count FROM venue_facilities WHERE venue_id IN (?)',
      [ids],
    ),
    pool.query<RowDataPacket[]>(
      `SELECT r.venue_id AS venueId, COUNT(*) AS ratings, AVG(${RATING_STARS_SQL}) AS stars
         FROM booking_ratings r WHERE r.venue_id IN (?) GROUP BY r.venue_id`,
      [ids],
    ),
  ]);
  const scores = scoresFromRows(
    venues as ScoreRows['venues'],
    facilities as ScoreRows['facilities'],
    ratings as ScoreRows['ratings'],
  );
  const scoreOf = (candidate: Candidate) => scores.get(candidate.id)?.score ?? 0;
  sorted.sort(
    (a, b) => a.capacity - b.capacity || scoreOf(b) - scoreOf(a) || compareIds(a.id, b.id),
  );
}

export function searchRawLoad(run: SearchRun, pool: Pool): Promise<LoadResult> {
  const streams = searchStreams(run);
  return load(run.clients, run.seconds, run.warmupSeconds, async (client) => {
    await searchRaw(pool, streams[client]());
    return 'ok';
  });
}

/** Both paths find the same venues for the same question (a check that the reference is fair). */
export async function sameAnswer(
  run: SearchRun,
  url: string,
  token: string,
  pool: Pool,
): Promise<boolean> {
  const input = searchStreams(run)[0]();
  const response = await graphql<{
    availableVenues: { totalCount: number; edges: { node: { id: string } }[] };
  }>(
    url,
    SEARCH,
    {
      input: {
        ...input,
        startsAt: input.startsAt.toISOString(),
        endsAt: input.endsAt.toISOString(),
      },
    },
    token,
  );
  const raw = await searchRaw(pool, input);
  const ours = response.data?.availableVenues;
  return (
    !!ours &&
    ours.totalCount === raw.totalCount &&
    ours.edges.map((edge) => edge.node.id).join() === raw.ids.join()
  );
}
