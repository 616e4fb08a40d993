import { SQL_STATEMENT_COUNTER, SqlStatementCounter } from '@app/database';
import { activeVenue, beijing, nextKey, REQUEST } from './support/booking-fixtures';
import { errorCode, TestApi } from './support/test-api';

const REQUIREMENTS = `query($id: ID!) { staffingRequirements(bookingId: $id) {
  id kind headcount startsAt endsAt languageFrom languageTo mode minClearance skill status booking { id }
} }`;

describe('staffing requirements follow their booking', () => {
  let api: TestApi;
  let admin: string;
  let qianmen: string;
  let organizer: string;

  beforeAll(async () => {
    api = await TestApi.start({ demo: true });
    [admin, qianmen, organizer] = await Promise.all(
      ['admin', 'qianmen', 'organizer'].map((n) => api.login(`${n}@demo.local`)),
    );
  });

  afterAll(() => api.close());

  async function approvedHighEvent() {
    const venueId = await activeVenue(
      api,
      { qianmen, admin },
      { securityLevel: 2, requiresApproval: true, setupMinutes: 30, teardownMinutes: 30 },
    );
    const input = {
      venueId,
      startsAt: beijing(25, '09:00'),
      endsAt: beijing(25, '13:00'),
      title: '中阿经贸论坛 China–Arab trade forum',
      attendees: 120,
      foreignGuests: 40,
      protocolLevel: 'HIGH',
      interpretation: [
        { from: 'zh', to: 'ar', mode: 'SIMULTANEOUS' },
        { from: 'zh', to: 'en', mode: 'CONSECUTIVE' },
      ],
    };
    const booking = (await api.gql(REQUEST, { input, key: nextKey() }, organizer)).data
      .requestBooking;
    const APPROVE = 'mutation($id: ID!) { approveBooking(id: $id) { status } }';
    await api.gql(APPROVE, { id: booking.id }, qianmen);
    expect((await api.gql(APPROVE, { id: booking.id }, admin)).data.approveBooking.status).toBe(
      'APPROVED',
    );
    return booking;
  }

  it('derives interpreters, security and VIP protection from the rule table', async () => {
    const booking = await approvedHighEvent();
    const { data } = await api.gql(REQUIREMENTS, { id: booking.id }, admin);
    const byKey = Object.fromEntries(
      data.staffingRequirements.map((r: any) => [
        `${r.kind}:${r.languageTo ?? r.skill ?? 'GENERAL'}`,
        r,
      ]),
    );
    expect(byKey['INTERPRETER:ar']).toMatchObject({
      headcount: 2,
      mode: 'SIMULTANEOUS',
      languageFrom: 'zh',
      startsAt: booking.startsAt,
      endsAt: booking.endsAt,
    });
    expect(byKey['INTERPRETER:en']).toMatchObject({ headcount: 2, mode: 'CONSECUTIVE' });
    expect(byKey['SECURITY_OFFICER:GENERAL']).toMatchObject({
      headcount: 3,
      minClearance: 2,
      startsAt: booking.occupiedFrom,
      endsAt: booking.occupiedUntil,
    });
    expect(byKey['SECURITY_OFFICER:VIP_PROTECTION']).toMatchObject({
      headcount: 2,
      minClearance: 2,
    });
    expect(
      data.staffingRequirements.every(
        (r: any) => r.booking.id === booking.id && r.status === 'OPEN',
      ),
    ).toBe(true);
    const again = await api.gql(REQUIREMENTS, { id: booking.id }, admin);
    expect(again.data.staffingRequirements.map((r: any) => r.id)).toEqual(
      data.staffingRequirements.map((r: any) => r.id),
    );
  });

  it('keeps them while a move waits for approval, moves them when it is approved, and releases them on cancellation', async () => {
    const booking = await approvedHighEvent();
    const before = (await api.gql(REQUIREMENTS, { id: booking.id }, admin)).data
      .staffingRequirements;
    const MOVE =
      'mutation($id: ID!, $s: DateTime!, $e: DateTime!) { rescheduleBooking(id: $id, startsAt: $s, endsAt: $e) { status } }';
    expect(
      (
        await api.gql(
          MOVE,
          { id: booking.id, s: beijing(26, '14:00'), e: beijing(26, '18:00') },
          organizer,
        )
      ).data.rescheduleBooking.status,
    ).toBe('APPROVED');
    expect(
      (await api.gql(REQUIREMENTS, { id: booking.id }, admin)).data.staffingRequirements,
    ).toEqual(before);
    const APPROVE = 'mutation($id: ID!) { approveBooking(id: $id) { status } }';
    await api.gql(APPROVE, { id: booking.id }, qianmen);
    await api.gql(APPROVE, { id: booking.id }, admin);
    const after = (await api.gql(REQUIREMENTS, { id: booking.id }, admin)).data
      .staffingRequirements;
    expect(after.map((r: any) => r.id)).toEqual(before.map((r: any) => r.id));
    const interpreter = after.find((r: any) => r.kind === 'INTERPRETER');
    expect(interpreter.startsAt).toBe(new Date(beijing(26, '14:00')).toISOString());
    await api.gql(
      'mutation($id: ID!) { cancelBooking(id: $id, reason: "Forum postponed") { status } }',
      { id: booking.id },
      organizer,
    );
    expect(
      (await api.gql(REQUIREMENTS, { id: booking.id }, admin)).data.staffingRequirements,
    ).toEqual([]);
  });

  it('loads the bookings of many requirements in one batch', async () => {
    const booking = await approvedHighEvent();
    const counter = api.app.get<SqlStatementCounter>(SQL_STATEMENT_COUNTER);
    const statements = async (fields: string) => {
      await api.gql(REQUIREMENTS, { id: booking.id }, admin); // reconciled before counting
      counter.reset();
      const result = await api.gql(
        `query($id: ID!) { staffingRequirements(bookingId: $id) { ${fields} } }`,
        { id: booking.id },
        admin,
      );
      expect(result.data.staffingRequirements.length).toBe(4);
      return counter.statements;
    };
    const without = await statements('id');
    const withBooking = await statements('id booking { id title }');
    // The bookings, once for all four requirements (each carries its subdistrict for the
    // access check, so their venues need no read).
    expect(withBooking - without).toBe(1);
  });

  it('is visible only to those who may see the booking', async () => {
    const booking = await approvedHighEvent();
    const other = await api.login('organizer2@demo.local');
    expect(errorCode(await api.gql(REQUIREMENTS, { id: booking.id }, other))).toBe('NOT_FOUND');
    expect(
      (await api.gql(REQUIREMENTS, { id: booking.id }, organizer)).data.staffingRequirements.length,
    ).toBe(4);
  });

  it('keeps the district admin’s override when the booking moves', async () => {
    const booking = await approvedHighEvent();
    const general = (
      await api.gql(REQUIREMENTS, { id: booking.id }, admin)
    ).data.staffingRequirements.find((r: any) => r.kind === 'SECURITY_OFFICER' && !r.skill);
    const OVERRIDE =
      'mutation($id: ID!, $n: Int!) { overrideStaffingRequirement(id: $id, headcount: $n) { headcount overridden } }';
    expect(errorCode(await api.gql(OVERRIDE, { id: general.id, n: 6 }, qianmen))).toBe('FORBIDDEN');
    expect(errorCode(await api.gql(OVERRIDE, { id: general.id, n: 0 }, admin))).toBe(
      'BAD_USER_INPUT',
    );
    expect(
      (await api.gql(OVERRIDE, { id: general.id, n: 6 }, admin)).data.overrideStaffingRequirement,
    ).toEqual({ headcount: 6, overridden: true });
    const MOVE =
      'mutation($id: ID!, $s: DateTime!, $e: DateTime!) { rescheduleBooking(id: $id, startsAt: $s, endsAt: $e) { status } }';
    await api.gql(
      MOVE,
      { id: booking.id, s: beijing(27, '09:00'), e: beijing(27, '12:00') },
      organizer,
    );
    const APPROVE = 'mutation($id: ID!) { approveBooking(id: $id) { status } }';
    await api.gql(APPROVE, { id: booking.id }, qianmen);
    await api.gql(APPROVE, { id: booking.id }, admin);
    const moved = (
      await api.gql(REQUIREMENTS, { id: booking.id }, admin)
    ).data.staffingRequirements.find((r: any) => r.id === general.id);
    expect(moved.headcount).toBe(6);
    expect(moved.startsAt).toBe(
      new Date(new Date(beijing(27, '09:00')).getTime() - 30 * 60_000).toISOString(),
    );
  });
});
