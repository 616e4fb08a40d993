import { seededRandom } from '@app/common/testing';
import {
  activeVenue,
  EVERY_DAY,
  nextKey,
  on,
  OVERLAPPING_PAIRS_SQL,
  REQUEST,
} from '../support/booking-fixtures';
import { errorCode, GraphQLResponse, TestApi } from '../support/test-api';
import { count } from './support/figures';

const CLIENTS = 50;
const ATTEMPTS_PER_CLIENT = 20;
const VENUES = 20;
const ASSIGNMENTS = 200;
const SEED = Number(process.env.RELIABILITY_SEED ?? 20261128);

/** Standing assignments of one person that overlap, or at two venues closer than the travel gap. */
const ASSIGNMENT_CLASHES_SQL = `
  SELECT COUNT(*) AS n FROM assignments a
    JOIN assignments b ON a.staff_id = b.staff_id AND a.id < b.id
    JOIN staffing_requirements ra ON ra.id = a.requirement_id
    JOIN staffing_requirements rb ON rb.id = b.requirement_id
    JOIN bookings ba ON ba.id = ra.booking_id
    JOIN bookings bb ON bb.id = rb.booking_id
   WHERE a.status IN ('PROPOSED', 'ACCEPTED') AND b.status IN ('PROPOSED', 'ACCEPTED')
     AND a.starts_at < b.ends_at + INTERVAL (CASE WHEN ba.venue_id <> bb.venue_id THEN ? ELSE 0 END) MINUTE
     AND b.starts_at < a.ends_at + INTERVAL (CASE WHEN ba.venue_id <> bb.venue_id THEN ? ELSE 0 END) MINUTE`;

/** Runs `tasks` with at most `width` in flight, like that many clients each working a queue. */
async function withClients<T>(width: number, tasks: (() => Promise<T>)[]): Promise<T[]> {
  const results: T[] = new Array(tasks.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < tasks.length) {
        const index = next++;
        results[index] = await tasks[index]();
      }
    }),
  );
  return results;
}

/** Every answer is a success or an error with a code, and never an internal one. */
function outcomes(results: { response: GraphQLResponse; ok: boolean }[]) {
  const tally = new Map<string, number>();
  for (const { response, ok } of results) {
    const key = ok ? 'success' : (errorCode(response) ?? `untyped: ${JSON.stringify(response)}`);
    tally.set(key, (tally.get(key) ?? 0) + 1);
  }
  return Object.fromEntries([...tally].sort());
}

