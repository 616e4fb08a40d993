import { INestApplicationContext } from '@nestjs/common';
import { activeVenue, EVERY_DAY, nextKey, on, QIANMEN, REQUEST } from './support/booking-fixtures';
import { eventually } from './support/eventually';
import { notificationsSettled } from './support/queue-jobs';
import { errorCode, TestApi } from './support/test-api';
import { venueInput } from './support/venue-fixtures';
import { createWorkerApp } from '../apps/worker/src/bootstrap';

const UPDATE = `mutation($id: ID!, $input: UpdateVenueInput!) {
  updateVenue(id: $id, input: $input) {
    securityLevel seatedCapacity standingCapacity nameEn setupMinutes
    facilities { type count }
    pendingChange {
      requestedAt requestedBy { email }
      securityLevel seatedCapacity standingCapacity facilities { type count }
      changes { field from to }
      bookingsOverCapacity { id title attendees startsAt endsAt status }
    }
  }
}`;
const REVIEW_CHANGE = `mutation($id: ID!, $approve: Boolean!, $reason: String) {
  reviewVenueChange(venueId: $id, approve: $approve, reason: $reason) {
    securityLevel seatedCapacity facilities { type count } pendingChange { securityLevel }
  }
}`;
const VENUE = `query($id: ID!) { venue(id: $id) {
  status securityLevel seatedCapacity facilities { type count }
  pendingChange { securityLevel changes { field from to } }
  audit { at action fromStatus toStatus reason actor { email } changes { field from to } }
} }`;
const SUSPEND = `mutation($id: ID!) { suspendVenue(id: $id, reason: "Burst water pipe") {
  status statusReason affectedBookings { id title status startsAt }
} }`;
const INBOX = `{ notifications(first: 100) { edges { node { kind bookingId critical subjectEn bodyEn bodyZh } } } }`;
const REGISTER = 'mutation($input: RegisterVenueInput!) { registerVenue(input: $input) { id } }';
const SUBMIT = 'mutation($id: ID!) { submitVenueForReview(id: $id) { status } }';
const REVIEW = `mutation($id: ID!, $approve: Boolean!, $reason: String) {
  reviewVenue(id: $id, approve: $approve, reason: $reason) { status statusReason } }`;

type Notice = {
  kind: string;
  bookingId: string | null;
  subjectEn: string;
  bodyEn: string;
  bodyZh: string;
};

