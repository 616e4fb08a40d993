import { activeVenue, EVERY_DAY, nextKey, on, REQUEST } from './support/booking-fixtures';
import { errorCode, snapshot, TestApi } from './support/test-api';

const REQUIREMENTS =
  'query($id: ID!) { staffingRequirements(bookingId: $id) { id kind skill minClearance headcount } }';
const ASSIGN =
  'mutation($r: ID!, $s: ID!) { assignStaff(requirementId: $r, staffId: $s) { id status startsAt endsAt staff { nameEn } requirement { id } } }';
const STAFF =
  'query($filter: StaffFilter) { staff(filter: $filter, first: 50) { edges { node { id nameEn clearanceLevel languagePairs { from to mode } } } } }';
const OVERLAPS_SQL = `SELECT COUNT(*) AS n FROM assignments a JOIN assignments b ON a.staff_id = b.staff_id AND a.id < b.id
  AND a.starts_at < b.ends_at AND b.starts_at < a.ends_at
  WHERE a.status IN ('PROPOSED', 'ACCEPTED') AND b.status IN ('PROPOSED', 'ACCEPTED')`;

describe('manual assignments', () => {
  let api: TestApi;
  let admin: string;
  let qianmen: string;
  let organizer: string;
  let security: string;
  let venueA: string;
  let venueB: string;
  let fengBo: string; // zh↔ar simultaneous and consecutive (interpreter-ar-1)
  let heXue: string; // zh↔ar consecutive and escort only (interpreter-ar-2)

  beforeAll(async () => {
    api = await TestApi.start({ demo: true });
    [admin, qianmen, organizer, security] = await Promise.all(
      ['admin', 'qianmen', 'organizer', 'security'].map((n) => api.login(`${n}@demo.local`)),
    );
    venueA = await activeVenue(
      api,
      { qianmen, admin },
      { securityLevel: 2, openingHours: EVERY_DAY('07:00', '22:00'), maxDurationMinutes: 720 },
    );
    venueB = await activeVenue(
      api,
      { qianmen, admin },
      { securityLevel: 2, openingHours: EVERY_DAY('07:00', '22:00') },
    );
    const interpreters = (
      await api.gql(STAFF, { filter: { kind: 'INTERPRETER', language: 'ar' } }, admin)
    ).data.staff.edges.map((e: any) => e.node);
    fengBo = interpreters.find((s: any) => s.nameEn === 'Feng Bo').id;
    heXue = interpreters.find((s: any) => s.nameEn === 'He Xue').id;
  });

  afterAll(() => api.close());

  async function arabicEvent(
    venueId: string,
    startsAt: string,
    endsAt: string,
  ): Promise<{ booking: string; interpreters: string; security: string }> {
    const input = {
      venueId,
      startsAt,
      endsAt,
      title: 'Arabic delegation',
      attendees: 40,
      interpretation: [{ from: 'zh', to: 'ar', mode: 'SIMULTANEOUS' }],
    };
    const result = await api.gql(REQUEST, { input, key: nextKey() }, organizer);
    if (!result.data) throw new Error(JSON.stringify(result.errors));
    const booking = result.data.requestBooking.id;
    const requirements = (await api.gql(REQUIREMENTS, { id: booking }, admin)).data
      .staffingRequirements;
    return {
      booking,
      interpreters: requirements.find((r: any) => r.kind === 'INTERPRETER').id,
      security: requirements.find((r: any) => r.kind === 'SECURITY_OFFICER' && !r.skill).id,
    };
  }

  it('assigns a qualified, free interpreter, who accepts; others may not answer for them', async () => {
    const event = await arabicEvent(venueA, on(3, 3, '09:00'), on(3, 3, '11:00'));
    const made = await api.gql(ASSIGN, { r: event.interpreters, s: fengBo }, admin);
    expect(made.errors).toBeUndefined();
    expect(made.data.assignStaff).toMatchObject({
      status: 'PROPOSED',
      staff: { nameEn: 'Feng Bo' },
      requirement: { id: event.interpreters },
    });
    const RESPOND =
      'mutation($id: ID!, $accept: Boolean!, $reason: String) { respondToAssignment(id: $id, accept: $accept, reason: $reason) { status reason } }';
    const stranger = await api.login('interpreter-ar-2@demo.local');
    expect(
      errorCode(await api.gql(RESPOND, { id: made.data.assignStaff.id, accept: true }, stranger)),
    ).toBe('FORBIDDEN');
    const me = await api.login('interpreter-ar-1@demo.local');
    expect(
      errorCode(await api.gql(RESPOND, { id: made.data.assignStaff.id, accept: false }, me)),
    ).toBe('BAD_USER_INPUT');
    // A reason past its column is refused before the database, naming it; null is no reason.
    const tooLong = await api.gql(
      RESPOND,
      { id: made.data.assignStaff.id, accept: false, reason: '病'.repeat(1001) },
      me,
    );
    expect(errorCode(tooLong)).toBe('BAD_USER_INPUT');
    expect(tooLong.errors![0].extensions.field).toBe('reason');
    const noReason = await api.gql(
      RESPOND,
      { id: made.data.assignStaff.id, accept: false, reason: null },
      me,
    );
    expect(errorCode(noReason)).toBe('BAD_USER_INPUT');
    expect(
      (await api.gql(RESPOND, { id: made.data.assignStaff.id, accept: true }, me)).data
        .respondToAssignment.status,
    ).toBe('ACCEPTED');
    const mine = await api.gql('query { myAssignments { id status requirement { id } } }', {}, me);
    expect(mine.data.myAssignments).toContainEqual({
      id: made.data.assignStaff.id,
      status: 'ACCEPTED',
      requirement: { id: event.interpreters },
    });
    const listed = await api.gql(
      'query($id: ID!) { staffingRequirements(bookingId: $id) { id assignments { staff { nameEn } status } } }',
      { id: event.booking },
      admin,
    );
    expect(
      listed.data.staffingRequirements.find((r: any) => r.id === event.interpreters).assignments,
    ).toEqual([{ staff: { nameEn: 'Feng Bo' }, status: 'ACCEPTED' }]);
  });

  it('refuses each broken hard constraint with its code and writes nothing', async () => {
    const base = await arabicEvent(venueA, on(4, 3, '09:00'), on(4, 3, '11:00'));
    await api.gql(ASSIGN, { r: base.interpreters, s: fengBo }, admin);
    const nearby = await arabicEvent(venueB, on(4, 3, '11:15'), on(4, 3, '12:00'));
    const sunday = await arabicEvent(venueA, on(4, 7, '10:00'), on(4, 7, '12:00'));
    const long = await arabicEvent(venueA, on(4, 4, '08:00'), on(4, 4, '17:00'));
    const officers = (
      await api.gql(STAFF, { filter: { kind: 'SECURITY_OFFICER' } }, admin)
    ).data.staff.edges.map((e: any) => e.node);
    const lowClearance = officers.find((o: any) => o.clearanceLevel === 1).id;
    const cases: [string, string, string, string, string][] = [
      ['no simultaneous skill', base.interpreters, heXue, admin, 'STAFF_NOT_QUALIFIED'],
      ['an officer as interpreter', base.interpreters, lowClearance, admin, 'STAFF_NOT_QUALIFIED'],
      [
        'clearance 1 for a level-2 venue',
        base.security,
        lowClearance,
        security,
        'STAFF_NOT_QUALIFIED',
      ],
      [
        'within the travel gap at another venue',
        nearby.interpreters,
        fengBo,
        admin,
        'STAFF_CONFLICT',
      ],
      ['on a Sunday off', sunday.interpreters, fengBo, admin, 'STAFF_UNAVAILABLE'],
      ['nine hours in a day', long.interpreters, fengBo, admin, 'STAFF_OVER_HOURS'],
      ['twice on one requirement', base.interpreters, fengBo, admin, 'CONFLICT'],
      ['a coordinator staffing interpreters', nearby.interpreters, fengBo, security, 'FORBIDDEN'],
      ['an organizer', nearby.interpreters, fengBo, organizer, 'FORBIDDEN'],
      ['an unknown person', nearby.interpreters, '987654', admin, 'NOT_FOUND'],
    ];
    for (const [name, requirement, staffId, token, code] of cases) {
      const before = await snapshot(api.dataSource, ['assignments', 'outbox_events']);
      const result = await api.gql(ASSIGN, { r: requirement, s: staffId }, token);
      expect([name, errorCode(result)]).toEqual([name, code]);
      if (name === 'an officer as interpreter')
        expect(result.errors![0].message).toMatch(/不是口译员$/); // the admin reads Chinese
      expect(await snapshot(api.dataSource, ['assignments', 'outbox_events'])).toBe(before);
    }
  });

  it('leaves exactly one of many simultaneous assignments of one interpreter to overlapping events', async () => {
    const events = [];
    for (let i = 0; i < 6; i++) {
      const venue = await activeVenue(
        api,
        { qianmen, admin },
        { openingHours: EVERY_DAY('07:00', '22:00') },
      );
      events.push(
        await arabicEvent(venue, on(5, 2, `0${9 + (i % 2)}:00`.slice(-5)), on(5, 2, '12:00')),
      );
    }
    const calls = events.flatMap((event) => [event.interpreters, event.interpreters]);
    const results = await Promise.all(calls.map((r) => api.gql(ASSIGN, { r, s: fengBo }, admin)));
    const made = results.filter((r) => r.data?.assignStaff);
    expect(made).toHaveLength(1);
    expect(
      results.every(
        (r) => r.data?.assignStaff || ['STAFF_CONFLICT', 'CONFLICT'].includes(errorCode(r)!),
      ),
    ).toBe(true);
    const [{ n }] = await api.dataSource.query(OVERLAPS_SQL);
    expect(Number(n)).toBe(0);
  });

  it('frees the person when the booking is cancelled, and cancels the assignment on reconciling', async () => {
    const first = await arabicEvent(venueA, on(6, 3, '09:00'), on(6, 3, '11:00'));
    const assigned = (await api.gql(ASSIGN, { r: first.interpreters, s: fengBo }, admin)).data
      .assignStaff;
    const clash = await arabicEvent(venueB, on(6, 3, '10:00'), on(6, 3, '12:00'));
    expect(errorCode(await api.gql(ASSIGN, { r: clash.interpreters, s: fengBo }, admin))).toBe(
      'STAFF_CONFLICT',
    );
    await api.gql(
      'mutation($id: ID!) { cancelBooking(id: $id, reason: "Delegation postponed") { status } }',
      { id: first.booking },
      organizer,
    );
    // Free at once, before anything reconciled the cancelled booking’s requirements.
    expect(
      (await api.gql(ASSIGN, { r: clash.interpreters, s: fengBo }, admin)).data.assignStaff.status,
    ).toBe('PROPOSED');
    expect(
      (await api.gql(REQUIREMENTS, { id: first.booking }, admin)).data.staffingRequirements,
    ).toEqual([]);
    const me = await api.login('interpreter-ar-1@demo.local');
    const mine = (await api.gql('query { myAssignments { id status reason } }', {}, me)).data
      .myAssignments;
    expect(mine.find((a: any) => a.id === assigned.id)).toEqual({
      id: assigned.id,
      status: 'CANCELLED',
      reason: 'The booking no longer needs this',
    });
  });

  it('keeps 11 hours of rest between working days', async () => {
    // He Xue works around the clock in this test, so only the rest rule can stop a late-early pair.
    await api.dataSource.query(
      'UPDATE staff_availability SET from_minute = 0, until_minute = 1440 WHERE staff_id = ?',
      [heXue],
    );
    await api.dataSource.query(
      'INSERT INTO staff_availability (staff_id, weekday, from_minute, until_minute) VALUES (?, 7, 0, 1440)',
      [heXue],
    );
    const consecutive = async (venueId: string, startsAt: string, endsAt: string) => {
      const input = {
        venueId,
        startsAt,
        endsAt,
        title: 'Late talks',
        attendees: 10,
        interpretation: [{ from: 'zh', to: 'ar', mode: 'CONSECUTIVE' }],
      };
      const booking = (await api.gql(REQUEST, { input, key: nextKey() }, organizer)).data
        .requestBooking.id;
      const requirements = (await api.gql(REQUIREMENTS, { id: booking }, admin)).data
        .staffingRequirements;
      return requirements.find((r: any) => r.kind === 'INTERPRETER').id;
    };
    const late = await consecutive(venueA, on(7, 2, '19:00'), on(7, 2, '21:30'));
    const early = await consecutive(venueA, on(7, 3, '07:00'), on(7, 3, '09:00'));
    const rested = await consecutive(venueA, on(7, 4, '09:00'), on(7, 4, '10:00'));
    expect((await api.gql(ASSIGN, { r: late, s: heXue }, admin)).data.assignStaff.status).toBe(
      'PROPOSED',
    );
    expect(errorCode(await api.gql(ASSIGN, { r: early, s: heXue }, admin))).toBe(
      'STAFF_OVER_HOURS',
    );
    expect((await api.gql(ASSIGN, { r: rested, s: heXue }, admin)).data.assignStaff.status).toBe(
      'PROPOSED',
    );
  });
});
