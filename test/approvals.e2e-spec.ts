import { INestApplicationContext } from '@nestjs/common';
import { EVERY_DAY, nextKey, on, REQUEST } from './support/booking-fixtures';
import { eventually } from './support/eventually';
import { errorCode, TestApi } from './support/test-api';
import { venueInput } from './support/venue-fixtures';
import { createWorkerApp } from '../apps/worker/src/bootstrap';

const BEIXINQIAO = '5'; // a subdistrict with no manager
const QIANMEN = '11';

const PENDING = `query { pendingApprovals(first: 50) { totalCount edges { node { id approvalStage } } } }`;
const APPROVE = `mutation($id: ID!, $comment: String) {
  approveBooking(id: $id, comment: $comment) {
    status approvalStage
    auditTrail { action fromStatus toStatus reason onBehalfOf actor { email } changes { field from to } }
  }
}`;
const RESCHEDULE = `mutation($id: ID!, $startsAt: DateTime!, $endsAt: DateTime!) {
  rescheduleBooking(id: $id, startsAt: $startsAt, endsAt: $endsAt) {
    status auditTrail { action changes { field from to } }
  }
}`;

/** Approval steps as the district and the subdistricts live them. */
describe('approvals', () => {
  let api: TestApi;
  let admin: string;
  let qianmen: string;
  let organizer: string;

  beforeAll(async () => {
    api = await TestApi.start({ demo: true });
    [admin, qianmen, organizer] = await Promise.all([
      api.login('admin@demo.local'),
      api.login('qianmen@demo.local'),
      api.login('organizer@demo.local'),
    ]);
  });
  afterAll(() => api.close());

  async function venueIn(subdistrictId: string, registrant: string): Promise<string> {
    const input = venueInput(subdistrictId, {
      nameEn: `Approval Hall ${nextKey()}`,
      openingHours: EVERY_DAY('07:00', '22:00'),
      requiresApproval: true,
      securityLevel: 3,
    });
    const registered = await api.gql(
      'mutation($input: RegisterVenueInput!) { registerVenue(input: $input) { id } }',
      { input },
      registrant,
    );
    const id: string = registered.data.registerVenue.id;
    await api.gql(
      'mutation($id: ID!) { submitVenueForReview(id: $id) { id } }',
      { id },
      registrant,
    );
    await api.gql(
      'mutation($id: ID!) { reviewVenue(id: $id, approve: true) { id } }',
      { id },
      admin,
    );
    return id;
  }

  async function request(venueId: string, week: number, protocolLevel = 'STANDARD') {
    const result = await api.gql(
      REQUEST,
      {
        input: {
          venueId,
          startsAt: on(week, 3, '10:00'),
          endsAt: on(week, 3, '12:00'),
          title: `Approval ${protocolLevel}`,
          attendees: 30,
          protocolLevel,
        },
        key: nextKey(),
      },
      organizer,
    );
    if (!result.data) throw new Error(JSON.stringify(result.errors));
    return result.data.requestBooking.id as string;
  }

  const queueOf = async (token: string): Promise<string[]> =>
    (await api.gql(PENDING, {}, token)).data.pendingApprovals.edges.map((e: any) => e.node.id);

  it('puts a request waiting at a subdistrict without a manager in the district’s queue, which decides it for the subdistrict', async () => {
    const venue = await venueIn(BEIXINQIAO, admin);
    const id = await request(venue, 3);
    expect(await queueOf(admin)).toContain(id);

    const approved = await api.gql(APPROVE, { id, comment: '场地已确认 Venue confirmed' }, admin);
    expect(approved.errors).toBeUndefined();
    expect(approved.data.approveBooking.status).toBe('APPROVED');
    expect(approved.data.approveBooking.auditTrail.at(-1)).toEqual({
      action: 'approved',
      fromStatus: 'PENDING_APPROVAL',
      toStatus: 'APPROVED',
      reason: '场地已确认 Venue confirmed',
      onBehalfOf: 'SUBDISTRICT',
      actor: { email: 'admin@demo.local' },
      changes: [],
    });
    expect(await queueOf(admin)).not.toContain(id);
  });

  it('lets the district take both steps of a STATE event at an unmanaged subdistrict, one at a time', async () => {
    const venue = await venueIn(BEIXINQIAO, admin);
    const id = await request(venue, 4, 'STATE');
    const first = await api.gql(APPROVE, { id }, admin);
    expect(first.data.approveBooking).toMatchObject({
      status: 'PENDING_APPROVAL',
      approvalStage: 'DISTRICT',
    });
    expect(first.data.approveBooking.auditTrail.at(-1)).toMatchObject({
      action: 'approved-by-subdistrict',
      onBehalfOf: 'SUBDISTRICT',
      reason: null,
    });
    const second = await api.gql(APPROVE, { id }, admin);
    expect(second.data.approveBooking.status).toBe('APPROVED');
    expect(second.data.approveBooking.auditTrail.at(-1)).toMatchObject({
      action: 'approved',
      onBehalfOf: null,
    });
  });

  it('leaves a managed subdistrict’s requests in its manager’s queue, though the district may still decide them', async () => {
    const venue = await venueIn(QIANMEN, qianmen);
    const waiting = await request(venue, 5);
    expect(await queueOf(qianmen)).toContain(waiting);
    expect(await queueOf(admin)).not.toContain(waiting);
    const decided = await api.gql(APPROVE, { id: waiting }, admin);
    expect(decided.data.approveBooking.status).toBe('APPROVED');
    expect(decided.data.approveBooking.auditTrail.at(-1).onBehalfOf).toBe('SUBDISTRICT');

    const own = await request(venue, 6);
    const byManager = await api.gql(APPROVE, { id: own, comment: 'OK' }, qianmen);
    expect(byManager.data.approveBooking.auditTrail.at(-1)).toMatchObject({
      reason: 'OK',
      onBehalfOf: null,
      actor: { email: 'qianmen@demo.local' },
    });
  });

  it('refuses a comment longer than 1000 characters, naming it, and decides nothing', async () => {
    const venue = await venueIn(QIANMEN, qianmen);
    const id = await request(venue, 7);
    const refused = await api.gql(APPROVE, { id, comment: 'x'.repeat(1001) }, qianmen);
    expect(errorCode(refused)).toBe('BAD_USER_INPUT');
    expect(refused.errors![0].extensions.field).toBe('comment');
    expect(await queueOf(qianmen)).toContain(id);
  });

  it('records what a move changed, with the old and new times', async () => {
    const venue = await venueIn(QIANMEN, qianmen);
    const id = await request(venue, 8);
    const moved = await api.gql(
      RESCHEDULE,
      { id, startsAt: on(8, 4, '14:00'), endsAt: on(8, 4, '15:00') },
      organizer,
    );
    expect(moved.errors).toBeUndefined();
    expect(moved.data.rescheduleBooking.auditTrail.at(-1)).toEqual({
      action: 'rescheduled',
      changes: [
        {
          field: 'startsAt',
          from: new Date(on(8, 3, '10:00')).toISOString(),
          to: new Date(on(8, 4, '14:00')).toISOString(),
        },
        {
          field: 'endsAt',
          from: new Date(on(8, 3, '12:00')).toISOString(),
          to: new Date(on(8, 4, '15:00')).toISOString(),
        },
      ],
    });
  });

  it('tells the organizer the approver’s comment with the approval', async () => {
    const worker: INestApplicationContext = await createWorkerApp(api.env);
    try {
      const venue = await venueIn(QIANMEN, qianmen);
      const id = await request(venue, 9);
      await api.gql(
        APPROVE,
        { id, comment: '请提前30分钟到场 Please arrive 30 minutes early' },
        qianmen,
      );
      const notice = await eventually(
        async () =>
          (
            await api.gql(
              '{ notifications(first: 50) { edges { node { kind bookingId bodyEn bodyZh } } } }',
              {},
              organizer,
            )
          ).data.notifications.edges
            .map((e: any) => e.node)
            .find((n: any) => n.bookingId === id),
        (found) => found !== undefined,
      );
      expect(notice.kind).toBe('BOOKING_APPROVED');
      expect(notice.bodyEn).toContain('Comment: 请提前30分钟到场 Please arrive 30 minutes early');
      expect(notice.bodyZh).toContain('审批意见：请提前30分钟到场');
    } finally {
      await worker.close();
    }
  });

  it('tells the approvers of the step at once that a request waits for them', async () => {
    const worker: INestApplicationContext = await createWorkerApp(api.env);
    const jingshan = await api.login('jingshan@demo.local');
    const requestsFor = async (token: string, id: string) =>
      (
        await api.gql(
          '{ notifications(first: 50) { edges { node { kind bookingId subjectEn bodyEn } } } }',
          {},
          token,
        )
      ).data.notifications.edges
        .map((e: any) => e.node)
        .filter((n: any) => n.kind === 'APPROVAL_REQUESTED' && n.bookingId === id);
    try {
      // Qianmen's manager decides first; the district hears when the STATE event reaches it.
      const venue = await venueIn(QIANMEN, qianmen);
      const id = await request(venue, 10, 'STATE');
      const [notice] = await eventually(
        () => requestsFor(qianmen, id),
        (list) => list.length > 0,
      );
      expect(notice.subjectEn).toBe('Approval requested: Approval STATE');
      expect(notice.bodyEn).toContain('Waiting for: the subdistrict’s approval');
      expect(await requestsFor(jingshan, id)).toEqual([]);
      expect(await requestsFor(admin, id)).toEqual([]);
      await api.gql(APPROVE, { id }, qianmen);
      const [district] = await eventually(
        () => requestsFor(admin, id),
        (list) => list.length > 0,
      );
      expect(district.bodyEn).toContain('Waiting for: the district’s approval');
      expect(await requestsFor(qianmen, id)).toHaveLength(1);

      // Where the subdistrict has no manager, the district is asked from the start.
      const unmanaged = await request(await venueIn(BEIXINQIAO, admin), 11);
      const [first] = await eventually(
        () => requestsFor(admin, unmanaged),
        (list) => list.length > 0,
      );
      expect(first.bodyEn).toContain('Waiting for: the subdistrict’s approval');
    } finally {
      await worker.close();
    }
  });
});