describe('the venue workflow: reviewed changes, suspension, notices and the audit trail', () => {
  let api: TestApi;
  let worker: INestApplicationContext;
  let admin: string;
  let qianmen: string;
  let organizer: string;
  let organizer2: string;
  let security: string;
  let interpreter: string;
  let venuesBeforeAnyStep: number;

  beforeAll(async () => {
    api = await TestApi.start({ demo: true });
    // The demo seed walks ~14 venues through review: none of it is news for anyone.
    venuesBeforeAnyStep = Number(
      (
        await api.dataSource.query(
          "SELECT COUNT(*) AS n FROM outbox_events WHERE aggregate_type = 'venue'",
        )
      )[0].n,
    );
    [admin, qianmen, organizer, organizer2, security, interpreter] = await Promise.all(
      ['admin', 'qianmen', 'organizer', 'organizer2', 'security', 'interpreter'].map((n) =>
        api.login(`${n}@demo.local`),
      ),
    );
    worker = await createWorkerApp(api.env);
  });

  afterAll(async () => {
    await worker?.close();
    await api.close();
  });

  const inbox = async (token: string): Promise<Notice[]> =>
    (await api.gql(INBOX, {}, token)).data.notifications.edges.map((e: any) => e.node);
  const noticesOf = (token: string, kind: string, count: number, match = '') =>
    eventually(
      async () => (await inbox(token)).filter((n) => n.kind === kind && n.bodyEn.includes(match)),
      (list) => list.length >= count,
    );

  async function book(venueId: string, token: string, input: Record<string, unknown>) {
    const result = await api.gql(
      REQUEST,
      { input: { venueId, title: 'Cultural exchange', attendees: 30, ...input }, key: nextKey() },
      token,
    );
    if (!result.data) throw new Error(JSON.stringify(result.errors));
    return result.data.requestBooking as { id: string; status: string };
  }

  it('seeds its venues without telling anyone', () => {
    expect(venuesBeforeAnyStep).toBe(0);
  });

  describe('a change to the reviewed facts of an ACTIVE venue', () => {
    let venueId: string;

    beforeAll(async () => {
      venueId = await activeVenue(api, { qianmen, admin }, { securityLevel: 2 });
    });

    it('waits for the district; the venue keeps its reviewed values, other edits apply at once', async () => {
      const updated = await api.gql(
        UPDATE,
        {
          id: venueId,
          input: {
            securityLevel: 3,
            facilities: [
              { type: 'SIMULTANEOUS_INTERPRETATION_BOOTH', count: 6 },
              { type: 'INTERPRETATION_HEADSETS', count: 300 },
              { type: 'BILINGUAL_SIGNAGE' },
            ],
            nameEn: 'Qianmen Hall (renamed)',
            setupMinutes: 15,
          },
        },
        qianmen,
      );
      expect(updated.errors).toBeUndefined();
      const venue = updated.data.updateVenue;
      expect(venue).toMatchObject({
        securityLevel: 2,
        nameEn: 'Qianmen Hall (renamed)',
        setupMinutes: 15,
      });
      expect(venue.facilities).toContainEqual({
        type: 'SIMULTANEOUS_INTERPRETATION_BOOTH',
        count: 4,
      });
      expect(venue.pendingChange).toMatchObject({
        requestedBy: { email: 'qianmen@demo.local' },
        securityLevel: 3,
        seatedCapacity: 320,
        bookingsOverCapacity: [],
        changes: [
          { field: 'securityLevel', from: '2', to: '3' },
          {
            field: 'facilities',
            from: expect.stringContaining('SIMULTANEOUS_INTERPRETATION_BOOTH×4'),
            to: expect.stringContaining('SIMULTANEOUS_INTERPRETATION_BOOTH×6'),
          },
        ],
      });
      expect(venue.pendingChange.facilities).toContainEqual({
        type: 'SIMULTANEOUS_INTERPRETATION_BOOTH',
        count: 6,
      });

      // Still a level-2 venue: a STATE event is not taken there.
      const state = await api.gql(
        REQUEST,
        {
          input: {
            venueId,
            title: 'State visit banquet',
            attendees: 30,
            protocolLevel: 'STATE',
            startsAt: on(4, 3, '10:00'),
            endsAt: on(4, 3, '12:00'),
          },
          key: nextKey(),
        },
        organizer,
      );
      expect(errorCode(state)).toBe('SECURITY_LEVEL_TOO_LOW');

      // Organizers see the reviewed venue, not what waits.
      const seen = await api.gql(VENUE, { id: venueId }, organizer);
      expect(seen.data.venue).toMatchObject({ securityLevel: 2, pendingChange: null, audit: [] });
    });

    it('tells the district it waits, and the manager the decision; approving applies it', async () => {
      const [submitted] = await noticesOf(admin, 'VENUE_SUBMITTED', 1, 'securityLevel: 2 → 3');
      expect(submitted.subjectEn).toBe('Venue change waiting for review: Qianmen Hall (renamed)');

      const approved = await api.gql(REVIEW_CHANGE, { id: venueId, approve: true }, admin);
      expect(approved.errors).toBeUndefined();
      expect(approved.data.reviewVenueChange).toMatchObject({
        securityLevel: 3,
        pendingChange: null,
      });
      expect(approved.data.reviewVenueChange.facilities).toContainEqual({
        type: 'SIMULTANEOUS_INTERPRETATION_BOOTH',
        count: 6,
      });
      const [reviewed] = await noticesOf(qianmen, 'VENUE_REVIEWED', 1, 'Now in effect');
      expect(reviewed.subjectEn).toBe('Venue change approved: Qianmen Hall (renamed)');
      expect(reviewed.bodyEn).toContain('securityLevel: 2 → 3');

      // Nothing waits any more.
      const again = await api.gql(REVIEW_CHANGE, { id: venueId, approve: true }, admin);
      expect(errorCode(again)).toBe('CONFLICT');
    });

    it('rejected with a reason, leaves the venue as it was and tells the manager why', async () => {
      await api.gql(UPDATE, { id: venueId, input: { seatedCapacity: 500 } }, qianmen);
      const unexplained = await api.gql(REVIEW_CHANGE, { id: venueId, approve: false }, admin);
      expect(errorCode(unexplained)).toBe('BAD_USER_INPUT');
      expect(unexplained.errors?.[0].extensions.field).toBe('reason');
      const manager = await api.gql(REVIEW_CHANGE, { id: venueId, approve: true }, qianmen);
      expect(errorCode(manager)).toBe('FORBIDDEN');

      const rejected = await api.gql(
        REVIEW_CHANGE,
        { id: venueId, approve: false, reason: 'Fire code allows 320 seats' },
        admin,
      );
      expect(rejected.data.reviewVenueChange).toMatchObject({
        seatedCapacity: 320,
        pendingChange: null,
      });
      const [notice] = await noticesOf(qianmen, 'VENUE_REVIEWED', 1, 'Fire code allows 320 seats');
      expect(notice.subjectEn).toBe('Venue change rejected: Qianmen Hall (renamed)');
      expect(notice.bodyEn).toContain('seatedCapacity: 320 → 500');
    });

    it('records every step and each changed field with its old and new value', async () => {
      const venue = (await api.gql(VENUE, { id: venueId }, qianmen)).data.venue;
      expect(venue.audit.map((e: any) => e.action)).toEqual([
        'registered',
        'submitted',
        'approved',
        'updated',
        'change-requested',
        'change-approved',
        'change-requested',
        'change-rejected',
      ]);
      const [registered, submitted, approved, updated, requested, , , rejected] = venue.audit;
      expect(registered).toMatchObject({
        fromStatus: null,
        toStatus: 'DRAFT',
        actor: { email: 'qianmen@demo.local' },
      });
      expect(submitted).toMatchObject({ fromStatus: 'DRAFT', toStatus: 'PENDING_REVIEW' });
      expect(approved).toMatchObject({
        fromStatus: 'PENDING_REVIEW',
        toStatus: 'ACTIVE',
        actor: { email: 'admin@demo.local' },
      });
      expect(updated.changes).toEqual([
        {
          field: 'nameEn',
          from: expect.stringMatching(/^Test Hall /),
          to: 'Qianmen Hall (renamed)',
        },
        { field: 'setupMinutes', from: '0', to: '15' },
      ]);
      expect(requested.changes.map((c: any) => c.field)).toEqual(['securityLevel', 'facilities']);
      expect(rejected).toMatchObject({
        reason: 'Fire code allows 320 seats',
        actor: { email: 'admin@demo.local' },
        changes: [{ field: 'seatedCapacity', from: '320', to: '500' }],
      });
      // The district reads it as well.
      expect((await api.gql(VENUE, { id: venueId }, admin)).data.venue.audit).toHaveLength(8);
    });
  });

  it('merges further edits into the waiting change, drops values set back, and lets the district edit at once', async () => {
    const venueId = await activeVenue(api, { qianmen, admin }, { securityLevel: 2 });
    await api.gql(UPDATE, { id: venueId, input: { securityLevel: 3 } }, qianmen);
    const merged = await api.gql(UPDATE, { id: venueId, input: { seatedCapacity: 300 } }, qianmen);
    expect(merged.data.updateVenue.pendingChange.changes).toEqual([
      { field: 'securityLevel', from: '2', to: '3' },
      { field: 'seatedCapacity', from: '320', to: '300' },
    ]);
    await api.gql(UPDATE, { id: venueId, input: { seatedCapacity: 320 } }, qianmen);
    const back = await api.gql(UPDATE, { id: venueId, input: { securityLevel: 2 } }, qianmen);
    expect(back.data.updateVenue.pendingChange).toBeNull();

    const byDistrict = await api.gql(UPDATE, { id: venueId, input: { securityLevel: 1 } }, admin);
    expect(byDistrict.data.updateVenue).toMatchObject({ securityLevel: 1, pendingChange: null });
    const audit = (await api.gql(VENUE, { id: venueId }, admin)).data.venue.audit;
    expect(audit.slice(3).map((e: any) => [e.action, e.changes])).toEqual([
      ['change-requested', [{ field: 'securityLevel', from: '2', to: '3' }]],
      [
        'change-requested',
        [
          { field: 'securityLevel', from: '2', to: '3' },
          { field: 'seatedCapacity', from: '320', to: '300' },
        ],
      ],
      ['change-requested', [{ field: 'securityLevel', from: '2', to: '3' }]],
      ['change-withdrawn', []],
      ['updated', [{ field: 'securityLevel', from: '2', to: '1' }]],
    ]);
  });

  it('names the bookings a capacity cut would leave without room', async () => {
    const venueId = await activeVenue(api, { qianmen, admin });
    const big = await book(venueId, organizer, {
      title: 'Trade fair reception',
      attendees: 200,
      startsAt: on(3, 2, '10:00'),
      endsAt: on(3, 2, '12:00'),
    });
    const held = await book(venueId, organizer2, {
      title: 'Embassy briefing',
      attendees: 180,
      hold: true,
      startsAt: on(3, 3, '10:00'),
      endsAt: on(3, 3, '12:00'),
    });
    await book(venueId, organizer, {
      title: 'Small seminar',
      attendees: 50,
      startsAt: on(3, 4, '10:00'),
      endsAt: on(3, 4, '12:00'),
    });
    const cancelled = await book(venueId, organizer, {
      title: 'Called off',
      attendees: 250,
      startsAt: on(3, 5, '10:00'),
      endsAt: on(3, 5, '12:00'),
    });
    await api.gql(
      'mutation($id: ID!) { cancelBooking(id: $id, reason: "Postponed") { status } }',
      { id: cancelled.id },
      organizer,
    );

    const cut = await api.gql(
      UPDATE,
      { id: venueId, input: { seatedCapacity: 100, standingCapacity: 120 } },
      qianmen,
    );
    expect(cut.errors).toBeUndefined();
    expect(cut.data.updateVenue).toMatchObject({ seatedCapacity: 320, standingCapacity: 400 });
    expect(cut.data.updateVenue.pendingChange).toMatchObject({
      seatedCapacity: 100,
      standingCapacity: 120,
      changes: [
        { field: 'seatedCapacity', from: '320', to: '100' },
        { field: 'standingCapacity', from: '400', to: '120' },
      ],
      bookingsOverCapacity: [
        {
          id: big.id,
          title: 'Trade fair reception',
          attendees: 200,
          status: 'APPROVED',
          startsAt: new Date(on(3, 2, '10:00')).toISOString(),
          endsAt: new Date(on(3, 2, '12:00')).toISOString(),
        },
        expect.objectContaining({ id: held.id, status: 'HELD', attendees: 180 }),
      ],
    });
    // The district sees the same when it reviews.
    const forDistrict = await api.gql(
      `query($id: ID!) { venue(id: $id) { pendingChange { bookingsOverCapacity { id } } } }`,
      { id: venueId },
      admin,
    );
    expect(forDistrict.data.venue.pendingChange.bookingsOverCapacity).toEqual([
      { id: big.id },
      { id: held.id },
    ]);
  });

  it('suspends a venue: lists the bookings still standing there and tells everyone behind them', async () => {
    const venueId = await activeVenue(
      api,
      { qianmen, admin },
      { securityLevel: 2, openingHours: EVERY_DAY('07:00', '22:00') },
    );
    const delegation = await book(venueId, organizer, {
      title: 'UK trade delegation',
      attendees: 40,
      foreignGuests: 12,
      interpretation: [{ from: 'zh', to: 'en', mode: 'CONSECUTIVE' }],
      startsAt: on(3, 2, '10:00'),
      endsAt: on(3, 2, '12:00'),
    });
    const local = await book(venueId, organizer2, {
      title: 'Residents’ meeting',
      startsAt: on(3, 3, '10:00'),
      endsAt: on(3, 3, '12:00'),
    });
    const gone = await book(venueId, organizer2, {
      title: 'Called off',
      startsAt: on(3, 4, '10:00'),
      endsAt: on(3, 4, '12:00'),
    });
    await api.gql(
      'mutation($id: ID!) { cancelBooking(id: $id, reason: "Postponed") { status } }',
      { id: gone.id },
      organizer2,
    );
    // Li Na (interpreter@demo.local) is assigned to the delegation's interpretation.
    const requirement = (
      await api.gql(
        'query($id: ID!) { staffingRequirements(bookingId: $id) { id kind } }',
        { id: delegation.id },
        admin,
      )
    ).data.staffingRequirements.find((r: any) => r.kind === 'INTERPRETER').id;
    const liNa = (
      await api.gql(
        'query { staff(filter: { kind: INTERPRETER, language: "en" }, first: 50) { edges { node { id nameEn } } } }',
        {},
        admin,
      )
    ).data.staff.edges
      .map((e: any) => e.node)
      .find((s: any) => s.nameEn === 'Li Na').id;
    const assigned = await api.gql(
      'mutation($r: ID!, $s: ID!) { assignStaff(requirementId: $r, staffId: $s) { id } }',
      { r: requirement, s: liNa },
      admin,
    );
    expect(assigned.errors).toBeUndefined();

    const suspended = await api.gql(SUSPEND, { id: venueId }, admin);
    expect(suspended.errors).toBeUndefined();
    expect(suspended.data.suspendVenue).toEqual({
      status: 'SUSPENDED',
      statusReason: 'Burst water pipe',
      affectedBookings: [
        {
          id: delegation.id,
          title: 'UK trade delegation',
          status: 'APPROVED',
          startsAt: new Date(on(3, 2, '10:00')).toISOString(),
        },
        {
          id: local.id,
          title: 'Residents’ meeting',
          status: 'APPROVED',
          startsAt: new Date(on(3, 3, '10:00')).toISOString(),
        },
      ],
    });
    // Approved bookings are left in place for their organizers to move.
    const still = await api.gql(
      'query($id: ID!) { booking(id: $id) { status } }',
      { id: delegation.id },
      organizer,
    );
    expect(still.data.booking.status).toBe('APPROVED');
    // Only the venue's managers and the district see the list.
    const asOrganizer = await api.gql(
      'query($id: ID!) { venue(id: $id) { affectedBookings { id } } }',
      { id: venueId },
      organizer,
    );
    expect(asOrganizer.data.venue?.affectedBookings ?? []).toEqual([]);

    const [toOrganizer] = await noticesOf(organizer, 'VENUE_SUSPENDED', 1, 'UK trade delegation');
    expect(toOrganizer).toMatchObject({ bookingId: delegation.id, critical: true });
    expect(toOrganizer.bodyEn).toContain('Why suspended: Burst water pipe');
    expect(toOrganizer.bodyEn).toContain(
      'The booking stays as it is until its organizer moves or cancels it; the expected next step is to reschedule it to another venue',
    );
    const toOrganizer2 = await noticesOf(organizer2, 'VENUE_SUSPENDED', 1);
    expect(toOrganizer2.map((n) => n.bookingId)).toEqual([local.id]);
    // Security hears of the foreign-related event only; the interpreter of the one they serve.
    const toSecurity = await noticesOf(security, 'VENUE_SUSPENDED', 1);
    const toInterpreter = await noticesOf(interpreter, 'VENUE_SUSPENDED', 1);
    // Give a stray notice time to arrive before counting.
    expect(await notificationsSettled(api.app)).toEqual([]);
    expect(toSecurity.map((n) => n.bookingId)).toEqual([delegation.id]);
    expect(toInterpreter.map((n) => n.bookingId)).toEqual([delegation.id]);
    expect(toInterpreter[0].subjectEn).toBe('Venue suspended: UK trade delegation');
    const organizerNotices = (await inbox(organizer)).filter(
      (n) => n.kind === 'VENUE_SUSPENDED' && n.bookingId === gone.id,
    );
    expect(organizerNotices).toEqual([]);
  });

  it('tells everyone behind the bookings a new blackout covers, and records it', async () => {
    const venueId = await activeVenue(
      api,
      { qianmen, admin },
      { openingHours: EVERY_DAY('07:00', '22:00') },
    );
    const delegation = await book(venueId, organizer, {
      title: 'Consular briefing',
      attendees: 30,
      foreignGuests: 6,
      delegationCountries: ['KE'],
      startsAt: on(5, 2, '10:00'),
      endsAt: on(5, 2, '12:00'),
    });
    const local = await book(venueId, organizer2, {
      title: 'Street committee',
      startsAt: on(5, 3, '10:00'),
      endsAt: on(5, 3, '12:00'),
    });
    const later = await book(venueId, organizer2, {
      title: 'After the repairs',
      startsAt: on(5, 4, '10:00'),
      endsAt: on(5, 4, '12:00'),
    });
    const added = await api.gql(
      'mutation($v: ID!, $s: DateTime!, $e: DateTime!) { addBlackout(venueId: $v, startsAt: $s, endsAt: $e, reason: "爆管 Burst pipe") { id } }',
      { v: venueId, s: on(5, 2, '00:00'), e: on(5, 4, '00:00') },
      qianmen,
    );
    expect(added.errors).toBeUndefined();

    const [toOrganizer] = await noticesOf(organizer, 'VENUE_UNAVAILABLE', 1, 'Consular briefing');
    expect(toOrganizer).toMatchObject({ bookingId: delegation.id, critical: true });
    expect(toOrganizer.subjectEn).toBe('Venue unavailable then: Consular briefing');
    expect(toOrganizer.bodyEn).toContain('because: 爆管 Burst pipe');
    expect(toOrganizer.bodyEn).toContain('the expected next step is to reschedule it');
    expect(toOrganizer.bodyZh).toContain('场地关闭');
    const toOrganizer2 = await noticesOf(organizer2, 'VENUE_UNAVAILABLE', 1, 'Street committee');
    expect(toOrganizer2.map((n) => n.bookingId)).toEqual([local.id]);
    const toSecurity = await noticesOf(security, 'VENUE_UNAVAILABLE', 1, 'Consular briefing');
    expect(toSecurity.map((n) => n.bookingId)).toEqual([delegation.id]);
    expect(await notificationsSettled(api.app)).toEqual([]);
    // The booking after the blackout, and security for the local one, hear nothing.
    const strays = [...(await inbox(organizer2)), ...(await inbox(security))].filter(
      (n) =>
        n.kind === 'VENUE_UNAVAILABLE' && (n.bookingId === later.id || n.bookingId === local.id),
    );
    expect(strays.map((n) => n.bookingId)).toEqual([local.id]);

    const audit = (await api.gql(VENUE, { id: venueId }, qianmen)).data.venue.audit;
    expect(audit.at(-1)).toMatchObject({
      action: 'blackout-added',
      reason: '爆管 Burst pipe',
      changes: [
        { field: 'blackoutStartsAt', from: null, to: new Date(on(5, 2, '00:00')).toISOString() },
        { field: 'blackoutEndsAt', from: null, to: new Date(on(5, 4, '00:00')).toISOString() },
      ],
    });
  });

  it('tells those behind the bookings new opening hours leave out, and no one else', async () => {
    const venueId = await activeVenue(
      api,
      { qianmen, admin },
      { openingHours: EVERY_DAY('07:00', '22:00') },
    );
    const evening = await book(venueId, organizer, {
      title: 'Evening reception',
      startsAt: on(6, 2, '19:00'),
      endsAt: on(6, 2, '20:00'),
    });
    const morning = await book(venueId, organizer2, {
      title: 'Morning seminar',
      startsAt: on(6, 3, '10:00'),
      endsAt: on(6, 3, '11:00'),
    });
    const cut = await api.gql(
      UPDATE,
      { id: venueId, input: { openingHours: EVERY_DAY('09:00', '17:00') } },
      qianmen,
    );
    expect(cut.errors).toBeUndefined();
    const [notice] = await noticesOf(organizer, 'VENUE_UNAVAILABLE', 1, 'Evening reception');
    expect(notice).toMatchObject({ bookingId: evening.id, critical: true });
    expect(notice.bodyEn).toContain(
      'opening hours changed: it is no longer open for the whole booking',
    );
    expect(notice.bodyZh).toContain('场地开放时间已调整');
    expect(await notificationsSettled(api.app)).toEqual([]);
    expect(
      (await inbox(organizer2)).filter(
        (n) => n.kind === 'VENUE_UNAVAILABLE' && n.bookingId === morning.id,
      ),
    ).toEqual([]);
  });

  it('tells the district a venue waits for review, and its manager the decision and why', async () => {
    const nameEn = `Review Test Hall ${Date.now()}`;
    const registered = await api.gql(
      REGISTER,
      { input: venueInput(QIANMEN, { nameEn, openingHours: EVERY_DAY('07:00', '22:00') }) },
      qianmen,
    );
    const id = registered.data.registerVenue.id;
    await api.gql(SUBMIT, { id }, qianmen);
    const [submitted] = await noticesOf(admin, 'VENUE_SUBMITTED', 1, nameEn);
    expect(submitted.subjectEn).toBe(`Venue waiting for review: ${nameEn}`);
    expect(submitted.bookingId).toBeNull();

    await api.gql(REVIEW, { id, approve: false, reason: 'Add the fire inspection' }, admin);
    const [sentBack] = await noticesOf(qianmen, 'VENUE_REVIEWED', 1, 'Add the fire inspection');
    expect(sentBack.subjectEn).toBe(`Venue sent back: ${nameEn}`);

    await api.gql(SUBMIT, { id }, qianmen);
    await noticesOf(admin, 'VENUE_SUBMITTED', 2, nameEn);
    await api.gql(REVIEW, { id, approve: true }, admin);
    const approved = await eventually(
      async () =>
        (await inbox(qianmen)).filter(
          (n) => n.kind === 'VENUE_REVIEWED' && n.subjectEn === `Venue approved: ${nameEn}`,
        ),
      (list) => list.length >= 1,
    );
    expect(approved).toHaveLength(1);
    // Jingshan's manager hears nothing of a Qianmen venue.
    const jingshan = await api.login('jingshan@demo.local');
    expect((await inbox(jingshan)).filter((n) => n.kind.startsWith('VENUE_'))).toEqual([]);

    const audit = (await api.gql(VENUE, { id }, admin)).data.venue.audit;
    expect(audit.map((e: any) => [e.action, e.reason])).toEqual([
      ['registered', null],
      ['submitted', null],
      ['rejected', 'Add the fire inspection'],
      ['submitted', null],
      ['approved', null],
    ]);
  });
});
