import { activeVenue, EVERY_DAY, nextKey, on, REQUEST } from './support/booking-fixtures';
import { errorCode, TestApi } from './support/test-api';

const PLAN_FIELDS = `
  assigned { id status startsAt endsAt staff { id nameEn kind } requirement { id } }
  kept { id staff { id } requirement { id } }
  changed { id status reason }
  unfilled { requirement { id kind languageTo mode } missing reason }
  statistics { places covered bound optimal }`;
const AUTO = `mutation($id: ID!) { autoStaffBooking(bookingId: $id) { ${PLAN_FIELDS} } }`;
const PLAN = `mutation($from: DateTime!, $to: DateTime!) { planStaffing(from: $from, to: $to) { ${PLAN_FIELDS} } }`;
const RESPOND =
  'mutation($id: ID!, $accept: Boolean!, $reason: String) { respondToAssignment(id: $id, accept: $accept, reason: $reason) { status reason } }';

/** Active assignments of one person too close together: overlapping, or apart by less than the travel gap. */
const CLASHES_SQL = `SELECT COUNT(*) AS n FROM assignments a JOIN assignments b
  ON a.staff_id = b.staff_id AND a.id < b.id
  AND a.starts_at < DATE_ADD(b.ends_at, INTERVAL IF(a.venue_id = b.venue_id, 0, 30) MINUTE)
  AND b.starts_at < DATE_ADD(a.ends_at, INTERVAL IF(a.venue_id = b.venue_id, 0, 30) MINUTE)
  WHERE a.status IN ('PROPOSED', 'ACCEPTED') AND b.status IN ('PROPOSED', 'ACCEPTED')`;
/** Requirements holding more active assignments than their headcount. */
const OVERFILLED_SQL = `SELECT COUNT(*) AS n FROM staffing_requirements r
  WHERE r.headcount < (SELECT COUNT(*) FROM assignments a
    WHERE a.requirement_id = r.id AND a.status IN ('PROPOSED', 'ACCEPTED'))`;

