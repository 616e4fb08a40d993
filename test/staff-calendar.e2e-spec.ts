import { DateTime, WeekdayNumbers } from 'luxon';
import ical, { VEvent } from 'node-ical';
import { activeVenue, EVERY_DAY, nextKey, REQUEST } from './support/booking-fixtures';
import { errorCode, TestApi } from './support/test-api';

/** ISO time in Beijing on the given ISO weekday, `weeks` weeks ahead. */
function on(weeks: number, weekday: WeekdayNumbers, hhmm: string): string {
  const [hour, minute] = hhmm.split(':').map(Number);
  return DateTime.now()
    .setZone('Asia/Shanghai')
    .startOf('week')
    .plus({ weeks })
    .set({ weekday, hour, minute })
    .toISO({ suppressMilliseconds: true })!;
}

const CREATE = 'mutation($venueId: ID) { createCalendarFeed(venueId: $venueId) { id kind url } }';
const REVOKE = 'mutation($id: ID!) { revokeCalendarFeed(id: $id) { revokedAt } }';
const ASSIGN =
  'mutation($r: ID!, $s: ID!) { assignStaff(requirementId: $r, staffId: $s) { id status } }';
const RESPOND = 'mutation($id: ID!) { respondToAssignment(id: $id, accept: true) { id status } }';
const STAFF_ID =
  'query($text: String) { staff(filter: { text: $text }) { edges { node { id } } } }';

