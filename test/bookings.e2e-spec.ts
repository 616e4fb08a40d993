import { SQL_STATEMENT_COUNTER, SqlStatementCounter } from '@app/database';
import {
  activeVenue,
  beijing,
  BOOKING_TABLES,
  EVERY_DAY,
  nextKey,
  REQUEST,
} from './support/booking-fixtures';
import { errorCode, snapshot, TestApi } from './support/test-api';
import { venueInput } from './support/venue-fixtures';

const APPROVE =
  'mutation($id: ID!) { approveBooking(id: $id) { id status approvalStage auditTrail { action toStatus actor { email } } } }';
const REJECT_ANY = 'mutation($id: ID!) { rejectBooking(id: $id, reason: "No") { id status } }';
const CANCEL_ANY = 'mutation($id: ID!) { cancelBooking(id: $id, reason: "No") { id status } }';
const PENDING = 'query { pendingApprovals { totalCount edges { node { id approvalStage } } } }';

describe('bookings over HTTP', () => {
  let api: TestApi;
  let admin: string;
  let qianmen: string;
  let jingshan: string;
  let organizer: string;
  let organizer2: string;

  beforeAll(async () => {
    api = await TestApi.start({ demo: true });
    [admin, qianmen, jingshan, organizer, organizer2] = await Promise.all(
      ['admin', 'qianmen', 'jingshan', 'organizer', 'organizer2'].map((name) =>
        api.login(`${name}@demo.local`),
      ),
    );
  });

  afterAll(() => api.close());

  const venue = (overrides: Record<string, unknown> = {}) =>
    activeVenue(api, { qianmen, admin }, overrides);

  function event(
    venueId: string,
    days: number,
    from: string,
    to: string,
    extra: Record<string, unknown> = {},
  ) {
    return {
      venueId,
      startsAt: beijing(days, from),
      endsAt: beijing(days, to),
      title: '中法文化交流会 Sino-French exchange',
      attendees: 40,
      ...extra,
    };
  }

  const book = (token: string, input: Record<string, unknown>, key = nextKey()) =>
    api.gql(REQUEST, { input, key }, token);

  describe('lifecycles', () => {
    it('approves a STANDARD event at once where the venue needs no approval', async () => {
      const id = await venue({ requiresApproval: false });
      const result = await book(organizer, event(id, 10, '09:00', '11:00'));
      expect(result.errors).toBeUndefined();
      expect(result.data.requestBooking).toMatchObject({
        status: 'APPROVED',
        approvalStage: null,
        organizer: { email: 'organizer@demo.local' },
      });
      expect(result.data.requestBooking.auditTrail).toEqual([
        expect.objectContaining({
          action: 'requested',
          fromStatus: null,
          toStatus: 'APPROVED',
          actor: { email: 'organizer@demo.local' },
        }),
      ]);
    });

    it('sends a STANDARD event to the subdistrict where the venue needs approval', async () => {
      const id = await venue({ requiresApproval: true });
      const { data } = await book(organizer, event(id, 10, '09:00', '11:00'));
      const booking = data.requestBooking;
      expect(booking).toMatchObject({ status: 'PENDING_APPROVAL', approvalStage: 'SUBDISTRICT' });
      const pending = await api.gql(PENDING, {}, qianmen);
      expect(pending.data.pendingApprovals.edges.map((e: any) => e.node.id)).toContain(booking.id);
      // Another subdistrict's manager learns nothing of it: not found, whatever its status.
      const elsewhere = await api.gql(APPROVE, { id: booking.id }, jingshan);
      expect(errorCode(elsewhere)).toBe('NOT_FOUND');
      expect(elsewhere.errors![0].message).toBe(`没有预订 ${booking.id}`); // Jingshan reads Chinese
      // Qianmen has a manager: the district is not asked (it may still act; see approvals).
      const districtQueue = await api.gql(PENDING, {}, admin);
      expect(districtQueue.data.pendingApprovals.edges.map((e: any) => e.node.id)).not.toContain(
        booking.id,
      );
      const approved = await api.gql(APPROVE, { id: booking.id }, qianmen);
      expect(approved.data.approveBooking).toMatchObject({
        status: 'APPROVED',
        approvalStage: null,
      });
      for (const call of [APPROVE, REJECT_ANY, CANCEL_ANY]) {
        const again = await api.gql(call, { id: booking.id }, jingshan);
        expect(errorCode(again)).toBe('NOT_FOUND');
        expect(again.errors![0].message).not.toContain('APPROVED');
      }
      expect(approved.data.approveBooking.auditTrail.map((a: any) => a.action)).toEqual([
        'requested',
        'approved',
      ]);
      expect(errorCode(await api.gql(APPROVE, { id: booking.id }, qianmen))).toBe('CONFLICT');
    });

    it('takes a STATE event through the subdistrict and then the district, in that order', async () => {
      const id = await venue({ requiresApproval: true, securityLevel: 3 });
      const { data } = await book(
        organizer,
        event(id, 11, '14:00', '17:00', {
          protocolLevel: 'STATE',
          foreignGuests: 12,
          delegationCountries: ['FR', 'de'],
        }),
      );
      const booking = data.requestBooking;
      expect(booking).toMatchObject({
        status: 'PENDING_APPROVAL',
        approvalStage: 'SUBDISTRICT',
        protocolLevel: 'STATE',
      });
      const first = await api.gql(APPROVE, { id: booking.id }, qianmen);
      expect(first.data.approveBooking).toMatchObject({
        status: 'PENDING_APPROVAL',
        approvalStage: 'DISTRICT',
      });
      expect(errorCode(await api.gql(APPROVE, { id: booking.id }, qianmen))).toBe('FORBIDDEN');
      const districtQueue = await api.gql(PENDING, {}, admin);
      expect(districtQueue.data.pendingApprovals.edges.map((e: any) => e.node.id)).toContain(
        booking.id,
      );
      const second = await api.gql(APPROVE, { id: booking.id }, admin);
      expect(second.data.approveBooking.status).toBe('APPROVED');
      expect(second.data.approveBooking.auditTrail).toEqual([
        expect.objectContaining({
          action: 'requested',
          toStatus: 'PENDING_APPROVAL',
          actor: { email: 'organizer@demo.local' },
        }),
        expect.objectContaining({
          action: 'approved-by-subdistrict',
          toStatus: 'PENDING_APPROVAL',
          actor: { email: 'qianmen@demo.local' },
        }),
        expect.objectContaining({
          action: 'approved',
          toStatus: 'APPROVED',
          actor: { email: 'admin@demo.local' },
        }),
      ]);
    });

    it('rejects with a reason, and cancels with a reason', async () => {
      const id = await venue({ requiresApproval: true });
      const a = (await book(organizer, event(id, 12, '09:00', '10:00'))).data.requestBooking;
      const REJECT =
        'mutation($id: ID!, $reason: String!) { rejectBooking(id: $id, reason: $reason) { status auditTrail { reason } } }';
      const rejected = await api.gql(REJECT, { id: a.id, reason: '场地维修 Maintenance' }, qianmen);
      expect(rejected.data.rejectBooking.status).toBe('REJECTED');
      expect(rejected.data.rejectBooking.auditTrail.at(-1).reason).toBe('场地维修 Maintenance');
      const b = (await book(organizer, event(id, 12, '09:00', '10:00'))).data.requestBooking;
      const CANCEL =
        'mutation($id: ID!, $reason: String!) { cancelBooking(id: $id, reason: $reason) { status } }';
      // Another organizer's booking is not found: whether it exists is not their business.
      expect(errorCode(await api.gql(CANCEL, { id: b.id, reason: 'not mine' }, organizer2))).toBe(
        'NOT_FOUND',
      );
      expect(
        (await api.gql(CANCEL, { id: b.id, reason: 'Delegation postponed' }, organizer)).data
          .cancelBooking.status,
      ).toBe('CANCELLED');
      const again = await book(organizer, event(id, 12, '09:00', '10:00'));
      expect(again.data.requestBooking.status).toBe('PENDING_APPROVAL');
    });

    it('keeps a rescheduled approved booking in force while its move waits for approval, and writes nothing when the new slot fails', async () => {
      const id = await venue({ requiresApproval: true });
      const booking = (await book(organizer, event(id, 13, '09:00', '10:00'))).data.requestBooking;
      await api.gql(APPROVE, { id: booking.id }, qianmen);
      const blocker = (await book(organizer2, event(id, 13, '15:00', '16:00'))).data.requestBooking;
      expect(blocker.status).toBe('PENDING_APPROVAL');
      const MOVE =
        'mutation($id: ID!, $s: DateTime!, $e: DateTime!) { rescheduleBooking(id: $id, startsAt: $s, endsAt: $e) { status approvalStage startsAt version } }';
      const before = await snapshot(api.dataSource, BOOKING_TABLES);
      const clash = await api.gql(
        MOVE,
        { id: booking.id, s: beijing(13, '15:30'), e: beijing(13, '16:30') },
        organizer,
      );
      expect(errorCode(clash)).toBe('SLOT_TAKEN');
      expect(await snapshot(api.dataSource, BOOKING_TABLES)).toBe(before);
      const moved = await api.gql(
        MOVE,
        { id: booking.id, s: beijing(13, '11:00'), e: beijing(13, '12:00') },
        organizer,
      );
      expect(moved.data.rescheduleBooking).toMatchObject({
        status: 'APPROVED',
        approvalStage: 'SUBDISTRICT',
        startsAt: new Date(beijing(13, '09:00')).toISOString(),
        version: 3,
      });
      // Until the change is decided, the approved slot and the proposed one are both held.
      expect(errorCode(await book(organizer2, event(id, 13, '09:00', '10:00')))).toBe('SLOT_TAKEN');
      expect(errorCode(await book(organizer2, event(id, 13, '11:00', '12:00')))).toBe('SLOT_TAKEN');
    });
  });

  describe('rules: each violation has its code and writes nothing', () => {
    let strict: string;
    let suspended: string;
    let draft: string;

    beforeAll(async () => {
      strict = await venue({
        seatedCapacity: 100,
        standingCapacity: null,
        securityLevel: 2,
        minNoticeHours: 48,
        maxAdvanceDays: 60,
        minDurationMinutes: 60,
        maxDurationMinutes: 240,
        facilities: [
          { type: 'SIMULTANEOUS_INTERPRETATION_BOOTH', count: 1 },
          { type: 'INTERPRETATION_HEADSETS', count: 50 },
        ],
      });
      await api.gql(
        'mutation($v: ID!, $s: DateTime!, $e: DateTime!) { addBlackout(venueId: $v, startsAt: $s, endsAt: $e, reason: "国事活动 State function") { id } }',
        { v: strict, s: beijing(20, '00:00'), e: beijing(21, '00:00') },
        qianmen,
      );
      await book(organizer, event(strict, 22, '10:00', '12:00'));
      suspended = await venue();
      await api.gql(
        'mutation($id: ID!) { suspendVenue(id: $id, reason: "Renovation") { id } }',
        { id: suspended },
        admin,
      );
      const registered = await api.gql(
        'mutation($input: RegisterVenueInput!) { registerVenue(input: $input) { id } }',
        { input: venueInput('11', { nameEn: 'Draft Only' }) },
        qianmen,
      );
      draft = registered.data.registerVenue.id;
    });

    const simultaneous = (pairs: string[]) =>
      pairs.map((to) => ({ from: 'zh', to, mode: 'SIMULTANEOUS' }));
    const cases: [string, () => Record<string, unknown>, string, string?][] = [
      ['a suspended venue', () => event(suspended, 10, '09:00', '10:00'), 'VENUE_NOT_ACTIVE'],
      ['a draft venue', () => event(draft, 10, '09:00', '10:00'), 'VENUE_NOT_ACTIVE'],
      ['before opening', () => event(strict, 10, '06:00', '08:00'), 'OUTSIDE_OPENING_HOURS'],
      ['in a blackout', () => event(strict, 20, '09:00', '11:00'), 'IN_BLACKOUT'],
      ['too short notice', () => event(strict, 1, '09:00', '11:00'), 'TOO_SHORT_NOTICE'],
      ['too far ahead', () => event(strict, 90, '09:00', '11:00'), 'TOO_FAR_AHEAD'],
      ['too short', () => event(strict, 10, '09:00', '09:30'), 'DURATION_OUT_OF_RANGE'],
      ['too long', () => event(strict, 10, '09:00', '14:00'), 'DURATION_OUT_OF_RANGE'],
      [
        'too many attendees',
        () => event(strict, 10, '09:00', '11:00', { attendees: 101 }),
        'OVER_CAPACITY',
      ],
      [
        'two simultaneous pairs, one booth',
        () => event(strict, 10, '09:00', '11:00', { interpretation: simultaneous(['en', 'fr']) }),
        'MISSING_FACILITY',
      ],
      [
        'more guests than headsets',
        () =>
          event(strict, 10, '09:00', '11:00', {
            foreignGuests: 60,
            attendees: 80,
            interpretation: simultaneous(['en']),
          }),
        'MISSING_FACILITY',
      ],
      [
        'a STATE event at level 2',
        () => event(strict, 10, '09:00', '11:00', { protocolLevel: 'STATE' }),
        'SECURITY_LEVEL_TOO_LOW',
      ],
      ['an overlapping slot', () => event(strict, 22, '11:00', '13:00'), 'SLOT_TAKEN'],
      ['end before start', () => event(strict, 10, '11:00', '09:00'), 'BAD_USER_INPUT', 'endsAt'],
      [
        'a start in the past',
        () => event(strict, -1, '09:00', '11:00'),
        'BAD_USER_INPUT',
        'startsAt',
      ],
      [
        'a country code of three letters',
        () => event(strict, 10, '09:00', '11:00', { delegationCountries: ['FRA'] }),
        'BAD_USER_INPUT',
      ],
      [
        'an unknown country',
        () => event(strict, 10, '09:00', '11:00', { delegationCountries: ['FR', 'XX'] }),
        'BAD_USER_INPUT',
        'delegationCountries[1]',
      ],
      [
        'an unknown language',
        () =>
          event(strict, 10, '09:00', '11:00', {
            interpretation: [{ from: 'zh', to: 'xx', mode: 'CONSECUTIVE' }],
          }),
        'BAD_USER_INPUT',
        'interpretation[0].to',
      ],
      [
        'the same language on both sides of a need',
        () =>
          event(strict, 10, '09:00', '11:00', {
            interpretation: [{ from: 'zh', to: 'ZH', mode: 'CONSECUTIVE' }],
          }),
        'BAD_USER_INPUT',
        'interpretation[0].to',
      ],
      [
        'more foreign guests than attendees',
        () => event(strict, 10, '09:00', '11:00', { foreignGuests: 41 }),
        'BAD_USER_INPUT',
        'foreignGuests',
      ],
      [
        'a time without offset',
        () => ({ ...event(strict, 10, '09:00', '11:00'), startsAt: '2030-01-01T09:00:00' }),
        'BAD_USER_INPUT',
      ],
      [
        'a day that is not in the calendar',
        () => ({ ...event(strict, 10, '09:00', '11:00'), startsAt: '2027-02-30T10:00:00+08:00' }),
        'BAD_USER_INPUT',
      ],
      ['an unknown venue', () => event('99999', 10, '09:00', '11:00'), 'NOT_FOUND'],
    ];

    // A rest parameter: jest would take a fourth named parameter for a done callback on 3-element rows.
    it.each(cases)('%s', async (...[, input, code, field]) => {
      const before = await snapshot(api.dataSource, BOOKING_TABLES);
      const result = await book(organizer, input());
      expect(errorCode(result)).toBe(code);
      expect(result.errors![0].message.length).toBeGreaterThan(10);
      if (field) expect(result.errors![0].extensions.field).toBe(field);
      expect(await snapshot(api.dataSource, BOOKING_TABLES)).toBe(before);
    });

    it('says what a country code must be, in words a person uses', async () => {
      const result = await book(
        organizer,
        event(strict, 10, '09:00', '11:00', { delegationCountries: ['FRA'] }),
      );
      expect(result.errors![0].message).toContain(
        'each delegation country is a two-letter ISO 3166-1 code, e.g. FR',
      );
      expect(result.errors![0].message).not.toContain('shorter than or equal');
    });

    it('says what is in the way: the blackout, or the occupied range of the booking', async () => {
      const blackout = await book(organizer, event(strict, 20, '09:00', '11:00'));
      expect(blackout.errors![0].extensions).toMatchObject({
        code: 'IN_BLACKOUT',
        blackoutStartsAt: new Date(beijing(20, '00:00')).toISOString(),
        blackoutEndsAt: new Date(beijing(21, '00:00')).toISOString(),
      });
      const [held] = await api.dataSource.query(
        "SELECT occupied_from AS f, occupied_until AS u FROM bookings WHERE venue_id = ? AND status <> 'CANCELLED' ORDER BY id LIMIT 1",
        [strict],
      );
      const taken = await book(organizer2, event(strict, 22, '11:00', '13:00'));
      expect(taken.errors![0].extensions).toMatchObject({
        code: 'SLOT_TAKEN',
        busyFrom: held.f.toISOString(),
        busyUntil: held.u.toISOString(),
      });
    });

    it('lets only organizers book', async () => {
      expect(errorCode(await book(qianmen, event(strict, 10, '09:00', '11:00')))).toBe('FORBIDDEN');
    });
  });

  describe('time', () => {
    it('lets bookings touch at the buffer boundary, and refuses one a minute inside it', async () => {
      const id = await venue({ setupMinutes: 30, teardownMinutes: 30 });
      const first = await book(organizer, event(id, 15, '10:00', '11:00'));
      expect(first.data.requestBooking).toMatchObject({
        occupiedFrom: expect.stringMatching(/T01:30:00/),
        occupiedUntil: expect.stringMatching(/T03:30:00/),
      });
      expect(errorCode(await book(organizer2, event(id, 15, '11:59', '13:00')))).toBe('SLOT_TAKEN');
      expect(
        (await book(organizer2, event(id, 15, '12:00', '13:00'))).data.requestBooking.status,
      ).toBe('APPROVED');
      expect(errorCode(await book(organizer2, event(id, 15, '08:00', '09:01')))).toBe('SLOT_TAKEN');
      expect(
        (await book(organizer2, event(id, 15, '08:00', '09:00'))).data.requestBooking.status,
      ).toBe('APPROVED');
    });

    it('checks 07:00–09:00 Beijing time (a UTC date change) against the local opening hours', async () => {
      const id = await venue({ openingHours: EVERY_DAY('07:00', '18:00') });
      expect(
        (await book(organizer, event(id, 16, '07:00', '09:00'))).data.requestBooking.status,
      ).toBe('APPROVED');
      expect(errorCode(await book(organizer, event(id, 17, '06:30', '09:00')))).toBe(
        'OUTSIDE_OPENING_HOURS',
      );
    });

    it('checks 22:00–00:30 against a venue open till 01:00', async () => {
      const id = await venue({ openingHours: EVERY_DAY('18:00', '01:00') });
      const late = await book(organizer, {
        ...event(id, 16, '22:00', '23:00'),
        endsAt: beijing(17, '00:30'),
      });
      expect(late.errors).toBeUndefined();
      expect(late.data.requestBooking.status).toBe('APPROVED');
      const tooLate = await book(organizer, {
        ...event(id, 18, '22:00', '23:00'),
        endsAt: beijing(19, '01:30'),
      });
      expect(errorCode(tooLate)).toBe('OUTSIDE_OPENING_HOURS');
    });
  });

  describe('visibility', () => {
    it('shows another organizer’s booking only as an anonymous busy block', async () => {
      const id = await venue();
      const mine = (
        await book(organizer, event(id, 14, '09:00', '10:00', { title: 'Confidential delegation' }))
      ).data.requestBooking;
      const SCHEDULE = `query($v: ID!, $f: DateTime!, $t: DateTime!) { venueSchedule(venueId: $v, from: $f, to: $t) { kind startsAt endsAt bookingId title status organizer { email } } }`;
      const vars = { v: id, f: beijing(14, '00:00'), t: beijing(15, '00:00') };
      const theirs = await api.gql(SCHEDULE, vars, organizer2);
      expect(theirs.data.venueSchedule).toEqual([
        {
          kind: 'BOOKING',
          startsAt: mine.occupiedFrom,
          endsAt: mine.occupiedUntil,
          bookingId: null,
          title: null,
          status: null,
          organizer: null,
        },
      ]);
      const own = await api.gql(SCHEDULE, vars, organizer);
      expect(own.data.venueSchedule[0]).toMatchObject({
        bookingId: mine.id,
        title: 'Confidential delegation',
        organizer: { email: 'organizer@demo.local' },
      });
      expect(
        (await api.gql('query($id: ID!) { booking(id: $id) { id } }', { id: mine.id }, organizer2))
          .data.booking,
      ).toBeNull();
      const listed = await api.gql(
        'query { bookings(first: 100) { edges { node { organizer { email } } } } }',
        {},
        organizer2,
      );
      expect(
        listed.data.bookings.edges.every(
          (e: any) => e.node.organizer.email === 'organizer2@demo.local',
        ),
      ).toBe(true);
    });
  });

  describe('availability', () => {
    it('finds free suitable venues, smallest sufficient first, and not the booked or closed ones', async () => {
      const big = await venue({
        seatedCapacity: 900,
        standingCapacity: null,
        facilities: [{ type: 'SIMULTANEOUS_INTERPRETATION_BOOTH', count: 3 }],
      });
      const small = await venue({
        seatedCapacity: 310,
        standingCapacity: null,
        facilities: [{ type: 'SIMULTANEOUS_INTERPRETATION_BOOTH', count: 2 }],
      });
      const booked = await venue({
        seatedCapacity: 305,
        standingCapacity: null,
        facilities: [{ type: 'SIMULTANEOUS_INTERPRETATION_BOOTH', count: 2 }],
      });
      const closed = await venue({
        seatedCapacity: 300,
        standingCapacity: null,
        openingHours: EVERY_DAY('12:00', '18:00'),
        facilities: [{ type: 'SIMULTANEOUS_INTERPRETATION_BOOTH', count: 2 }],
      });
      const oneBooth = await venue({
        seatedCapacity: 301,
        standingCapacity: null,
        facilities: [{ type: 'SIMULTANEOUS_INTERPRETATION_BOOTH', count: 1 }],
      });
      await book(organizer2, event(booked, 30, '10:30', '11:30'));
      const SEARCH = `query($input: AvailabilityInput!) { availableVenues(input: $input, first: 50) { totalCount edges { node { id seatedCapacity } } } }`;
      const input = {
        startsAt: beijing(30, '09:00'),
        endsAt: beijing(30, '11:00'),
        attendees: 300,
        facilities: [{ type: 'SIMULTANEOUS_INTERPRETATION_BOOTH', count: 2 }],
      };
      const result = await api.gql(SEARCH, { input }, organizer);
      expect(result.errors).toBeUndefined();
      const ids = result.data.availableVenues.edges.map((e: any) => e.node.id);
      expect(ids).toEqual(expect.arrayContaining([small, big]));
      expect(ids.indexOf(small)).toBeLessThan(ids.indexOf(big));
      expect(ids).not.toContain(booked);
      expect(ids).not.toContain(closed);
      expect(ids).not.toContain(oneBooth);
      const capacities = result.data.availableVenues.edges.map((e: any) => e.node.seatedCapacity);
      expect([...capacities].sort((a, b) => a - b)).toEqual(capacities);
    });
  });

  it('counts a list only when its totalCount is asked for', async () => {
    const counter = api.app.get<SqlStatementCounter>(SQL_STATEMENT_COUNTER);
    const counts = async (fields: string) => {
      counter.recorded = [];
      try {
        const result = await api.gql(`{ bookings(first: 5) { ${fields} } }`, {}, admin);
        expect(result.errors).toBeUndefined();
        return counter.recorded.filter((sql) => /COUNT\(/i.test(sql)).length;
      } finally {
        counter.recorded = null;
      }
    };
    expect(await counts('edges { node { id } }')).toBe(0);
    expect(await counts('totalCount edges { node { id } }')).toBe(1);
    const both = await api.gql(
      '{ bookings(first: 2) { totalCount edges { node { id } } pageInfo { hasNextPage } } }',
      {},
      admin,
    );
    expect(both.data.bookings.totalCount).toBeGreaterThan(2);
    expect(both.data.bookings.pageInfo.hasNextPage).toBe(true);
  });

  it('reads a page’s venues and organizers in one statement each, and only when shown', async () => {
    const counter = api.app.get<SqlStatementCounter>(SQL_STATEMENT_COUNTER);
    const read = async (query: string) => {
      counter.recorded = [];
      try {
        const result = await api.gql(query, {}, admin);
        expect(result.errors).toBeUndefined();
        const matching = (table: string) =>
          counter.recorded!.filter((sql) => sql.includes(`FROM \`${table}\` e WHERE e.id IN`))
            .length;
        return { data: result.data, venues: matching('venues'), users: matching('users') };
      } finally {
        counter.recorded = null;
      }
    };
    const plain = await read(
      '{ bookings(first: 20) { edges { node { id venue { nameEn } organizer { email } } } } }',
    );
    // Bookings the earlier tests made, at several venues and by several organizers.
    const nodes = plain.data.bookings.edges.map((edge: any) => edge.node);
    expect(new Set(nodes.map((node: any) => node.venue.nameEn)).size).toBeGreaterThan(1);
    expect(new Set(nodes.map((node: any) => node.organizer.email)).size).toBeGreaterThan(1);
    expect(plain).toMatchObject({ venues: 1, users: 1 });
    const throughFragments = await read(`{ bookings(first: 20) { ...page } }
      fragment page on BookingConnection { edges { node { id ... on Booking { venue { nameEn } } ...who } } }
      fragment who on Booking { organizer { email } }`);
    expect(throughFragments).toEqual(plain);
    expect(await read('{ bookings(first: 20) { edges { node { id } } } }')).toMatchObject({
      venues: 0,
      users: 0,
    });
  });
});
