import { activeVenue, beijing, EVERY_DAY, nextKey, REQUEST } from './support/booking-fixtures';
import { errorCode, snapshot, TestApi } from './support/test-api';

const PROFILE = `id kind nameZh nameEn accreditationLevel unit clearanceLevel maxHoursPerDay timeZone active
  languagePairs { from to mode } skills weeklyAvailability { weekday from until }
  leave { id startsAt endsAt reason }`;
const CREATE = `mutation($input: CreateStaffMemberInput!) { createStaffMember(input: $input) { ${PROFILE} } }`;
const UPDATE = `mutation($id: ID!, $input: UpdateStaffMemberInput!) { updateStaffMember(id: $id, input: $input) { ${PROFILE} } }`;
const SET_ACTIVE =
  'mutation($id: ID!, $active: Boolean!) { setStaffActive(id: $id, active: $active) { id active } }';
const ADD_LEAVE = `mutation($staffId: ID!, $startsAt: DateTime!, $endsAt: DateTime!, $reason: String!) {
  addStaffLeave(staffId: $staffId, startsAt: $startsAt, endsAt: $endsAt, reason: $reason) { id startsAt endsAt reason }
}`;
const REMOVE_LEAVE = 'mutation($id: ID!) { removeStaffLeave(id: $id) { id reason } }';
const STAFF = `query($text: String) { staff(filter: { text: $text }, first: 50) { totalCount edges { node { ${PROFILE} } } } }`;
const ASSIGN =
  'mutation($r: ID!, $s: ID!) { assignStaff(requirementId: $r, staffId: $s) { id status } }';
const STAFF_TABLES = [
  'users',
  'staff_members',
  'staff_language_pairs',
  'staff_skills',
  'staff_availability',
  'staff_leave',
];

let emails = 0;
const nextEmail = (name: string) => `${name}-${++emails}@staff.test`;

/** A valid new interpreter; tests change one field at a time. */
function interpreterInput(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    kind: 'INTERPRETER',
    email: nextEmail('interpreter'),
    password: 'interpret-2025',
    nameZh: '温怡',
    nameEn: 'Wen Yi',
    accreditationLevel: 2,
    languagePairs: [
      { from: 'zh', to: 'en', mode: 'SIMULTANEOUS' },
      { from: 'en', to: 'zh', mode: 'SIMULTANEOUS' },
      { from: 'zh', to: 'fr', mode: 'CONSECUTIVE' },
    ],
    maxHoursPerDay: 8,
    weeklyAvailability: EVERY_DAY('07:00', '22:00').map(({ weekday, opens, closes }) => ({
      weekday,
      from: opens,
      until: closes,
    })),
    ...overrides,
  };
}

function officerInput(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    kind: 'SECURITY_OFFICER',
    email: nextEmail('officer'),
    password: 'protect-2025',
    nameZh: '高勇',
    nameEn: 'Gao Yong',
    unit: '东城分局特警支队 Special Police Detachment',
    clearanceLevel: 3,
    skills: ['VIP_PROTECTION', 'SCREENING'],
    maxHoursPerDay: 10,
    weeklyAvailability: [{ weekday: 6, from: '20:00', until: '04:00' }],
    ...overrides,
  };
}

