import { activeVenue, QIANMEN } from './support/booking-fixtures';
import { errorCode, GraphQLResponse, snapshot, TestApi } from './support/test-api';
import { VENUE_FIELDS, VENUE_TABLES, venueInput } from './support/venue-fixtures';

const STAFF_FIELDS =
  'id nameZh nameEn unit clearanceLevel maxHoursPerDay timeZone skills weeklyAvailability { weekday from until }';

/**
 * The refusal of a text one character past its limit: BAD_USER_INPUT naming the field and the
 * limit, in the reader's language (Chinese for most demo accounts and signed out).
 */
function expectTooLong(
  result: GraphQLResponse,
  field: string,
  limit: number,
  language: 'zh' | 'en' = 'zh',
): void {
  const name = field.replace(/.*\./, '');
  expect(result.errors?.[0]).toMatchObject({
    message:
      language === 'zh'
        ? `${name} 最多 ${limit} 个字符`
        : `${name} may be at most ${limit} characters`,
    extensions: { code: 'BAD_USER_INPUT', field },
  });
}

describe('inputs: null is left out, and every text has a limit checked before the database', () => {
  let api: TestApi;
  let admin: string;
  let qianmen: string;
  let interpreter: string;

  beforeAll(async () => {
    api = await TestApi.start({ demo: true });
    [admin, qianmen, interpreter] = await Promise.all(
      ['admin', 'qianmen', 'interpreter'].map((n) => api.login(`${n}@demo.local`)),
    );
  });

  afterAll(() => api.close());

  it('takes null in an edit as a field left out: the venue and the staff member stay as they were', async () => {
    const id = await activeVenue(api, { qianmen, admin });
    const VENUE = `query($id: ID!) { venue(id: $id) { ${VENUE_FIELDS} } }`;
    const before = (await api.gql(VENUE, { id }, admin)).data.venue;
    const edited = await api.gql(
      `mutation($id: ID!, $input: UpdateVenueInput!) { updateVenue(id: $id, input: $input) { id } }`,
      {
        id,
        input: {
          nameZh: null,
          timeZone: null,
          seatedCapacity: null,
          requiresApproval: null,
          facilities: null,
          openingHours: null,
          contactName: null,
          contactEmail: null,
        },
      },
      admin,
    );
    expect(edited.errors).toBeUndefined();
    const after = (await api.gql(VENUE, { id }, admin)).data.venue;
    expect({ ...after, version: 0, updatedAt: 0 }).toEqual({
      ...before,
      version: 0,
      updatedAt: 0,
    });

    const officer = (
      await api.gql(
        `{ staff(filter: { kind: SECURITY_OFFICER, text: "Wang Qiang" }) { edges { node { ${STAFF_FIELDS} } } } }`,
        {},
        admin,
      )
    ).data.staff.edges[0].node;
    const UPDATE = `mutation($id: ID!, $input: UpdateStaffMemberInput!) { updateStaffMember(id: $id, input: $input) { ${STAFF_FIELDS} } }`;
    const unchanged = await api.gql(
      UPDATE,
      {
        id: officer.id,
        input: {
          nameZh: null,
          unit: null,
          timeZone: null,
          maxHoursPerDay: null,
          clearanceLevel: null,
          skills: null,
          weeklyAvailability: null,
        },
      },
      admin,
    );
    expect(unchanged.errors).toBeUndefined();
    expect(unchanged.data.updateStaffMember).toEqual(officer);
  });

  it('removes the optional facts an edit names in clear, and refuses one both given and cleared', async () => {
    const id = await activeVenue(api, { qianmen, admin });
    const UPDATE = `mutation($id: ID!, $input: UpdateVenueInput!) {
      updateVenue(id: $id, input: $input) {
        nameEn standingCapacity contact { name phone email } pendingChange { standingCapacity } } }`;
    const both = await api.gql(
      UPDATE,
      { id, input: { contactName: '李华', clear: ['CONTACT_NAME'] } },
      admin,
    );
    expect(both.errors?.[0]).toMatchObject({
      message: 'contactName 不能同时给出又清除',
      extensions: { code: 'BAD_USER_INPUT', field: 'clear' },
    });
    const cleared = await api.gql(
      UPDATE,
      {
        id,
        input: {
          nameEn: 'Cleared Hall',
          clear: ['STANDING_CAPACITY', 'CONTACT_NAME', 'CONTACT_EMAIL'],
        },
      },
      qianmen,
    );
    expect(cleared.errors).toBeUndefined();
    // Capacity of an ACTIVE venue changes on review: the removal waits as its pending change.
    expect(cleared.data.updateVenue).toEqual({
      nameEn: 'Cleared Hall',
      standingCapacity: venueInput(QIANMEN).standingCapacity,
      contact: { name: null, phone: venueInput(QIANMEN).contactPhone, email: null },
      pendingChange: { standingCapacity: null },
    });
  });

  it('takes null in a filter or an optional argument as left out', async () => {
    const VENUES =
      'query($filter: VenueFilter) { venues(filter: $filter, first: 50) { totalCount } }';
    const all = (await api.gql(VENUES, {}, admin)).data.venues.totalCount;
    expect(all).toBeGreaterThan(0);
    const withNulls = await api.gql(
      VENUES,
      {
        filter: {
          subdistrictId: null,
          kind: null,
          status: null,
          minCapacity: null,
          facilities: null,
          minSecurityLevel: null,
          text: null,
        },
      },
      admin,
    );
    expect(withNulls.data?.venues.totalCount).toBe(all);

    // Sent back without a reason: null is no reason, refused as leaving it out is.
    const draft = (
      await api.gql(
        'mutation($input: RegisterVenueInput!) { registerVenue(input: $input) { id } }',
        { input: venueInput(QIANMEN) },
        qianmen,
      )
    ).data.registerVenue.id;
    await api.gql(
      'mutation($id: ID!) { submitVenueForReview(id: $id) { id } }',
      { id: draft },
      qianmen,
    );
    for (const reason of [null, undefined]) {
      const refused = await api.gql(
        'mutation($id: ID!, $reason: String) { reviewVenue(id: $id, approve: false, reason: $reason) { id } }',
        { id: draft, reason },
        admin,
      );
      expect(refused.errors?.[0].extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        field: 'reason',
      });
    }
  });

  it('refuses a text one past its limit, naming the field and the limit, in inputs, filters and arguments, and writes nothing', async () => {
    const x = (length: number) => 'x'.repeat(length);
    const before = await snapshot(api.dataSource, VENUE_TABLES);
    expectTooLong(
      await api.gql(
        'mutation($input: RegisterVenueInput!) { registerVenue(input: $input) { id } }',
        { input: venueInput(QIANMEN, { nameEn: x(201) }) },
        qianmen,
      ),
      'nameEn',
      200,
    );
    expect(await snapshot(api.dataSource, VENUE_TABLES)).toBe(before);

    // Filters, validated like any input.
    const STAFF = 'query($filter: StaffFilter) { staff(filter: $filter) { totalCount } }';
    expectTooLong(await api.gql(STAFF, { filter: { text: x(101) } }, admin), 'text', 100);
    expectTooLong(await api.gql(STAFF, { filter: { language: x(36) } }, admin), 'language', 35);
    const VENUES = 'query($filter: VenueFilter) { venues(filter: $filter) { totalCount } }';
    expectTooLong(await api.gql(VENUES, { filter: { text: x(201) } }, admin), 'text', 200);
    expect(
      errorCode(
        await api.gql(
          'query($filter: BookingFilter) { bookings(filter: $filter) { totalCount } }',
          { filter: { venueId: 'not an id' } },
          admin,
        ),
      ),
    ).toBe('BAD_USER_INPUT');

    // Text arguments, before the sign-in is looked up.
    expectTooLong(
      await api.gql(
        'mutation($email: String!) { login(email: $email, password: "demo1234") { accessToken } }',
        { email: `${x(243)}@example.org` },
      ),
      'email',
      254,
    );
    expectTooLong(
      await api.gql(
        'mutation($id: ID!, $reason: String) { respondToAssignment(id: $id, accept: false, reason: $reason) { id } }',
        { id: '1', reason: '病'.repeat(1001) },
        interpreter,
      ),
      'reason',
      1000,
      'en', // the demo interpreter reads English
    );
    expectTooLong(
      await api.gql(
        'mutation($input: UpdateMeInput!) { updateMe(input: $input) { id } }',
        { input: { timeZone: x(65) } },
        admin,
      ),
      'timeZone',
      64,
    );
  });

  it('states each text’s limit in the schema', async () => {
    const { data } = await api.gql(
      `{ __type(name: "Mutation") { fields { name args { name description } } } }`,
      {},
      admin,
    );
    const args = (name: string) =>
      data.__type.fields.find((f: { name: string }) => f.name === name).args;
    expect(args('login')).toContainEqual({ name: 'email', description: 'At most 254 characters' });
    expect(args('cancelBooking')).toContainEqual({
      name: 'reason',
      description: 'At most 1000 characters',
    });
  });
});