describe('the staffing planner', () => {
  let api: TestApi;
  let admin: string;
  let qianmen: string;
  let organizer: string;
  let security: string;
  let venueA: string;
  let venueB: string;

  beforeAll(async () => {
    api = await TestApi.start({ demo: true });
    [admin, qianmen, organizer, security] = await Promise.all(
      ['admin', 'qianmen', 'organizer', 'security'].map((n) => api.login(`${n}@demo.local`)),
    );
    const hall = { securityLevel: 2, openingHours: EVERY_DAY('07:00', '22:00') };
    venueA = await activeVenue(api, { qianmen, admin }, { ...hall, maxDurationMinutes: 720 });
    venueB = await activeVenue(api, { qianmen, admin }, hall);
  });

  afterAll(() => api.close());

  async function event(input: Record<string, unknown>): Promise<string> {
    const result = await api.gql(
      REQUEST,
      { input: { title: 'Delegation visit', attendees: 40, ...input }, key: nextKey() },
      organizer,
    );
    if (!result.data) throw new Error(JSON.stringify(result.errors));
    const { id, status } = result.data.requestBooking;
    if (status === 'PENDING_APPROVAL') {
      // High protocol: the subdistrict, then the district approve.
      const APPROVE = 'mutation($id: ID!) { approveBooking(id: $id) { status } }';
      await api.gql(APPROVE, { id }, qianmen);
      const approved = await api.gql(APPROVE, { id }, admin);
      expect(approved.data.approveBooking.status).toBe('APPROVED');
    } else expect(status).toBe('APPROVED');
    return id;
  }

  const count = async (sql: string) => Number((await api.dataSource.query(sql))[0].n);

  async function emailOf(staffId: string): Promise<string> {
    const [row] = await api.dataSource.query(
      'SELECT u.email FROM users u JOIN staff_members s ON s.user_id = u.id WHERE s.id = ?',
      [staffId],
    );
    return row.email;
  }

  async function assignmentsOf(booking: string) {
    return api.dataSource.query(
      `SELECT a.id, a.requirement_id AS requirementId, a.staff_id AS staffId, a.status, a.starts_at AS startsAt, a.reason
         FROM assignments a JOIN staffing_requirements r ON r.id = a.requirement_id
        WHERE r.booking_id = ? ORDER BY a.id`,
      [booking],
    );
  }

  it('staffs a booking, says why a place stays empty, and keeps its plan when run again', async () => {
    const booking = await event({
      venueId: venueA,
      startsAt: on(2, 2, '09:00'),
      endsAt: on(2, 2, '16:00'),
      protocolLevel: 'HIGH',
      interpretation: [
        { from: 'zh', to: 'ar', mode: 'SIMULTANEOUS' },
        { from: 'zh', to: 'en', mode: 'CONSECUTIVE' },
      ],
    });
    const plan = (await api.gql(AUTO, { id: booking }, admin)).data.autoStaffBooking;
    // Seven hours: three simultaneous interpreters, but only two in the pool work zh→ar SIMULTANEOUS.
    expect(plan.unfilled).toEqual([
      {
        requirement: expect.objectContaining({ languageTo: 'ar', mode: 'SIMULTANEOUS' }),
        missing: 1,
        reason: expect.stringMatching(
          /^No interpreter with zh→ar SIMULTANEOUS free \d{4}-\d\d-\d\d 09:00–16:00 Asia\/Shanghai: 1 of 3 places unfilled; of 2 qualified/,
        ),
      },
    ]);
    const names = plan.assigned.map((a: any) => a.staff.nameEn);
    expect(names).toEqual(expect.arrayContaining(['Feng Bo', 'Gao Yuan']));
    expect(new Set(plan.assigned.map((a: any) => a.staff.id)).size).toBe(plan.assigned.length);
    expect(plan.assigned.every((a: any) => a.status === 'PROPOSED')).toBe(true);
    // 3 + 2 interpreters, 2 general officers and 2 for VIP protection.
    expect(plan.statistics).toEqual({ places: 9, covered: 8, bound: 8, optimal: true });
    expect(plan.assigned).toHaveLength(8);

    const again = (await api.gql(AUTO, { id: booking }, admin)).data.autoStaffBooking;
    expect(again.assigned).toEqual([]);
    expect(again.changed).toEqual([]);
    expect(again.kept.map((a: any) => a.id).sort()).toEqual(
      plan.assigned.map((a: any) => a.id).sort(),
    );
    expect(again.unfilled).toHaveLength(1);
    expect(await count(CLASHES_SQL)).toBe(0);
  });

  it('replans only the declined requirement, and never proposes the same person again', async () => {
    const booking = await event({
      venueId: venueA,
      startsAt: on(2, 3, '10:00'),
      endsAt: on(2, 3, '12:00'),
      interpretation: [
        { from: 'zh', to: 'en', mode: 'CONSECUTIVE' },
        { from: 'zh', to: 'fr', mode: 'CONSECUTIVE' },
      ],
    });
    const plan = (await api.gql(AUTO, { id: booking }, admin)).data.autoStaffBooking;
    expect(plan.unfilled).toEqual([]);
    const before = await assignmentsOf(booking);
    const english = plan.assigned.find((a: any) =>
      ['Li Na', 'Chen Jing', 'Wang Lei'].includes(a.staff.nameEn),
    );
    const decliner = await api.login(await emailOf(english.staff.id));
    expect(errorCode(await api.gql(RESPOND, { id: english.id, accept: false }, decliner))).toBe(
      'BAD_USER_INPUT',
    );
    const declined = await api.gql(
      RESPOND,
      { id: english.id, accept: false, reason: 'Travelling that day' },
      decliner,
    );
    expect(declined.data.respondToAssignment).toEqual({
      status: 'DECLINED',
      reason: 'Travelling that day',
    });

    const after = await assignmentsOf(booking);
    const untouched = (rows: any[]) =>
      rows
        .filter((a) => a.requirementId !== english.requirement.id)
        .map((a) => [a.id, a.staffId, a.status]);
    expect(untouched(after)).toEqual(untouched(before));
    const onEnglish = after.filter((a: any) => a.requirementId === english.requirement.id);
    expect(onEnglish).toEqual([
      expect.objectContaining({ id: english.id, staffId: english.staff.id, status: 'DECLINED' }),
      expect.objectContaining({ status: 'PROPOSED' }),
    ]);
    expect(onEnglish[1].staffId).not.toBe(english.staff.id);
    // Running the planner again does not bring the decliner back either.
    const again = (await api.gql(AUTO, { id: booking }, admin)).data.autoStaffBooking;
    expect(again.assigned).toEqual([]);
  });

  it('moves assignments with a rescheduled booking, releases who cannot follow, and all on cancel', async () => {
    const booking = await event({
      venueId: venueA,
      startsAt: on(2, 4, '09:00'),
      endsAt: on(2, 4, '11:00'),
      interpretation: [{ from: 'zh', to: 'ru', mode: 'CONSECUTIVE' }],
    });
    const plan = (await api.gql(AUTO, { id: booking }, admin)).data.autoStaffBooking;
    expect(plan.assigned).toHaveLength(3); // one interpreter, two officers
    const officer = plan.assigned.find((a: any) => a.staff.kind === 'SECURITY_OFFICER');
    await api.dataSource.query(
      'INSERT INTO staff_leave (staff_id, starts_at, ends_at, reason) VALUES (?, ?, ?, ?)',
      [officer.staff.id, new Date(on(2, 4, '13:00')), new Date(on(2, 4, '18:00')), 'Training'],
    );

    const moved = await api.gql(
      'mutation($id: ID!, $s: DateTime!, $e: DateTime!) { rescheduleBooking(id: $id, startsAt: $s, endsAt: $e) { status } }',
      { id: booking, s: on(2, 4, '14:00'), e: on(2, 4, '16:00') },
      organizer,
    );
    expect(moved.data.rescheduleBooking.status).toBe('APPROVED');
    const rows = await assignmentsOf(booking);
    for (const row of rows) {
      if (row.staffId === officer.staff.id) {
        expect(row.status).toBe('CANCELLED');
        expect(row.reason).toMatch(/on leave: Training/);
      } else {
        expect(row.status).toBe('PROPOSED');
        expect(new Date(row.startsAt).toISOString()).toBe(
          new Date(on(2, 4, '14:00')).toISOString(),
        );
      }
    }
    const refill = (await api.gql(AUTO, { id: booking }, admin)).data.autoStaffBooking;
    expect(refill.assigned).toHaveLength(1);
    expect(refill.assigned[0].staff.id).not.toBe(officer.staff.id);
    expect(refill.kept).toHaveLength(2);

    await api.gql(
      'mutation($id: ID!) { cancelBooking(id: $id, reason: "Visit called off") { status } }',
      { id: booking },
      organizer,
    );
    expect((await assignmentsOf(booking)).map((a: any) => a.status)).toEqual([
      'CANCELLED',
      'CANCELLED',
      'CANCELLED',
      'CANCELLED',
    ]);
  });

  it('releases a person’s assignments when they go on leave or leave the pool, and refills', async () => {
    const booking = await event({
      venueId: venueB,
      startsAt: on(5, 5, '10:00'),
      endsAt: on(5, 5, '11:00'),
      interpretation: [{ from: 'zh', to: 'es', mode: 'ESCORT' }],
    });
    const plan = (await api.gql(AUTO, { id: booking }, admin)).data.autoStaffBooking;
    const interpreter = plan.assigned.find((a: any) => a.staff.kind === 'INTERPRETER');
    const [officer, partner] = plan.assigned.filter(
      (a: any) => a.staff.kind === 'SECURITY_OFFICER',
    );
    const leave = await api.gql(
      'mutation($s: ID!, $from: DateTime!, $to: DateTime!) { addStaffLeave(staffId: $s, startsAt: $from, endsAt: $to, reason: "Conference abroad") { id } }',
      { s: interpreter.staff.id, from: on(5, 5, '00:00'), to: on(5, 6, '00:00') },
      admin,
    );
    expect(leave.errors).toBeUndefined();
    const out = await api.gql(
      'mutation($id: ID!) { setStaffActive(id: $id, active: false) { id } }',
      { id: officer.staff.id },
      security,
    );
    expect(out.errors).toBeUndefined();

    const rows = new Map((await assignmentsOf(booking)).map((a: any) => [a.id, a]));
    expect(rows.get(interpreter.id)).toMatchObject({
      status: 'CANCELLED',
      reason: expect.stringMatching(/on leave: Conference abroad/),
    });
    expect(rows.get(officer.id)).toMatchObject({
      status: 'CANCELLED',
      reason: expect.stringMatching(/no longer in the pool/),
    });
    expect(rows.get(partner.id)).toMatchObject({ status: 'PROPOSED' });

    const refill = (await api.gql(AUTO, { id: booking }, admin)).data.autoStaffBooking;
    expect(refill.kept.map((a: any) => a.id)).toEqual([partner.id]);
    const newcomers = refill.assigned.map((a: any) => a.staff.id);
    expect(newcomers).toHaveLength(2);
    expect(newcomers).not.toContain(interpreter.staff.id);
    expect(newcomers).not.toContain(officer.staff.id);
  });

  it('plans a window of bookings without a clash, and concurrent runs never double-book', async () => {
    const bookings: string[] = [];
    for (const [venue, from, to] of [
      [venueA, '09:00', '11:00'],
      [venueB, '09:30', '12:00'],
      [venueA, '11:15', '13:00'],
      [venueB, '12:30', '15:00'],
      [venueA, '14:00', '17:00'],
    ]) {
      bookings.push(
        await event({
          venueId: venue,
          startsAt: on(3, 2, from),
          endsAt: on(3, 2, to),
          attendees: 120,
          interpretation: [{ from: 'zh', to: 'ja', mode: 'CONSECUTIVE' }],
        }),
      );
    }
    const window = { from: on(3, 2, '00:00'), to: on(3, 3, '00:00') };
    const [first, second] = await Promise.all([
      api.gql(PLAN, window, admin),
      api.gql(PLAN, window, admin),
    ]);
    expect(first.errors).toBeUndefined();
    expect(second.errors).toBeUndefined();
    expect(await count(CLASHES_SQL)).toBe(0);
    expect(await count(OVERFILLED_SQL)).toBe(0);
    const final = (await api.gql(PLAN, window, admin)).data.planStaffing;
    expect(final.assigned).toEqual([]);
    const { statistics } = final;
    expect(statistics.covered).toBe(statistics.bound);
    const missing = final.unfilled.reduce((sum: number, u: any) => sum + u.missing, 0);
    expect(statistics.covered + missing).toBe(statistics.places);
  });

  it('lets security coordinators plan officers only, and refuses bad windows and other roles', async () => {
    const booking = await event({
      venueId: venueB,
      startsAt: on(4, 5, '09:00'),
      endsAt: on(4, 5, '10:00'),
      interpretation: [{ from: 'zh', to: 'de', mode: 'ESCORT' }],
    });
    const plan = (await api.gql(AUTO, { id: booking }, security)).data.autoStaffBooking;
    expect(plan.assigned.length).toBe(2);
    expect(plan.assigned.every((a: any) => a.staff.kind === 'SECURITY_OFFICER')).toBe(true);
    expect(errorCode(await api.gql(AUTO, { id: booking }, organizer))).toBe('FORBIDDEN');
    const bad = [
      { from: on(4, 5, '10:00'), to: on(4, 5, '09:00') },
      { from: on(4, 1, '00:00'), to: on(10, 1, '00:00') },
    ];
    for (const window of bad) {
      const result = await api.gql(PLAN, window, admin);
      expect(errorCode(result)).toBe('BAD_USER_INPUT');
      expect(result.errors![0].extensions.field).toBe('to');
    }
  });
});
