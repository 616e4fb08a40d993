import { INestApplicationContext } from '@nestjs/common';
import { activeVenue, on } from './support/booking-fixtures';
import { eventually } from './support/eventually';
import { errorCode, TestApi } from './support/test-api';
import { createWorkerApp } from '../apps/worker/src/bootstrap';

const BOOKING = `id status approvalStage startsAt endsAt venue { id }
  pendingChange { startsAt endsAt requestedAt venue { id } }`;
const REQUEST = `mutation($input: BookingRequestInput!, $key: String!) {
  requestBooking(input: $input, idempotencyKey: $key) { ${BOOKING} }
}`;
const RESCHEDULE = `mutation($id: ID!, $startsAt: DateTime!, $endsAt: DateTime!, $venueId: ID) {
  rescheduleBooking(id: $id, startsAt: $startsAt, endsAt: $endsAt, venueId: $venueId) { ${BOOKING} }
}`;
const APPROVE = `mutation($id: ID!, $comment: String) {
  approveBooking(id: $id, comment: $comment) { ${BOOKING} auditTrail { action reason changes { field from to } } }
}`;
const REJECT = `mutation($id: ID!, $reason: String!) {
  rejectBooking(id: $id, reason: $reason) { ${BOOKING} auditTrail { action reason changes { field from to } } }
}`;
const INBOX = `{ notifications(first: 100) { edges { node {
  id kind bookingId subjectEn bodyEn bodyZh needsAcknowledgement supersededAt } } } }`;
const REQUIREMENTS = `query($id: ID!) { staffingRequirements(bookingId: $id) { id kind headcount startsAt } }`;

const iso = (local: string) => new Date(local).toISOString();

/**
 * Changes to approved bookings: a move that needs approval is a pending change holding its new
 * slot while the approved one stays in force; security hears of a move once, the same way
 * whichever path it took, and the notice it replaces asks for nothing more.
 */
