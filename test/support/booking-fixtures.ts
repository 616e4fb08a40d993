import { DateTime, WeekdayNumbers } from 'luxon';
import { TestApi } from './test-api';
import { venueInput } from './venue-fixtures';

export const QIANMEN = '11';

/** An ISO time `days` from today at local `hh:mm` in Beijing, with its +08:00 offset. */
export function beijing(days: number, hhmm: string): string {
  const [hour, minute] = hhmm.split(':').map(Number);
  return DateTime.now()
    .setZone('Asia/Shanghai')
    .startOf('day')
    .plus({ days })
    .set({ hour, minute })
    .toISO({ suppressMilliseconds: true })!;
}

/** ISO time in Beijing on the given ISO weekday, `weeks` weeks ahead (demo staff work Mon–Sat). */
export function on(weeks: number, weekday: WeekdayNumbers, hhmm: string): string {
  const [hour, minute] = hhmm.split(':').map(Number);
  return DateTime.now()
    .setZone('Asia/Shanghai')
    .startOf('week')
    .plus({ weeks })
    .set({ weekday, hour, minute })
    .toISO({ suppressMilliseconds: true })!;
}

export const EVERY_DAY = (opens: string, closes: string) =>
  [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, opens, closes }));

const REGISTER = 'mutation($input: RegisterVenueInput!) { registerVenue(input: $input) { id } }';

/** Registers a Qianmen venue, submits it and has the district approve it; returns its id. */
export async function activeVenue(
  api: TestApi,
  tokens: { qianmen: string; admin: string },
  overrides: Record<string, unknown> = {},
): Promise<string> {
  const input = venueInput(QIANMEN, {
    nameEn: `Test Hall ${Math.random().toString(36).slice(2, 8)}`,
    openingHours: EVERY_DAY('07:00', '22:00'),
    setupMinutes: 0,
    teardownMinutes: 0,
    requiresApproval: false,
    ...overrides,
  });
  const registered = await api.gql(REGISTER, { input }, tokens.qianmen);
  if (!registered.data) throw new Error(JSON.stringify(registered.errors));
  const id: string = registered.data.registerVenue.id;
  await api.gql(
    'mutation($id: ID!) { submitVenueForReview(id: $id) { id } }',
    { id },
    tokens.qianmen,
  );
  const reviewed = await api.gql(
    'mutation($id: ID!) { reviewVenue(id: $id, approve: true) { status } }',
    { id },
    tokens.admin,
  );
  if (reviewed.data?.reviewVenue.status !== 'ACTIVE')
    throw new Error(JSON.stringify(reviewed.errors));
  return id;
}

export const BOOKING_FIELDS = `
  id status approvalStage protocolLevel startsAt endsAt occupiedFrom occupiedUntil holdExpiresAt version attendees foreignGuests
  venue { id } organizer { email }
  auditTrail { at action fromStatus toStatus reason actor { email } }
`;

export const REQUEST = `mutation($input: BookingRequestInput!, $key: String!) {
  requestBooking(input: $input, idempotencyKey: $key) { ${BOOKING_FIELDS} }
}`;

let keys = 0;
export const nextKey = () => `key-${process.pid}-${++keys}`;

/** An hour's booking starting `startsIn` ms from now (whole seconds), by the given organizer. */
export async function bookSoon(
  api: TestApi,
  organizer: string,
  venueId: string,
  title: string,
  startsIn: number,
): Promise<{ id: string; startsAt: Date }> {
  const startsAt = new Date(Math.ceil((Date.now() + startsIn) / 1000) * 1000);
  const result = await api.gql(
    REQUEST,
    {
      input: {
        venueId,
        title,
        attendees: 30,
        startsAt: startsAt.toISOString(),
        endsAt: new Date(startsAt.getTime() + 3_600_000).toISOString(),
      },
      key: nextKey(),
    },
    organizer,
  );
  if (!result.data) throw new Error(JSON.stringify(result.errors));
  return { id: result.data.requestBooking.id, startsAt };
}

export const BOOKING_TABLES = ['bookings', 'booking_audit', 'outbox_events'];

/** Pairs of blocking bookings at one venue whose occupied ranges overlap. Must always be 0. */
export const OVERLAPPING_PAIRS_SQL = `
  SELECT COUNT(*) AS pairs FROM bookings a JOIN bookings b
    ON a.venue_id = b.venue_id AND a.id < b.id
   AND a.occupied_from < b.occupied_until AND b.occupied_from < a.occupied_until
  WHERE a.status IN ('HELD', 'PENDING_APPROVAL', 'APPROVED') AND b.status IN ('HELD', 'PENDING_APPROVAL', 'APPROVED')
    AND (a.status <> 'HELD' OR a.hold_expires_at > UTC_TIMESTAMP(3))
    AND (b.status <> 'HELD' OR b.hold_expires_at > UTC_TIMESTAMP(3))`;
