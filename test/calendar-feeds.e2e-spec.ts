import ical, { VEvent } from 'node-ical';
import { activeVenue, beijing, nextKey, REQUEST } from './support/booking-fixtures';
import { errorCode, TestApi } from './support/test-api';

const CREATE = 'mutation($venueId: ID) { createCalendarFeed(venueId: $venueId) { id kind url } }';
const CREATE_KIND = `mutation($venueId: ID, $kind: CalendarFeedKind) {
  createCalendarFeed(venueId: $venueId, kind: $kind) { id kind url } }`;

describe('calendar feeds', () => {
  let api: TestApi;
  let admin: string;
  let qianmen: string;
  let jingshan: string;
  let organizer: string;
  let security: string;
  let interpreter: string;
  let venueId: string;
  let bookingId: string;

  beforeAll(async () => {
    api = await TestApi.start({
      demo: true,
      env: { PUBLIC_BASE_URL: 'https://venues.example.test/' },
    });
    [admin, qianmen, jingshan, organizer, security, interpreter] = await Promise.all(
      ['admin', 'qianmen', 'jingshan', 'organizer', 'security', 'interpreter'].map((name) =>
        api.login(`${name}@demo.local`),
      ),
    );
    venueId = await activeVenue(
      api,
      { qianmen, admin },
      { nameEn: 'Calendar Hall', nameZh: '日历厅' },
    );
    const input = {
      venueId,
      startsAt: beijing(20, '07:00'),
      endsAt: beijing(20, '09:00'),
      title: 'Breakfast with the delegation',
      attendees: 20,
    };
    bookingId = (await api.gql(REQUEST, { input, key: nextKey() }, organizer)).data.requestBooking
      .id;
  });

  afterAll(() => api.close());

  async function fetchFeed(
    url: string,
  ): Promise<{ status: number; type: string | null; body: string }> {
    const path = new URL(url).pathname;
    const response = await fetch(`${api.url}${path}`);
    return {
      status: response.status,
      type: response.headers.get('content-type'),
      body: await response.text(),
    };
  }

  function events(body: string): VEvent[] {
    return Object.values(ical.sync.parseICS(body)).filter((c): c is VEvent => c?.type === 'VEVENT');
  }

  it('serves a venue’s bookings as iCalendar with the venue’s time zone, parsed by an independent parser', async () => {
    const { data } = await api.gql(CREATE, { venueId }, qianmen);
    expect(data.createCalendarFeed.kind).toBe('VENUE');
    expect(data.createCalendarFeed.url).toMatch(
      /^https:\/\/venues\.example\.test\/calendar\/[\w-]{40,}\.ics$/,
    );
    const feed = await fetchFeed(data.createCalendarFeed.url);
    expect(feed.status).toBe(200);
    expect(feed.type).toMatch(/^text\/calendar/);
    expect(feed.body).toContain('BEGIN:VTIMEZONE');
    expect(feed.body).toContain('TZID:Asia/Shanghai');
    const [event] = events(feed.body);
    expect(event.uid).toBe(`booking-${bookingId}@venues.dongcheng`);
    expect(event.summary).toContain('Breakfast with the delegation');
    expect((event.start as Date).toISOString()).toBe(new Date(beijing(20, '07:00')).toISOString());
    expect((event.end as Date).toISOString()).toBe(new Date(beijing(20, '09:00')).toISOString());
    expect((event.start as Date & { tz?: string }).tz).toBe('Asia/Shanghai');
  });

  it('writes DTSTAMP and LAST-MODIFIED in UTC, as RFC 5545 requires, whatever the zones', async () => {
    const { data } = await api.gql(CREATE, { venueId }, qianmen);
    const feed = await fetchFeed(data.createCalendarFeed.url);
    const { data: read } = await api.gql(
      'query($id: ID!) { booking(id: $id) { updatedAt } }',
      { id: bookingId },
      qianmen,
    );
    const utc = new Date(read.booking.updatedAt).toISOString().replace(/[-:]|\.\d+/g, '');
    const lines = feed.body.split('\r\n');
    expect(lines).toContain(`DTSTAMP:${utc}`);
    expect(lines).toContain(`LAST-MODIFIED:${utc}`);
    expect(lines).toContain('X-WR-TIMEZONE:Asia/Shanghai');
  });

  it('gives an organizer a feed of their own bookings', async () => {
    const { data } = await api.gql(CREATE, {}, organizer);
    expect(data.createCalendarFeed.kind).toBe('ORGANIZER');
    const feed = await fetchFeed(data.createCalendarFeed.url);
    expect(events(feed.body).map((e) => e.uid)).toContain(`booking-${bookingId}@venues.dongcheng`);
  });

  it('stops serving a revoked feed and refuses guessed tokens', async () => {
    const { data } = await api.gql(CREATE, { venueId }, admin);
    expect((await fetchFeed(data.createCalendarFeed.url)).status).toBe(200);
    const revoked = await api.gql(
      'mutation($id: ID!) { revokeCalendarFeed(id: $id) { revokedAt } }',
      { id: data.createCalendarFeed.id },
      admin,
    );
    expect(revoked.data.revokeCalendarFeed.revokedAt).toEqual(expect.any(String));
    expect((await fetchFeed(data.createCalendarFeed.url)).status).toBe(404);
    expect((await fetch(`${api.url}/calendar/${'a'.repeat(43)}.ics`)).status).toBe(404);
  });

  it('keeps other subdistricts away from a venue’s feed', async () => {
    expect(errorCode(await api.gql(CREATE, { venueId }, jingshan))).toBe('FORBIDDEN');
  });

  describe('a security coordinator’s feed', () => {
    let jingshanId: string;
    /** title -> booking id, of the bookings made for these tests. */
    const made = new Map<string, string>();
    let url: string;

    async function book(
      title: string,
      venue: string,
      days: number,
      extra: Record<string, unknown>,
    ): Promise<string> {
      const input = {
        venueId: venue,
        startsAt: beijing(days, '10:00'),
        endsAt: beijing(days, '12:00'),
        title,
        attendees: 30,
        ...extra,
      };
      const result = await api.gql(REQUEST, { input, key: nextKey() }, organizer);
      if (!result.data) throw new Error(JSON.stringify(result.errors));
      made.set(title, result.data.requestBooking.id);
      return result.data.requestBooking.status;
    }

    const uidOf = (title: string) => `booking-${made.get(title)}-security@venues.dongcheng`;
    const setCoordinator = (column: 'subdistrict_id' | 'active', value: unknown) =>
      api.dataSource.query(`UPDATE users SET ${column} = ? WHERE email = 'security@demo.local'`, [
        value,
      ]);

    beforeAll(async () => {
      [{ id: jingshanId }] = await api.dataSource.query(
        "SELECT CAST(id AS CHAR) AS id FROM subdistricts WHERE code = 'JINGSHAN'",
      );
      const jingshanVenue = await activeVenue(
        api,
        { qianmen: jingshan, admin },
        { subdistrictId: jingshanId, nameEn: 'Jingshan Pavilion', nameZh: '景山亭' },
      );
      const approvalVenue = await activeVenue(api, { qianmen, admin }, { requiresApproval: true });
      const statuses = [
        await book('Guests from abroad', venueId, 21, {
          foreignGuests: 8,
          description: 'Organizer mobile 13900000000; menu to follow',
        }),
        await book('Delegation only', venueId, 22, { delegationCountries: ['FR', 'DE'] }),
        await book('Interpreted talk', venueId, 23, {
          interpretation: [{ from: 'zh', to: 'fr', mode: 'CONSECUTIVE' }],
        }),
        await book('Jingshan reception', jingshanVenue, 24, { foreignGuests: 5 }),
        await book('Local choir', venueId, 25, {}),
        await book('Waiting for approval', approvalVenue, 26, { foreignGuests: 4 }),
        await book('Called off', venueId, 27, { foreignGuests: 6 }),
      ];
      expect(statuses).toEqual([
        'APPROVED',
        'APPROVED',
        'APPROVED',
        'APPROVED',
        'APPROVED',
        'PENDING_APPROVAL',
        'APPROVED',
      ]);
      const cancelled = await api.gql(
        'mutation($id: ID!) { cancelBooking(id: $id, reason: "Visit postponed") { status } }',
        { id: made.get('Called off') },
        organizer,
      );
      expect(cancelled.data.cancelBooking.status).toBe('CANCELLED');
    });

    afterEach(async () => {
      await setCoordinator('subdistrict_id', null);
      await setCoordinator('active', true);
    });

    it('lists the approved foreign-related events of the whole district, with only what security needs', async () => {
      const { data, errors } = await api.gql(CREATE, {}, security);
      expect(errors).toBeUndefined();
      expect(data.createCalendarFeed.kind).toBe('SECURITY');
      url = data.createCalendarFeed.url;
      const feed = await fetchFeed(url);
      expect(feed.status).toBe(200);
      expect(feed.type).toMatch(/^text\/calendar/);
      const listed = events(feed.body);
      // Foreign guests, a delegation or interpretation, approved, in any subdistrict; not the
      // local event, the pending one, the cancelled one, nor the breakfast without foreign guests.
      expect(listed.map((e) => e.uid)).toEqual(
        ['Guests from abroad', 'Delegation only', 'Interpreted talk', 'Jingshan reception'].map(
          uidOf,
        ),
      );
      const [guests, delegation] = listed;
      expect(guests.summary).toBe('Guests from abroad [STANDARD]');
      expect(guests.location).toContain('Calendar Hall');
      expect(guests.description).toContain('foreign guests: 8');
      expect(delegation.description).toContain('Delegation countries: FR, DE');
      expect((guests.start as Date).toISOString()).toBe(
        new Date(beijing(21, '10:00')).toISOString(),
      );
      expect((guests.start as Date & { tz?: string }).tz).toBe('Asia/Shanghai');
      // Nothing the security notice leaves out: not the organizer, not the description.
      expect(feed.body).not.toContain('13900000000');
      expect(feed.body).not.toContain('organizer@demo.local');
      expect(feed.body).not.toMatch(/ORGANIZER|ATTENDEE/);

      const mine = await api.gql('query { calendarFeeds { id kind url revokedAt } }', {}, security);
      expect(mine.data.calendarFeeds).toEqual([
        { id: data.createCalendarFeed.id, kind: 'SECURITY', url: null, revokedAt: null },
      ]);
    });

    it('keeps a coordinator bound to a subdistrict to its events, and ends with their account', async () => {
      await setCoordinator('subdistrict_id', jingshanId);
      expect(events((await fetchFeed(url)).body).map((e) => e.uid)).toEqual([
        uidOf('Jingshan reception'),
      ]);
      await setCoordinator('subdistrict_id', null);
      expect(events((await fetchFeed(url)).body)).toHaveLength(4);
      await setCoordinator('active', false);
      expect((await fetchFeed(url)).status).toBe(404);
    });

    it('is refused to every other role with FORBIDDEN, writing nothing', async () => {
      const feedCount = async () =>
        Number((await api.dataSource.query('SELECT COUNT(*) AS n FROM calendar_feeds'))[0].n);
      const before = await feedCount();
      for (const token of [organizer, qianmen, admin, interpreter]) {
        const refused = await api.gql(CREATE_KIND, { kind: 'SECURITY' }, token);
        expect(errorCode(refused)).toBe('FORBIDDEN');
      }
      // An organizer's feed is not the coordinator's, and neither is of a venue.
      expect(errorCode(await api.gql(CREATE_KIND, { kind: 'ORGANIZER' }, security))).toBe(
        'FORBIDDEN',
      );
      const ofVenue = await api.gql(CREATE_KIND, { kind: 'SECURITY', venueId }, security);
      expect(errorCode(ofVenue)).toBe('BAD_USER_INPUT');
      expect(ofVenue.errors![0].extensions.field).toBe('venueId');
      expect(await feedCount()).toBe(before);
    });
  });
});
