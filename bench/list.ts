// The list figure: a subdistrict manager's `bookings(first: 50)` with venue and organizer over
// HTTP, against the same page read by hand-written SQL and serialised to JSON.
import { Pool, RowDataPacket } from 'mysql2/promise';
import { seededRandom } from '@app/common/testing';
import { encodeCursor } from '@app/database';
import { graphql, load, LoadResult } from './common';

const PAGE = 50;

export interface ListRun {
  clients: number;
  seconds: number;
  warmupSeconds: number;
  seed: number;
}

const LIST = `query($after: String) {
  bookings(first: ${PAGE}, after: $after) {
    edges { cursor node { id title status startsAt endsAt
      venue { id nameZh nameEn } organizer { id displayName } } }
    pageInfo { endCursor hasNextPage }
  }
}`;

/** Where pages start: every PAGE-th booking of the subdistrict, so each call reads a full page. */
export async function pageStarts(pool: Pool, subdistrictId: string): Promise<string[]> {
  const [rows] = await pool.query<RowDataPacket[]>(
    `SELECT id FROM (SELECT id, ROW_NUMBER() OVER (ORDER BY id) AS n FROM bookings WHERE subdistrict_id = ?) x
      WHERE n % ${PAGE} = 1`,
    [subdistrictId],
  );
  return rows.slice(0, -2).map((row) => String(row.id));
}

/** Each client draws its own page starts from the run's seed. */
function startStreams(run: ListRun, starts: string[]): (() => string)[] {
  return Array.from({ length: run.clients }, (_, client) => {
    const random = seededRandom(run.seed + client);
    return () => random.pick(starts);
  });
}

export function listOverHttp(
  run: ListRun,
  url: string,
  token: string,
  starts: string[],
): Promise<LoadResult> {
  const streams = startStreams(run, starts);
  return load(run.clients, run.seconds, run.warmupSeconds, async (client) => {
    const response = await graphql<{ bookings: { edges: unknown[] } }>(
      url,
      LIST,
      { after: encodeCursor(streams[client]()) },
      token,
    );
    if (response.data?.bookings.edges.length !== PAGE)
      throw new Error(`bookings: ${JSON.stringify(response.errors ?? response.data)}`);
    return 'ok';
  });
}

/** The same page as the API answers it, by hand: one query, shaped and serialised. */
export async function listRaw(pool: Pool, subdistrictId: string, after: string): Promise<string> {
  const [rows] = await pool.query<RowDataPacket[]>(
    `SELECT b.id, b.title, b.status, b.starts_at AS startsAt, b.ends_at AS endsAt, b.venue_id AS venueId,
            v.name_zh AS nameZh, v.name_en AS nameEn, b.organizer_id AS organizerId, u.display_name AS displayName
       FROM bookings b JOIN venues v ON v.id = b.venue_id JOIN users u ON u.id = b.organizer_id
      WHERE b.subdistrict_id = ? AND b.id > ? ORDER BY b.id LIMIT ${PAGE + 1}`,
    [subdistrictId, after],
  );
  const page = rows.slice(0, PAGE);
  const edges = page.map((row) => ({
    cursor: encodeCursor(String(row.id)),
    node: {
      id: String(row.id),
      title: row.title as string,
      status: row.status as string,
      startsAt: (row.startsAt as Date).toISOString(),
      endsAt: (row.endsAt as Date).toISOString(),
      venue: {
        id: String(row.venueId),
        nameZh: row.nameZh as string,
        nameEn: row.nameEn as string,
      },
      organizer: { id: String(row.organizerId), displayName: row.displayName as string },
    },
  }));
  return JSON.stringify({
    data: {
      bookings: {
        edges,
        pageInfo: { endCursor: edges.at(-1)?.cursor ?? null, hasNextPage: rows.length > PAGE },
      },
    },
  });
}

export function listRawLoad(
  run: ListRun,
  pool: Pool,
  subdistrictId: string,
  starts: string[],
): Promise<LoadResult> {
  const streams = startStreams(run, starts);
  return load(run.clients, run.seconds, run.warmupSeconds, async (client) => {
    await listRaw(pool, subdistrictId, streams[client]());
    return 'ok';
  });
}