describe('staff management', () => {
  let api: TestApi;
  let admin: string;
  let security: string;
  let organizer: string;
  let qianmen: string;

  beforeAll(async () => {
    api = await TestApi.start({ demo: true });
    [admin, security, organizer, qianmen] = await Promise.all(
      ['admin', 'security', 'organizer', 'qianmen'].map((n) => api.login(`${n}@demo.local`)),
    );
  });

  afterAll(() => api.close());

  async function create(input: Record<string, unknown>, token = admin): Promise<any> {
    const result = await api.gql(CREATE, { input }, token);
    if (!result.data) throw new Error(JSON.stringify(result.errors));
    return result.data.createStaffMember;
  }

  it('has the district admin create an interpreter who can then sign in and is listed with pairs and availability', async () => {
    const input = interpreterInput({ email: 'Wen.Yi@Staff.Test', nameEn: 'Wen Yi' });
    const made = await create(input);
    expect(made).toMatchObject({
      kind: 'INTERPRETER',
      nameZh: '温怡',
      nameEn: 'Wen Yi',
      accreditationLevel: 2,
      unit: null,
      clearanceLevel: null,
      maxHoursPerDay: 8,
      timeZone: 'Asia/Shanghai',
      active: true,
      skills: [],
      leave: [],
    });

    const token = await api.login('wen.yi@staff.test', 'interpret-2025');
    const me = await api.gql('query { me { email role displayName } }', {}, token);
    expect(me.data.me).toEqual({
      email: 'wen.yi@staff.test',
      role: 'INTERPRETER',
      displayName: '温怡 Wen Yi',
    });
    const [stored] = await api.dataSource.query(
      'SELECT password_hash AS hash FROM users WHERE email = ?',
      ['wen.yi@staff.test'],
    );
    expect(stored.hash).toMatch(/^\$2[aby]\$04\$/); // bcrypt at the test cost, never the password

    const listed = await api.gql(STAFF, { text: 'Wen Yi' }, admin);
    expect(listed.data.staff.totalCount).toBe(1);
    const node = listed.data.staff.edges[0].node;
    expect(node.id).toBe(made.id);
    expect(node.languagePairs).toEqual(
      expect.arrayContaining([
        { from: 'zh', to: 'en', mode: 'SIMULTANEOUS' },
        { from: 'en', to: 'zh', mode: 'SIMULTANEOUS' },
        { from: 'zh', to: 'fr', mode: 'CONSECUTIVE' },
      ]),
    );
    expect(node.languagePairs).toHaveLength(3);
    expect(node.weeklyAvailability).toEqual(
      [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, from: '07:00', until: '22:00' })),
    );
  });

  it('lets a security coordinator create officers but not interpreters, and nobody else manage staff', async () => {
    const officer = await create(officerInput({ email: 'gao.yong@staff.test' }), security);
    expect(officer).toMatchObject({
      kind: 'SECURITY_OFFICER',
      unit: '东城分局特警支队 Special Police Detachment',
      clearanceLevel: 3,
      accreditationLevel: null,
      skills: expect.arrayContaining(['VIP_PROTECTION', 'SCREENING']),
      weeklyAvailability: [{ weekday: 6, from: '20:00', until: '04:00' }],
      languagePairs: [],
    });
    const officerToken = await api.login('gao.yong@staff.test', 'protect-2025');
    expect((await api.gql('query { me { role } }', {}, officerToken)).data.me.role).toBe(
      'SECURITY_OFFICER',
    );

    const before = await snapshot(api.dataSource, STAFF_TABLES);
    expect(errorCode(await api.gql(CREATE, { input: interpreterInput() }, security))).toBe(
      'FORBIDDEN',
    );
    const interpreter = await api.login('interpreter@demo.local');
    for (const token of [organizer, qianmen, interpreter]) {
      expect(errorCode(await api.gql(CREATE, { input: officerInput() }, token))).toBe('FORBIDDEN');
    }
    const liNa = (await api.gql(STAFF, { text: 'Li Na' }, admin)).data.staff.edges[0].node.id;
    expect(
      errorCode(await api.gql(UPDATE, { id: liNa, input: { maxHoursPerDay: 6 } }, security)),
    ).toBe('FORBIDDEN');
    expect(errorCode(await api.gql(SET_ACTIVE, { id: liNa, active: false }, security))).toBe(
      'FORBIDDEN',
    );
    const leave = {
      staffId: liNa,
      startsAt: beijing(3, '00:00'),
      endsAt: beijing(4, '00:00'),
      reason: 'Training',
    };
    expect(errorCode(await api.gql(ADD_LEAVE, leave, security))).toBe('FORBIDDEN');
    expect(errorCode(await api.gql(ADD_LEAVE, { ...leave, staffId: officer.id }, organizer))).toBe(
      'FORBIDDEN',
    );
    expect(await snapshot(api.dataSource, STAFF_TABLES)).toBe(before);

    // The coordinator looks after their officers: edits and leave.
    const edited = await api.gql(
      UPDATE,
      { id: officer.id, input: { clearanceLevel: 2, skills: ['CROWD_CONTROL'] } },
      security,
    );
    expect(edited.data.updateStaffMember).toMatchObject({
      clearanceLevel: 2,
      skills: ['CROWD_CONTROL'],
    });
    const added = await api.gql(ADD_LEAVE, { ...leave, staffId: officer.id }, security);
    expect(added.data.addStaffLeave.reason).toBe('Training');
    expect(
      (await api.gql(REMOVE_LEAVE, { id: added.data.addStaffLeave.id }, security)).data
        .removeStaffLeave,
    ).toEqual({ id: added.data.addStaffLeave.id, reason: 'Training' });
  });

  it('refuses bad input with its code and field, and writes nothing', async () => {
    const interpreterAt = (pair: Record<string, unknown>) =>
      interpreterInput({ languagePairs: [{ from: 'zh', to: 'en', mode: 'SIMULTANEOUS' }, pair] });
    const cases: [string, Record<string, unknown>, string, string][] = [
      [
        'an unknown language',
        interpreterAt({ from: 'zh', to: 'xx', mode: 'CONSECUTIVE' }),
        'BAD_USER_INPUT',
        'languagePairs[1].to',
      ],
      [
        'a malformed language tag',
        interpreterAt({ from: 'e n', to: 'zh', mode: 'CONSECUTIVE' }),
        'BAD_USER_INPUT',
        'languagePairs[1].from',
      ],
      [
        'a pair from a language to itself',
        interpreterAt({ from: 'en', to: 'EN', mode: 'CONSECUTIVE' }),
        'BAD_USER_INPUT',
        'languagePairs[1].to',
      ],
      [
        'a bad mode',
        interpreterAt({ from: 'zh', to: 'ja', mode: 'WHISPERED' }),
        'BAD_USER_INPUT',
        'languagePairs[1].mode',
      ],
      [
        'a pair listed twice',
        interpreterAt({ from: 'zh', to: 'en', mode: 'SIMULTANEOUS' }),
        'BAD_USER_INPUT',
        'languagePairs[1]',
      ],
      [
        'an interpreter without accreditation',
        interpreterInput({ accreditationLevel: undefined }),
        'BAD_USER_INPUT',
        'accreditationLevel',
      ],
      [
        'an interpreter with a clearance',
        interpreterInput({ clearanceLevel: 2 }),
        'BAD_USER_INPUT',
        'clearanceLevel',
      ],
      ['clearance 4', officerInput({ clearanceLevel: 4 }), 'BAD_USER_INPUT', 'clearanceLevel'],
      ['clearance 0', officerInput({ clearanceLevel: 0 }), 'BAD_USER_INPUT', 'clearanceLevel'],
      [
        '17 hours a day',
        interpreterInput({ maxHoursPerDay: 17 }),
        'BAD_USER_INPUT',
        'maxHoursPerDay',
      ],
      ['0 hours a day', officerInput({ maxHoursPerDay: 0 }), 'BAD_USER_INPUT', 'maxHoursPerDay'],
      [
        'a time that is not HH:mm',
        interpreterInput({ weeklyAvailability: [{ weekday: 1, from: '7:00', until: '12:00' }] }),
        'BAD_USER_INPUT',
        'weeklyAvailability[0].from',
      ],
      [
        'an hour past 24',
        officerInput({ weeklyAvailability: [{ weekday: 2, from: '08:00', until: '25:00' }] }),
        'BAD_USER_INPUT',
        'weeklyAvailability[0].until',
      ],
      [
        'overlapping availability',
        officerInput({
          weeklyAvailability: [
            { weekday: 3, from: '20:00', until: '06:00' },
            { weekday: 4, from: '05:00', until: '12:00' },
          ],
        }),
        'BAD_USER_INPUT',
        'weeklyAvailability[1]',
      ],
      [
        'an unknown time zone',
        interpreterInput({ timeZone: 'Asia/Atlantis' }),
        'BAD_USER_INPUT',
        'timeZone',
      ],
      [
        'a taken e-mail (in other letters)',
        officerInput({ email: 'Officer@Demo.Local' }),
        'CONFLICT',
        'email',
      ],
    ];
    const before = await snapshot(api.dataSource, STAFF_TABLES);
    for (const [name, input, code, field] of cases) {
      const result = await api.gql(CREATE, { input }, admin);
      expect([name, errorCode(result), result.errors?.[0].extensions.field]).toEqual([
        name,
        code,
        field,
      ]);
    }

    const wenYi = (await api.gql(STAFF, { text: 'Wen Yi' }, admin)).data.staff.edges[0].node.id;
    const updates: [string, Record<string, unknown>, string][] = [
      [
        'a pair to itself',
        { languagePairs: [{ from: 'fr', to: 'fr', mode: 'ESCORT' }] },
        'languagePairs[0].to',
      ],
      ['no language pairs', { languagePairs: [] }, 'languagePairs'],
      ['an officer’s unit', { unit: 'Qianmen Police Station' }, 'unit'],
      ['an empty name', { nameEn: '   ' }, 'nameEn'],
      ['an unknown time zone', { timeZone: 'Europe/Nowhere' }, 'timeZone'],
    ];
    for (const [name, input, field] of updates) {
      const result = await api.gql(UPDATE, { id: wenYi, input }, admin);
      expect([name, errorCode(result), result.errors?.[0].extensions.field]).toEqual([
        name,
        'BAD_USER_INPUT',
        field,
      ]);
    }
    const leave = { staffId: wenYi, reason: 'Conference abroad' };
    for (const [startsAt, endsAt] of [
      [beijing(5, '12:00'), beijing(5, '09:00')],
      [beijing(5, '12:00'), beijing(5, '12:00')],
    ]) {
      const result = await api.gql(ADD_LEAVE, { ...leave, startsAt, endsAt }, admin);
      expect([errorCode(result), result.errors?.[0].extensions.field]).toEqual([
        'BAD_USER_INPUT',
        'endsAt',
      ]);
    }
    const blank = await api.gql(
      ADD_LEAVE,
      { ...leave, startsAt: beijing(5, '09:00'), endsAt: beijing(5, '12:00'), reason: '  ' },
      admin,
    );
    expect([errorCode(blank), blank.errors?.[0].extensions.field]).toEqual([
      'BAD_USER_INPUT',
      'reason',
    ]);
    expect(errorCode(await api.gql(REMOVE_LEAVE, { id: '999999' }, admin))).toBe('NOT_FOUND');
    expect(
      errorCode(await api.gql(UPDATE, { id: '999999', input: { maxHoursPerDay: 6 } }, admin)),
    ).toBe('NOT_FOUND');
    expect(await snapshot(api.dataSource, STAFF_TABLES)).toBe(before);
    // Null is a field left out: the accreditation stays.
    const kept = await api.gql(UPDATE, { id: wenYi, input: { accreditationLevel: null } }, admin);
    expect(kept.data?.updateStaffMember.accreditationLevel).toEqual(expect.any(Number));
  });

  it('replaces lists on update and takes a person out of the pool and back', async () => {
    const made = await create(interpreterInput({ nameEn: 'Qiao Lan', nameZh: '乔兰' }));
    const updated = await api.gql(
      UPDATE,
      {
        id: made.id,
        input: {
          nameEn: 'Qiao Lanlan',
          maxHoursPerDay: 6,
          languagePairs: [{ from: 'zh', to: 'ja', mode: 'CONSECUTIVE' }],
          weeklyAvailability: [{ weekday: 1, from: '09:00', until: '17:00' }],
        },
      },
      admin,
    );
    expect(updated.errors).toBeUndefined();
    expect(updated.data.updateStaffMember).toMatchObject({
      nameZh: '乔兰',
      nameEn: 'Qiao Lanlan',
      accreditationLevel: 2,
      maxHoursPerDay: 6,
      languagePairs: [{ from: 'zh', to: 'ja', mode: 'CONSECUTIVE' }],
      weeklyAvailability: [{ weekday: 1, from: '09:00', until: '17:00' }],
    });

    expect(
      (await api.gql(SET_ACTIVE, { id: made.id, active: false }, admin)).data.setStaffActive,
    ).toEqual({ id: made.id, active: false });
    expect((await api.gql(STAFF, { text: 'Qiao Lanlan' }, admin)).data.staff.totalCount).toBe(0);
    await api.gql(SET_ACTIVE, { id: made.id, active: true }, admin);
    expect((await api.gql(STAFF, { text: 'Qiao Lanlan' }, admin)).data.staff.totalCount).toBe(1);
  });

  it('shows leave in `leave`, and assignStaff refuses an assignment during it', async () => {
    const person = await create(
      interpreterInput({
        nameZh: '费雪',
        nameEn: 'Fei Xue',
        languagePairs: [{ from: 'zh', to: 'en', mode: 'SIMULTANEOUS' }],
        weeklyAvailability: EVERY_DAY('00:00', '24:00').map((d) => ({
          weekday: d.weekday,
          from: d.opens,
          until: d.closes,
        })),
      }),
    );
    const venueId = await activeVenue(api, { qianmen, admin });
    const booked = await api.gql(
      REQUEST,
      {
        input: {
          venueId,
          startsAt: beijing(10, '09:00'),
          endsAt: beijing(10, '11:00'),
          title: 'Trade forum',
          attendees: 30,
          interpretation: [{ from: 'zh', to: 'en', mode: 'SIMULTANEOUS' }],
        },
        key: nextKey(),
      },
      organizer,
    );
    if (!booked.data) throw new Error(JSON.stringify(booked.errors));
    const requirement = (
      await api.gql(
        'query($id: ID!) { staffingRequirements(bookingId: $id) { id kind } }',
        { id: booked.data.requestBooking.id },
        admin,
      )
    ).data.staffingRequirements.find((r: any) => r.kind === 'INTERPRETER').id;

    const added = await api.gql(
      ADD_LEAVE,
      {
        staffId: person.id,
        startsAt: beijing(10, '00:00'),
        endsAt: beijing(11, '00:00'),
        reason: 'Annual leave',
      },
      admin,
    );
    expect(added.errors).toBeUndefined();
    const leaveId = added.data.addStaffLeave.id;
    const listed = (await api.gql(STAFF, { text: 'Fei Xue' }, admin)).data.staff.edges[0].node;
    expect(listed.leave).toEqual([
      {
        id: leaveId,
        startsAt: new Date(beijing(10, '00:00')).toISOString(),
        endsAt: new Date(beijing(11, '00:00')).toISOString(),
        reason: 'Annual leave',
      },
    ]);

    const before = await snapshot(api.dataSource, ['assignments', 'outbox_events']);
    const refused = await api.gql(ASSIGN, { r: requirement, s: person.id }, admin);
    expect(errorCode(refused)).toBe('STAFF_UNAVAILABLE');
    expect(refused.errors?.[0].message).toContain('Annual leave');
    expect(await snapshot(api.dataSource, ['assignments', 'outbox_events'])).toBe(before);

    await api.gql(REMOVE_LEAVE, { id: leaveId }, admin);
    expect(
      (await api.gql(STAFF, { text: 'Fei Xue' }, admin)).data.staff.edges[0].node.leave,
    ).toEqual([]);
    const assigned = await api.gql(ASSIGN, { r: requirement, s: person.id }, admin);
    expect(assigned.data?.assignStaff.status).toBe('PROPOSED');
  });
});
