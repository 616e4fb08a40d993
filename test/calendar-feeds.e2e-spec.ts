import ical, { VEvent } from 'node-ical';
import { activeVenue, beijing, nextKey, REQUEST } from './support/booking-fixtures';
import { errorCode, TestApi } from './support/test-api';

const CREATE = 'mutation($venueId: ID) { createCalendarFeed(venueId: $venueId) { id kind url } }';

describe('calendar feeds', () => {
  let api: TestApi;
  let admin: string;
  let qianmen: string;
  let jingshan: string;
  let organizer: string;
  let venueId: string;
  let bookingId: string;

  beforeAll(async () => {
    api = await TestApi.start({
      demo: true,
      env: { PUBLIC_BASE_URL: 'https://venues.example.test/' },
    });
    [admin, qianmen, jingshan, organizer] = await Promise.all(
      ['admin', 'qianmen', 'jingshan', 'organizer'].map((name) => api.login(`${name}@demo.local`)),
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
});