describe('staff calendar feeds', () => {
  let api: TestApi;
  let admin: string;
  let security: string;
  let organizer: string;
  let liNaToken: string;
  let officerToken: string;
  let venueId: string;
  let bookingId: string;
  let interpreterAssignment: string;
  let officerAssignment: string;
  const startsAt = on(3, 3, '09:00');
  const endsAt = on(3, 3, '11:30');

  beforeAll(async () => {
    api = await TestApi.start({
      demo: true,
      env: { PUBLIC_BASE_URL: 'https://venues.example.test' },
    });
    let qianmen: string;
    [admin, qianmen, security, organizer, liNaToken, officerToken] = await Promise.all(
      ['admin', 'qianmen', 'security', 'organizer', 'interpreter', 'officer'].map((n) =>
        api.login(`${n}@demo.local`),
      ),
    );
    // Security level 1, so the demo officer (clearance 1) qualifies.
    venueId = await activeVenue(
      api,
      { qianmen, admin },
      {
        nameZh: '东城外事排班厅',
        nameEn: 'Dongcheng Rota Hall',
        securityLevel: 1,
        openingHours: EVERY_DAY('07:00', '22:00'),
      },
    );
    const booked = await api.gql(
      REQUEST,
      {
        input: {
          venueId,
          startsAt,
          endsAt,
          title: 'Sino-British trade dialogue',
          attendees: 40,
          interpretation: [{ from: 'zh', to: 'en', mode: 'SIMULTANEOUS' }],
        },
        key: nextKey(),
      },
      organizer,
    );
    if (!booked.data) throw new Error(JSON.stringify(booked.errors));
    bookingId = booked.data.requestBooking.id;
    const requirements = (
      await api.gql(
        'query($id: ID!) { staffingRequirements(bookingId: $id) { id kind skill } }',
        { id: bookingId },
        admin,
      )
    ).data.staffingRequirements;
    const staffId = async (text: string) =>
      (await api.gql(STAFF_ID, { text }, admin)).data.staff.edges[0].node.id;
    const interpreter = await api.gql(
      ASSIGN,
      {
        r: requirements.find((r: any) => r.kind === 'INTERPRETER').id,
        s: await staffId('Li Na'), // interpreter@demo.local
      },
      admin,
    );
    const officer = await api.gql(
      ASSIGN,
      {
        r: requirements.find((r: any) => r.kind === 'SECURITY_OFFICER' && !r.skill).id,
        s: await staffId('Wang Qiang'), // officer@demo.local
      },
      security,
    );
    if (!interpreter.data || !officer.data)
      throw new Error(JSON.stringify([interpreter.errors, officer.errors]));
    interpreterAssignment = interpreter.data.assignStaff.id;
    officerAssignment = officer.data.assignStaff.id;
  });

  afterAll(() => api.close());

  async function fetchFeed(
    url: string,
  ): Promise<{ status: number; type: string | null; body: string }> {
    const response = await fetch(`${api.url}${new URL(url).pathname}`);
    return {
      status: response.status,
      type: response.headers.get('content-type'),
      body: await response.text(),
    };
  }

  function events(body: string): VEvent[] {
    return Object.values(ical.sync.parseICS(body)).filter((c): c is VEvent => c?.type === 'VEVENT');
  }

  async function feedOf(token: string): Promise<{ id: string; url: string }> {
    const { data, errors } = await api.gql(CREATE, {}, token);
    if (!data) throw new Error(JSON.stringify(errors));
    expect(data.createCalendarFeed.kind).toBe('STAFF');
    return data.createCalendarFeed;
  }

  it('serves an interpreter’s assignment at the venue’s local wall time, tentative until accepted', async () => {
    const feed = await feedOf(liNaToken);
    expect(feed.url).toMatch(/^https:\/\/venues\.example\.test\/calendar\/[\w-]{40,}\.ics$/);
    const served = await fetchFeed(feed.url);
    expect(served.status).toBe(200);
    expect(served.type).toMatch(/^text\/calendar/);
    expect(served.body).toContain('BEGIN:VTIMEZONE');
    expect(served.body).toContain('TZID:Asia/Shanghai');
    // 09:00 in Beijing is 01:00 UTC: the wall time must be local, under the TZID.
    const wall = DateTime.fromISO(startsAt).setZone('Asia/Shanghai').toFormat("yyyyMMdd'T'HHmmss");
    expect(wall).toMatch(/T090000$/);
    expect(served.body).toContain(`DTSTART;TZID=Asia/Shanghai:${wall}`);

    const [event, ...others] = events(served.body);
    expect(others).toEqual([]);
    expect(event.uid).toBe(`assignment-${interpreterAssignment}@venues.dongcheng`);
    expect(event.summary).toBe('Sino-British trade dialogue – Interpreter zh→en SIMULTANEOUS');
    expect(event.location).toBe(
      '东城外事排班厅 Dongcheng Rota Hall, 北京市东城区前门大街1号 / 1 Qianmen Dajie, Dongcheng District, Beijing',
    );
    expect((event.start as Date).toISOString()).toBe(new Date(startsAt).toISOString());
    expect((event.end as Date).toISOString()).toBe(new Date(endsAt).toISOString());
    expect((event.start as Date & { tz?: string }).tz).toBe('Asia/Shanghai');
    expect(event.status).toBe('TENTATIVE');
    expect(Number(event.sequence)).toBe(1);

    const accepted = await api.gql(RESPOND, { id: interpreterAssignment }, liNaToken);
    expect(accepted.data.respondToAssignment.status).toBe('ACCEPTED');
    const [confirmed] = events((await fetchFeed(feed.url)).body);
    expect(confirmed.status).toBe('CONFIRMED');
    expect(Number(confirmed.sequence)).toBe(2);
  });

  it('gives each staff member only their own assignments', async () => {
    const [officerEvent, ...rest] = events(
      (await fetchFeed((await feedOf(officerToken)).url)).body,
    );
    expect(rest).toEqual([]);
    expect(officerEvent.uid).toBe(`assignment-${officerAssignment}@venues.dongcheng`);
    expect(officerEvent.summary).toBe('Sino-British trade dialogue – Security officer');
    const other = await api.login('interpreter-en-2@demo.local');
    expect(events((await fetchFeed((await feedOf(other)).url)).body)).toEqual([]);
  });

  it('keeps organizers’ feeds as they were and staff away from venue feeds', async () => {
    const organizers = await api.gql(CREATE, {}, organizer);
    expect(organizers.data.createCalendarFeed.kind).toBe('ORGANIZER');
    expect(events((await fetchFeed(organizers.data.createCalendarFeed.url)).body)[0].uid).toBe(
      `booking-${bookingId}@venues.dongcheng`,
    );
    expect(errorCode(await api.gql(CREATE, { venueId }, liNaToken))).toBe('FORBIDDEN');
    // A coordinator is no staff member: their own feed is of the events, not of assignments.
    expect((await api.gql(CREATE, {}, security)).data.createCalendarFeed.kind).toBe('SECURITY');
    expect(
      errorCode(await api.gql('mutation { createCalendarFeed(kind: STAFF) { id } }', {}, security)),
    ).toBe('FORBIDDEN');
  });

  it('stops serving a revoked feed; only its owner (or the district) revokes it', async () => {
    const feed = await feedOf(liNaToken);
    expect((await fetchFeed(feed.url)).status).toBe(200);
    expect(errorCode(await api.gql(REVOKE, { id: feed.id }, officerToken))).toBe('NOT_FOUND');
    expect((await fetchFeed(feed.url)).status).toBe(200);
    const revoked = await api.gql(REVOKE, { id: feed.id }, liNaToken);
    expect(revoked.data.revokeCalendarFeed.revokedAt).toEqual(expect.any(String));
    expect((await fetchFeed(feed.url)).status).toBe(404);
  });

  it('drops assignments of a cancelled booking even before its requirements are reconciled', async () => {
    const feed = await feedOf(officerToken);
    expect(events((await fetchFeed(feed.url)).body)).toHaveLength(1);
    const cancelled = await api.gql(
      'mutation($id: ID!) { cancelBooking(id: $id, reason: "Postponed") { status } }',
      { id: bookingId },
      organizer,
    );
    expect(cancelled.data.cancelBooking.status).toBe('CANCELLED');
    expect(events((await fetchFeed(feed.url)).body)).toEqual([]);
  });
});