describe('contention: many clients at once', () => {
  let api: TestApi;
  let admin: string;
  let security: string;
  let organizers: string[];
  let venues: string[];
  const random = seededRandom(SEED);

  beforeAll(async () => {
    api = await TestApi.start({ demo: true });
    let qianmen: string;
    [admin, qianmen, security, ...organizers] = await Promise.all(
      ['admin', 'qianmen', 'security', 'organizer', 'organizer2'].map((n) =>
        api.login(`${n}@demo.local`),
      ),
    );
    venues = [];
    for (let i = 0; i < VENUES; i++)
      venues.push(
        await activeVenue(
          api,
          { qianmen, admin },
          { securityLevel: 1, openingHours: EVERY_DAY('00:00', '24:00') },
        ),
      );
  });

  afterAll(() => api?.close());

  it(`${CLIENTS} clients make ${CLIENTS * ATTEMPTS_PER_CLIENT} booking attempts over ${VENUES} venues: no overlap, every answer typed`, async () => {
    const attempts = Array.from({ length: CLIENTS * ATTEMPTS_PER_CLIENT }, (_, i) => {
      const venueId = random.pick(venues);
      const day = random.int(1, 3) as 1 | 2 | 3;
      const start = random.int(8, 17);
      const hours = random.int(1, 3);
      const input = {
        venueId,
        title: `Contention ${i}`,
        attendees: 20,
        startsAt: on(4, day, `${String(start).padStart(2, '0')}:00`),
        endsAt: on(4, day, `${String(start + hours).padStart(2, '0')}:00`),
      };
      const token = organizers[i % organizers.length];
      return async () => {
        const response = await api.gql(REQUEST, { input, key: nextKey() }, token);
        return { response, ok: Boolean(response.data?.requestBooking) };
      };
    });
    const results = await withClients(CLIENTS, attempts);
    const tally = outcomes(results);
    process.stdout.write(`booking attempts: ${JSON.stringify(tally)}\n`);
    const [{ pairs }] = await api.dataSource.query(OVERLAPPING_PAIRS_SQL);
    const internal = tally.INTERNAL_SERVER_ERROR ?? 0;
    count('attempts', results.length);
    count('overlapsSingleServer', Number(pairs));
    count('internalErrors', internal);

    expect(Number(pairs)).toBe(0);
    expect(tally.success).toBeGreaterThan(VENUES); // the venues really filled up
    expect(Object.keys(tally).filter((k) => !['success', 'SLOT_TAKEN'].includes(k))).toEqual([]);
  });

  it(`${ASSIGNMENTS} simultaneous staff assignments: nobody in two places, every answer typed`, async () => {
    // Twenty events with security needs, overlapping on one weekday morning at different venues.
    const requirements: string[] = [];
    for (let i = 0; i < 20; i++) {
      const start = 9 + (i % 3);
      const booked = await api.gql(
        REQUEST,
        {
          input: {
            venueId: venues[i],
            title: `Guarded event ${i}`,
            attendees: 60,
            foreignGuests: 10,
            startsAt: on(5, 2, `${String(start).padStart(2, '0')}:00`),
            endsAt: on(5, 2, `${String(start + 2).padStart(2, '0')}:00`),
          },
          key: nextKey(),
        },
        organizers[0],
      );
      if (!booked.data) throw new Error(JSON.stringify(booked.errors));
      const rows = (
        await api.gql(
          'query($id: ID!) { staffingRequirements(bookingId: $id) { id kind } }',
          { id: booked.data.requestBooking.id },
          admin,
        )
      ).data.staffingRequirements;
      requirements.push(
        ...rows.filter((r: any) => r.kind === 'SECURITY_OFFICER').map((r: any) => r.id),
      );
    }
    const officers = (
      await api.gql(
        '{ staff(filter: { kind: SECURITY_OFFICER }, first: 50) { edges { node { id } } } }',
        {},
        admin,
      )
    ).data.staff.edges.map((e: any) => e.node.id);
    const calls = Array.from({ length: ASSIGNMENTS }, (_, i) => {
      const variables = { r: random.pick(requirements), s: random.pick(officers) };
      const token = i % 2 ? admin : security;
      return async () => {
        const response = await api.gql(
          'mutation($r: ID!, $s: ID!) { assignStaff(requirementId: $r, staffId: $s) { id } }',
          variables,
          token,
        );
        return { response, ok: Boolean(response.data?.assignStaff) };
      };
    });
    const results = await withClients(ASSIGNMENTS, calls);
    const tally = outcomes(results);
    process.stdout.write(`assignment attempts: ${JSON.stringify(tally)}\n`);
    const travel = 30;
    const [{ n }] = await api.dataSource.query(ASSIGNMENT_CLASHES_SQL, [travel, travel]);
    count('attempts', results.length);
    count('overlapsSingleServer', Number(n));
    count('internalErrors', tally.INTERNAL_SERVER_ERROR ?? 0);

    expect(Number(n)).toBe(0);
    expect(tally.success).toBeGreaterThan(0);
    const typed = [
      'success',
      'STAFF_CONFLICT',
      'CONFLICT',
      'STAFF_OVER_HOURS',
      'STAFF_UNAVAILABLE',
    ];
    expect(Object.keys(tally).filter((k) => !typed.includes(k))).toEqual([]);
  });
});
