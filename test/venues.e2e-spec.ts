import { errorCode, snapshot, TestApi } from './support/test-api';
import { VENUE_FIELDS, VENUE_TABLES, venueInput } from './support/venue-fixtures';

const QIANMEN = '11';
const JINGSHAN = '2';

const REGISTER = `mutation($input: RegisterVenueInput!) { registerVenue(input: $input) { ${VENUE_FIELDS} } }`;
const UPDATE = `mutation($id: ID!, $input: UpdateVenueInput!) { updateVenue(id: $id, input: $input) { id nameEn version } }`;
const SUBMIT = 'mutation($id: ID!) { submitVenueForReview(id: $id) { id status } }';
const REVIEW =
  'mutation($id: ID!, $approve: Boolean!, $reason: String) { reviewVenue(id: $id, approve: $approve, reason: $reason) { id status statusReason } }';
const VENUE = 'query($id: ID!) { venue(id: $id) { id status } }';
const SEARCH = `query($filter: VenueFilter, $first: Int, $after: String) {
  venues(filter: $filter, first: $first, after: $after) {
    totalCount pageInfo { hasNextPage endCursor } edges { cursor node { id nameEn status seatedCapacity facilities { type count } } }
  }
}`;

describe('venue inventory over HTTP', () => {
  let api: TestApi;
  let admin: string;
  let qianmen: string;
  let jingshan: string;
  let organizer: string;

  beforeAll(async () => {
    api = await TestApi.start({ demo: true });
    [admin, qianmen, jingshan, organizer] = await Promise.all(
      ['admin', 'qianmen', 'jingshan', 'organizer'].map((name) => api.login(`${name}@demo.local`)),
    );
  });

  afterAll(() => api.close());

  async function register(token: string, input: Record<string, unknown>) {
    const result = await api.gql(REGISTER, { input }, token);
    return result;
  }

  it('takes a venue from registration through review to an organizer’s search', async () => {
    const registered = await register(
      qianmen,
      venueInput(QIANMEN, { nameEn: 'Dashilar Lantern Hall', seatedCapacity: 777 }),
    );
    expect(registered.errors).toBeUndefined();
    const venue = registered.data.registerVenue;
    expect(venue).toMatchObject({
      status: 'DRAFT',
      version: 1,
      timeZone: 'Asia/Shanghai',
      minDurationMinutes: 30,
      maxDurationMinutes: 720,
      requiresApproval: true,
      subdistrict: { id: QIANMEN, code: 'QIANMEN', nameZh: '前门街道' },
      contact: { name: '张明' },
    });
    expect(venue.facilities).toEqual(
      expect.arrayContaining([
        { type: 'SIMULTANEOUS_INTERPRETATION_BOOTH', count: 4 },
        { type: 'BILINGUAL_SIGNAGE', count: 1 },
      ]),
    );
    expect(venue.openingHours).toHaveLength(5);
    expect(venue.createdAt).toMatch(/Z$/);

    const filter = {
      minCapacity: 700,
      facilities: ['SIMULTANEOUS_INTERPRETATION_BOOTH', 'INTERPRETATION_HEADSETS'],
    };
    const before = await api.gql(SEARCH, { filter }, organizer);
    expect(before.data.venues.edges.map((e: any) => e.node.id)).not.toContain(venue.id);

    expect(
      (await api.gql(SUBMIT, { id: venue.id }, qianmen)).data.submitVenueForReview.status,
    ).toBe('PENDING_REVIEW');
    const approved = await api.gql(REVIEW, { id: venue.id, approve: true }, admin);
    expect(approved.data.reviewVenue.status).toBe('ACTIVE');

    const after = await api.gql(SEARCH, { filter }, organizer);
    const found = after.data.venues.edges.map((e: any) => e.node);
    expect(found.map((v: any) => v.id)).toContain(venue.id);
    for (const v of found) {
      expect(v.status).toBe('ACTIVE');
      expect(v.seatedCapacity).toBeGreaterThanOrEqual(700);
    }
  });

  it('sends a venue back to DRAFT with a reason, and insists on the reason', async () => {
    const { data } = await register(qianmen, venueInput(QIANMEN, { nameEn: 'Returned Hall' }));
    await api.gql(SUBMIT, { id: data.registerVenue.id }, qianmen);
    const withoutReason = await api.gql(
      REVIEW,
      { id: data.registerVenue.id, approve: false },
      admin,
    );
    expect(errorCode(withoutReason)).toBe('BAD_USER_INPUT');
    expect(withoutReason.errors![0].extensions.field).toBe('reason');
    const returned = await api.gql(
      REVIEW,
      { id: data.registerVenue.id, approve: false, reason: '缺少无障碍通道 No wheelchair access' },
      admin,
    );
    expect(returned.data.reviewVenue).toMatchObject({
      status: 'DRAFT',
      statusReason: '缺少无障碍通道 No wheelchair access',
    });
  });

  it('refuses a transition the lifecycle does not allow, with CONFLICT', async () => {
    const { data } = await register(
      qianmen,
      venueInput(QIANMEN, { nameEn: 'Early Approval Hall' }),
    );
    const result = await api.gql(REVIEW, { id: data.registerVenue.id, approve: true }, admin);
    expect(errorCode(result)).toBe('CONFLICT');
  });

  it('lets only the owning subdistrict edit: a Qianmen manager editing a Jingshan venue gets FORBIDDEN', async () => {
    const { data } = await register(
      jingshan,
      venueInput(JINGSHAN, { nameEn: 'Jingshan Pavilion Room' }),
    );
    const id = data.registerVenue.id;
    const before = await snapshot(api.dataSource, VENUE_TABLES);
    const result = await api.gql(UPDATE, { id, input: { nameEn: 'Taken over' } }, qianmen);
    expect(errorCode(result)).toBe('FORBIDDEN');
    expect(await snapshot(api.dataSource, VENUE_TABLES)).toBe(before);

    const own = await api.gql(
      UPDATE,
      { id, input: { nameEn: 'Jingshan Pavilion Hall' } },
      jingshan,
    );
    expect(own.data.updateVenue).toMatchObject({ nameEn: 'Jingshan Pavilion Hall', version: 2 });
  });

  it('keeps a Qianmen manager from registering in Jingshan, and organizers from registering at all', async () => {
    const before = await snapshot(api.dataSource, VENUE_TABLES);
    const elsewhere = await register(qianmen, venueInput(JINGSHAN));
    expect(errorCode(elsewhere)).toBe('FORBIDDEN');
    expect(elsewhere.errors![0].message).toBe('您只能在本街道登记场地'); // Qianmen reads Chinese
    expect(elsewhere.errors![0].extensions.field).toBe('subdistrictId');
    expect(errorCode(await register(organizer, venueInput(QIANMEN)))).toBe('FORBIDDEN');
    expect(await snapshot(api.dataSource, VENUE_TABLES)).toBe(before);
  });

  it('hides DRAFT venues from organizers but not from their owners', async () => {
    const { data } = await register(qianmen, venueInput(QIANMEN, { nameEn: 'Secret Draft Room' }));
    const id = data.registerVenue.id;
    expect((await api.gql(VENUE, { id }, organizer)).data.venue).toBeNull();
    const listed = await api.gql(SEARCH, { filter: { text: 'Secret Draft' } }, organizer);
    expect(listed.data.venues.totalCount).toBe(0);
    expect((await api.gql(VENUE, { id }, qianmen)).data.venue.status).toBe('DRAFT');
    expect((await api.gql(VENUE, { id }, admin)).data.venue.status).toBe('DRAFT');
    expect((await api.gql(VENUE, { id }, jingshan)).data.venue).toBeNull();
  });

  it('finds venues by text in either language', async () => {
    const zh = await api.gql(SEARCH, { filter: { text: '前门' } }, organizer);
    const en = await api.gql(SEARCH, { filter: { text: 'qianmen' } }, organizer);
    expect(zh.data.venues.totalCount).toBeGreaterThan(0);
    expect(en.data.venues.totalCount).toBeGreaterThan(0);
    expect(zh.data.venues.edges.every((e: any) => e.node.status === 'ACTIVE')).toBe(true);
  });

  it('pages with cursors and a stable totalCount', async () => {
    const first = await api.gql(SEARCH, { first: 3 }, admin);
    const { totalCount, pageInfo, edges } = first.data.venues;
    expect(edges).toHaveLength(3);
    expect(pageInfo.hasNextPage).toBe(true);
    const second = await api.gql(SEARCH, { first: 3, after: pageInfo.endCursor }, admin);
    expect(second.data.venues.totalCount).toBe(totalCount);
    const ids = [...edges, ...second.data.venues.edges].map((e: any) => e.node.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(errorCode(await api.gql(SEARCH, { first: 3, after: 'not-a-cursor' }, admin))).toBe(
      'BAD_USER_INPUT',
    );
    expect(errorCode(await api.gql(SEARCH, { first: 0 }, admin))).toBe('BAD_USER_INPUT');
    const tooMany = await api.gql(SEARCH, { first: 101 }, admin);
    expect(errorCode(tooMany)).toBe('BAD_USER_INPUT');
    expect(tooMany.errors![0].extensions.field).toBe('first');
  });

  it('suspends and reinstates through the district only', async () => {
    const { data } = await api.gql(
      SEARCH,
      { filter: { subdistrictId: QIANMEN, status: 'ACTIVE' }, first: 1 },
      admin,
    );
    const id = data.venues.edges[0].node.id;
    const SUSPEND =
      'mutation($id: ID!, $reason: String!) { suspendVenue(id: $id, reason: $reason) { status statusReason } }';
    expect(errorCode(await api.gql(SUSPEND, { id, reason: 'x' }, qianmen))).toBe('FORBIDDEN');
    const suspended = await api.gql(SUSPEND, { id, reason: '消防检查 Fire inspection' }, admin);
    expect(suspended.data.suspendVenue).toEqual({
      status: 'SUSPENDED',
      statusReason: '消防检查 Fire inspection',
    });
    expect((await api.gql(VENUE, { id }, organizer)).data.venue).toBeNull();
    const reinstated = await api.gql(
      'mutation($id: ID!) { reinstateVenue(id: $id) { status } }',
      { id },
      admin,
    );
    expect(reinstated.data.reinstateVenue.status).toBe('ACTIVE');
  });

  it('records blackouts with a reason, owned by the subdistrict', async () => {
    const { data } = await api.gql(
      SEARCH,
      { filter: { subdistrictId: QIANMEN, status: 'ACTIVE' }, first: 1 },
      admin,
    );
    const venueId = data.venues.edges[0].node.id;
    const ADD =
      'mutation($venueId: ID!, $startsAt: DateTime!, $endsAt: DateTime!, $reason: String!) { addBlackout(venueId: $venueId, startsAt: $startsAt, endsAt: $endsAt, reason: $reason) { id startsAt endsAt reason } }';
    const vars = {
      venueId,
      startsAt: '2030-02-01T09:00:00+08:00',
      endsAt: '2030-02-03T18:00:00+08:00',
      reason: '春节 Spring Festival',
    };
    const added = await api.gql(ADD, vars, qianmen);
    expect(added.data.addBlackout).toMatchObject({
      startsAt: '2030-02-01T01:00:00.000Z',
      endsAt: '2030-02-03T10:00:00.000Z',
    });
    expect(errorCode(await api.gql(ADD, vars, jingshan))).toBe('FORBIDDEN');
    const inverted = await api.gql(
      ADD,
      { ...vars, startsAt: vars.endsAt, endsAt: vars.startsAt },
      qianmen,
    );
    expect(errorCode(inverted)).toBe('BAD_USER_INPUT');
    expect(inverted.errors![0].extensions.field).toBe('endsAt');
    const noZone = await api.gql(ADD, { ...vars, startsAt: '2030-02-01 09:00' }, qianmen);
    expect(errorCode(noZone)).toBe('BAD_USER_INPUT');
    const listed = await api.gql(
      'query($id: ID!) { venue(id: $id) { blackouts { reason } } }',
      { id: venueId },
      organizer,
    );
    expect(listed.data.venue.blackouts).toEqual([{ reason: '春节 Spring Festival' }]);
  });

  describe('bad input gets a typed error naming the field, and writes nothing', () => {
    const overlapping = [
      { weekday: 1, opens: '08:00', closes: '12:00' },
      { weekday: 1, opens: '11:00', closes: '15:00' },
    ];
    const overnightIntoNextDay = [
      { weekday: 2, opens: '20:00', closes: '09:00' },
      { weekday: 3, opens: '08:00', closes: '12:00' },
    ];
    const cases: [string, Record<string, unknown>, string, string | undefined][] = [
      ['negative capacity', { seatedCapacity: -5 }, 'BAD_USER_INPUT', 'seatedCapacity'],
      ['absurd capacity', { seatedCapacity: 50_000_000 }, 'BAD_USER_INPUT', 'seatedCapacity'],
      ['zero capacity', { seatedCapacity: 0 }, 'BAD_USER_INPUT', 'seatedCapacity'],
      ['fractional capacity', { seatedCapacity: 12.5 }, 'BAD_USER_INPUT', 'seatedCapacity'],
      [
        'unknown facility',
        { facilities: [{ type: 'TELEPORTER' }] },
        'BAD_USER_INPUT',
        'facilities[0].type',
      ],
      [
        'facility listed twice',
        { facilities: [{ type: 'WIFI' }, { type: 'WIFI' }] },
        'BAD_USER_INPUT',
        'facilities[1].type',
      ],
      [
        'negative facility count',
        { facilities: [{ type: 'WIFI', count: -1 }] },
        'BAD_USER_INPUT',
        'facilities[0].count',
      ],
      ['unknown kind', { kind: 'SPACESHIP' }, 'BAD_USER_INPUT', 'kind'],
      ['invalid time zone', { timeZone: 'Mars/Olympus_Mons' }, 'BAD_USER_INPUT', 'timeZone'],
      ['security level 4', { securityLevel: 4 }, 'BAD_USER_INPUT', 'securityLevel'],
      [
        'zero-length opening hours',
        { openingHours: [{ weekday: 1, opens: '09:00', closes: '09:00' }] },
        'BAD_USER_INPUT',
        'openingHours[0].closes',
      ],
      [
        'overlapping opening hours',
        { openingHours: overlapping },
        'BAD_USER_INPUT',
        'openingHours[1]',
      ],
      [
        'overnight period overlapping the next day',
        { openingHours: overnightIntoNextDay },
        'BAD_USER_INPUT',
        'openingHours[1]',
      ],
      [
        'malformed opening time',
        { openingHours: [{ weekday: 1, opens: '25:00', closes: '26:00' }] },
        'BAD_USER_INPUT',
        'openingHours[0].opens',
      ],
      [
        'weekday 8',
        { openingHours: [{ weekday: 8, opens: '09:00', closes: '10:00' }] },
        'BAD_USER_INPUT',
        'openingHours[0].weekday',
      ],
      ['name over 200 characters', { nameEn: 'N'.repeat(201) }, 'BAD_USER_INPUT', 'nameEn'],
      ['empty name', { nameZh: '' }, 'BAD_USER_INPUT', 'nameZh'],
      ['blank name', { nameZh: '   ' }, 'BAD_USER_INPUT', 'nameZh'],
      [
        'min duration above max',
        { minDurationMinutes: 600, maxDurationMinutes: 60 },
        'BAD_USER_INPUT',
        'maxDurationMinutes',
      ],
      ['negative setup buffer', { setupMinutes: -10 }, 'BAD_USER_INPUT', 'setupMinutes'],
      ['unknown subdistrict', { subdistrictId: '999' }, 'BAD_USER_INPUT', 'subdistrictId'],
      ['malformed subdistrict id', { subdistrictId: 'abc' }, 'BAD_USER_INPUT', 'subdistrictId'],
      ['bad contact e-mail', { contactEmail: 'not-an-email' }, 'BAD_USER_INPUT', 'contactEmail'],
      ['another subdistrict', { subdistrictId: JINGSHAN }, 'FORBIDDEN', undefined],
    ];

    it.each(cases)('%s', async (_name, overrides, code, field) => {
      const before = await snapshot(api.dataSource, VENUE_TABLES);
      const result = await register(qianmen, venueInput(QIANMEN, overrides));
      expect(result.data?.registerVenue ?? null).toBeNull();
      expect(errorCode(result)).toBe(code);
      if (field) expect(result.errors![0].extensions.field).toBe(field);
      expect(await snapshot(api.dataSource, VENUE_TABLES)).toBe(before);
    });

    it('unknown ids: NOT_FOUND for a well-formed one, BAD_USER_INPUT for garbage', async () => {
      const before = await snapshot(api.dataSource, VENUE_TABLES);
      expect(
        errorCode(await api.gql(UPDATE, { id: '987654', input: { nameEn: 'x' } }, qianmen)),
      ).toBe('NOT_FOUND');
      const garbage = await api.gql(
        UPDATE,
        { id: "1' OR '1'='1", input: { nameEn: 'x' } },
        qianmen,
      );
      expect(errorCode(garbage)).toBe('BAD_USER_INPUT');
      expect(garbage.errors![0].extensions.field).toBe('id');
      expect(errorCode(await api.gql(SUBMIT, { id: '987654' }, qianmen))).toBe('NOT_FOUND');
      expect(await snapshot(api.dataSource, VENUE_TABLES)).toBe(before);
    });

    it('an edit that breaks a rule leaves the venue as it was', async () => {
      const { data } = await register(qianmen, venueInput(QIANMEN, { nameEn: 'Edit Target' }));
      const before = await snapshot(api.dataSource, VENUE_TABLES);
      const result = await api.gql(
        UPDATE,
        { id: data.registerVenue.id, input: { nameEn: 'Renamed', openingHours: overlapping } },
        qianmen,
      );
      expect(errorCode(result)).toBe('BAD_USER_INPUT');
      expect(await snapshot(api.dataSource, VENUE_TABLES)).toBe(before);
      // Null is a field left out: the name stays.
      const nulled = await api.gql(
        UPDATE,
        { id: data.registerVenue.id, input: { nameEn: null } },
        qianmen,
      );
      expect(nulled.data?.updateVenue.nameEn).toBe('Edit Target');
    });
  });
});