describe('changes to approved bookings', () => {
  let api: TestApi;
  let worker: INestApplicationContext;
  let admin: string;
  let qianmen: string;
  let organizer: string;
  let other: string;
  let security: string;
  let key = 0;

  beforeAll(async () => {
    api = await TestApi.start({ demo: true });
    worker = await createWorkerApp(api.env);
    [admin, qianmen, organizer, other, security] = await Promise.all([
      api.login('admin@demo.local'),
      api.login('qianmen@demo.local'),
      api.login('organizer@demo.local'),
      api.login('organizer2@demo.local'),
      api.login('security@demo.local'),
    ]);
  });
  afterAll(async () => {
    await worker?.close();
    await api?.close();
  });

  const tokens = () => ({ qianmen, admin });

  async function book(
    venueId: string,
    week: number,
    token = organizer,
    extra: Record<string, unknown> = {},
  ) {
    const result = await api.gql(
      REQUEST,
      {
        input: {
          venueId,
          startsAt: on(week, 3, '10:00'),
          endsAt: on(week, 3, '12:00'),
          title: `Change test ${week}`,
          attendees: 30,
          ...extra,
        },
        key: `change-${++key}`,
      },
      token,
    );
    return result;
  }

  /** An approved booking at a venue that needs approval. */
  async function approvedAtApprovalVenue(week: number, extra: Record<string, unknown> = {}) {
    const venue = await activeVenue(api, tokens(), { requiresApproval: true, securityLevel: 3 });
    const requested = await book(venue, week, organizer, extra);
    expect(requested.errors).toBeUndefined();
    const id: string = requested.data.requestBooking.id;
    const approved = await api.gql(APPROVE, { id }, qianmen);
    expect(approved.data.approveBooking.status).toBe('APPROVED');
    return { venue, id };
  }

  const inbox = async (token: string, bookingId: string) =>
    (await api.gql(INBOX, {}, token)).data.notifications.edges
      .map((e: any) => e.node)
      .filter((n: any) => n.bookingId === bookingId);

  it('keeps the approved time in force while a move waits, holding the new slot, and a rejection rejects only the change', async () => {
    const { venue, id } = await approvedAtApprovalVenue(3);

    const moved = await api.gql(
      RESCHEDULE,
      { id, startsAt: on(3, 4, '14:00'), endsAt: on(3, 4, '16:00') },
      organizer,
    );
    expect(moved.errors).toBeUndefined();
    expect(moved.data.rescheduleBooking).toMatchObject({
      status: 'APPROVED',
      approvalStage: 'SUBDISTRICT',
      startsAt: iso(on(3, 3, '10:00')),
      pendingChange: {
        startsAt: iso(on(3, 4, '14:00')),
        endsAt: iso(on(3, 4, '16:00')),
        venue: { id: venue },
      },
    });

    // Both slots are held: the approved one, and the proposed one for the decision.
    expect(errorCode(await book(venue, 3, other))).toBe('SLOT_TAKEN');
    const proposedSlot = await api.gql(
      REQUEST,
      {
        input: {
          venueId: venue,
          startsAt: on(3, 4, '15:00'),
          endsAt: on(3, 4, '17:00'),
          title: 'Wants the proposed slot',
          attendees: 10,
        },
        key: `change-${++key}`,
      },
      other,
    );
    expect(errorCode(proposedSlot)).toBe('SLOT_TAKEN');
    const search = await api.gql(
      `query($q: AvailabilityInput!) { availableVenues(input: $q, first: 100) { edges { node { id } } } }`,
      { q: { startsAt: on(3, 4, '15:00'), endsAt: on(3, 4, '16:00'), attendees: 10 } },
      other,
    );
    expect(search.data.availableVenues.edges.map((e: any) => e.node.id)).not.toContain(venue);
    const schedule = await api.gql(
      `query($v: ID!, $from: DateTime!, $to: DateTime!) { venueSchedule(venueId: $v, from: $from, to: $to) { startsAt bookingId } }`,
      { v: venue, from: on(3, 1, '00:00'), to: on(4, 1, '00:00') },
      qianmen,
    );
    expect(schedule.data.venueSchedule).toEqual([
      { startsAt: iso(on(3, 3, '10:00')), bookingId: id },
      { startsAt: iso(on(3, 4, '14:00')), bookingId: id },
    ]);
    const queue = await api.gql(
      '{ pendingApprovals(first: 50) { edges { node { id } } } }',
      {},
      qianmen,
    );
    expect(queue.data.pendingApprovals.edges.map((e: any) => e.node.id)).toContain(id);

    const rejected = await api.gql(
      REJECT,
      { id, reason: '当天场地维修 Maintenance that day' },
      qianmen,
    );
    expect(rejected.errors).toBeUndefined();
    expect(rejected.data.rejectBooking).toMatchObject({
      status: 'APPROVED',
      approvalStage: null,
      startsAt: iso(on(3, 3, '10:00')),
      endsAt: iso(on(3, 3, '12:00')),
      pendingChange: null,
    });
    expect(rejected.data.rejectBooking.auditTrail.slice(-2)).toEqual([
      {
        action: 'change-proposed',
        reason: null,
        changes: [
          { field: 'startsAt', from: iso(on(3, 3, '10:00')), to: iso(on(3, 4, '14:00')) },
          { field: 'endsAt', from: iso(on(3, 3, '12:00')), to: iso(on(3, 4, '16:00')) },
        ],
      },
      { action: 'change-rejected', reason: '当天场地维修 Maintenance that day', changes: [] },
    ]);

    // The proposed slot is free again; the approved one is still taken.
    const freed = await api.gql(
      REQUEST,
      {
        input: {
          venueId: venue,
          startsAt: on(3, 4, '15:00'),
          endsAt: on(3, 4, '17:00'),
          title: 'Gets the freed slot',
          attendees: 10,
        },
        key: `change-${++key}`,
      },
      other,
    );
    expect(freed.errors).toBeUndefined();
    expect(errorCode(await book(venue, 3, other))).toBe('SLOT_TAKEN');

    const [notice] = await eventually(
      async () =>
        (await inbox(organizer, id)).filter((n: any) => n.kind === 'BOOKING_CHANGE_REJECTED'),
      (found) => found.length > 0,
    );
    expect(notice.subjectEn).toBe('Change rejected, the approved booking stands: Change test 3');
    expect(notice.bodyEn).toContain('Reason: 当天场地维修 Maintenance that day');
    expect(notice.bodyEn).toContain(`${on(3, 3, '10:00').slice(0, 10)} 10:00–12:00`);
  });

  it('moves the booking when the change is approved, freeing the old slot and telling the organizer', async () => {
    const { venue, id } = await approvedAtApprovalVenue(4);
    await api.gql(
      RESCHEDULE,
      { id, startsAt: on(4, 5, '09:00'), endsAt: on(4, 5, '11:00') },
      organizer,
    );
    const approved = await api.gql(APPROVE, { id, comment: '同意 Agreed' }, qianmen);
    expect(approved.errors).toBeUndefined();
    expect(approved.data.approveBooking).toMatchObject({
      status: 'APPROVED',
      approvalStage: null,
      startsAt: iso(on(4, 5, '09:00')),
      endsAt: iso(on(4, 5, '11:00')),
      pendingChange: null,
    });
    expect(approved.data.approveBooking.auditTrail.at(-1)).toEqual({
      action: 'rescheduled',
      reason: '同意 Agreed',
      changes: [
        { field: 'startsAt', from: iso(on(4, 3, '10:00')), to: iso(on(4, 5, '09:00')) },
        { field: 'endsAt', from: iso(on(4, 3, '12:00')), to: iso(on(4, 5, '11:00')) },
      ],
    });
    expect((await book(venue, 4, other)).errors).toBeUndefined();
    const notice = await eventually(
      async () =>
        (await inbox(organizer, id)).find(
          (n: any) => n.kind === 'BOOKING_APPROVED' && n.bodyEn.includes('Your change is approved'),
        ),
      (found) => found !== undefined,
    );
    expect(notice.bodyEn).toContain(`${on(4, 5, '09:00').slice(0, 10)} 09:00–11:00`);
    expect(notice.bodyEn).toContain('Comment: 同意 Agreed');
  });

  it('withdraws a waiting change when the organizer moves the booking back to its approved time', async () => {
    const { venue, id } = await approvedAtApprovalVenue(5);
    await api.gql(
      RESCHEDULE,
      { id, startsAt: on(5, 4, '14:00'), endsAt: on(5, 4, '16:00') },
      organizer,
    );
    const back = await api.gql(
      RESCHEDULE,
      { id, startsAt: on(5, 3, '10:00'), endsAt: on(5, 3, '12:00'), venueId: venue },
      organizer,
    );
    expect(back.data.rescheduleBooking).toMatchObject({
      status: 'APPROVED',
      approvalStage: null,
      pendingChange: null,
    });
    const queue = await api.gql(
      '{ pendingApprovals(first: 50) { edges { node { id } } } }',
      {},
      qianmen,
    );
    expect(queue.data.pendingApprovals.edges.map((e: any) => e.node.id)).not.toContain(id);
  });

  it('keeps the staff of an approved event while its change waits and after it is rejected', async () => {
    const foreign = { foreignGuests: 12, delegationCountries: ['FR'] };
    const { id } = await approvedAtApprovalVenue(6, foreign);
    const before = (await api.gql(REQUIREMENTS, { id }, admin)).data.staffingRequirements;
    expect(before.length).toBeGreaterThan(0);
    await api.gql(
      RESCHEDULE,
      { id, startsAt: on(6, 4, '14:00'), endsAt: on(6, 4, '16:00') },
      organizer,
    );
    expect((await api.gql(REQUIREMENTS, { id }, admin)).data.staffingRequirements).toEqual(before);
    await api.gql(REJECT, { id, reason: 'No' }, qianmen);
    expect((await api.gql(REQUIREMENTS, { id }, admin)).data.staffingRequirements).toEqual(before);
  });

  it('tells security of a move once, in the same words whether it needed approval or not, and the notice it replaces asks for nothing more', async () => {
    const foreign = { foreignGuests: 8, delegationCountries: ['DE'] };
    const security_ = (id: string) =>
      eventually(
        async () => (await inbox(security, id)).filter((n: any) => n.kind.startsWith('SECURITY_')),
        (found) => found.length > 0,
      );

    // At a venue that needs approval: approved, moved (waiting), change approved.
    const { id } = await approvedAtApprovalVenue(7, foreign);
    const [first] = await security_(id);
    expect(first).toMatchObject({ kind: 'SECURITY_APPROVED', needsAcknowledgement: true });
    await api.gql(
      RESCHEDULE,
      { id, startsAt: on(7, 4, '14:00'), endsAt: on(7, 4, '16:00') },
      organizer,
    );
    // A change still waiting changes nothing for security; nor does a rejected one.
    await api.gql(REJECT, { id, reason: 'Not that day' }, qianmen);
    await api.gql(
      RESCHEDULE,
      { id, startsAt: on(7, 5, '14:00'), endsAt: on(7, 5, '16:00') },
      organizer,
    );
    await api.gql(APPROVE, { id }, qianmen);
    const afterApproval = await eventually(
      () => security_(id),
      (found) => found.some((n: any) => n.kind === 'SECURITY_CHANGED'),
    );
    expect(afterApproval.map((n: any) => n.kind).sort()).toEqual([
      'SECURITY_APPROVED',
      'SECURITY_CHANGED',
    ]);
    const changed = afterApproval.find((n: any) => n.kind === 'SECURITY_CHANGED');
    const replaced = afterApproval.find((n: any) => n.kind === 'SECURITY_APPROVED');
    expect(changed.needsAcknowledgement).toBe(true);
    expect(changed.subjectEn).toBe('Security notice: event changed: Change test 7');
    expect(changed.bodyEn).toContain(
      `No longer valid: ${on(7, 3, '10:00').slice(0, 10)} 10:00–12:00 (Asia/Shanghai)`,
    );
    expect(changed.bodyZh).toContain('原安排作废');
    expect(replaced.needsAcknowledgement).toBe(false);
    expect(replaced.supersededAt).not.toBeNull();
    const ack = await api.gql(
      'mutation($id: ID!) { acknowledgeNotification(id: $id) { id } }',
      { id: replaced.id },
      security,
    );
    expect(errorCode(ack)).toBe('CONFLICT');
    expect(ack.errors![0].message).toBe(`通知 ${replaced.id} 无需确认`); // security reads Chinese

    // At a venue that needs none, the same move gives the same notice.
    const auto = await activeVenue(api, tokens(), { securityLevel: 3 });
    const direct = await book(auto, 7, organizer, foreign);
    const directId: string = direct.data.requestBooking.id;
    await security_(directId);
    await api.gql(
      RESCHEDULE,
      { id: directId, startsAt: on(7, 5, '14:00'), endsAt: on(7, 5, '16:00') },
      organizer,
    );
    const direct_ = await eventually(
      () => security_(directId),
      (found) => found.some((n: any) => n.kind === 'SECURITY_CHANGED'),
    );
    const directChanged = direct_.find((n: any) => n.kind === 'SECURITY_CHANGED');
    expect(directChanged.subjectEn).toBe(changed.subjectEn);
    // The same lines in the same order; only the venue's name differs.
    const lines = (body: string) => body.split('\n').map((line) => line.split(':')[0]);
    expect(lines(directChanged.bodyEn)).toEqual(lines(changed.bodyEn));
    expect(directChanged.bodyEn).toContain(
      `No longer valid: ${on(7, 3, '10:00').slice(0, 10)} 10:00–12:00 (Asia/Shanghai)`,
    );
    expect(direct_.find((n: any) => n.kind === 'SECURITY_APPROVED').needsAcknowledgement).toBe(
      false,
    );
  });

  it('approves nothing at a suspended venue, a request or a change, but still lets the approver reject', async () => {
    const venue = await activeVenue(api, tokens(), { requiresApproval: true });
    const pending = (await book(venue, 8)).data.requestBooking.id;
    const { id: approvedId } = await approvedAtApprovalVenue(8);
    await api.gql(
      RESCHEDULE,
      { id: approvedId, startsAt: on(8, 5, '10:00'), endsAt: on(8, 5, '12:00'), venueId: venue },
      organizer,
    );
    const suspended = await api.gql(
      'mutation($id: ID!) { suspendVenue(id: $id, reason: "Renovation") { __typename } }',
      { id: venue },
      admin,
    );
    expect(suspended.errors).toBeUndefined();

    const refused = await api.gql(APPROVE, { id: pending }, qianmen);
    expect(errorCode(refused)).toBe('VENUE_NOT_ACTIVE');
    // Qianmen reads Chinese.
    expect(refused.errors![0].message).toContain('主办方可以把预订改到其他场地或取消');
    expect(errorCode(await api.gql(APPROVE, { id: approvedId }, qianmen))).toBe('VENUE_NOT_ACTIVE');
    const stillApproved = await api.gql(
      `query($id: ID!) { booking(id: $id) { ${BOOKING} } }`,
      { id: approvedId },
      organizer,
    );
    expect(stillApproved.data.booking.pendingChange.venue.id).toBe(venue);

    const rejected = await api.gql(REJECT, { id: pending, reason: 'Venue suspended' }, qianmen);
    expect(rejected.data.rejectBooking.status).toBe('REJECTED');
    const changeRejected = await api.gql(REJECT, { id: approvedId, reason: 'Suspended' }, qianmen);
    expect(changeRejected.data.rejectBooking).toMatchObject({
      status: 'APPROVED',
      pendingChange: null,
    });
  });
});
