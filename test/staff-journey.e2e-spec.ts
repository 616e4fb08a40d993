import { activeVenue, EVERY_DAY, nextKey, on, REQUEST } from './support/booking-fixtures';
import { TestApi } from './support/test-api';

const REQUIREMENTS = 'query($id: ID!) { staffingRequirements(bookingId: $id) { id kind } }';
const ASSIGN =
  'mutation($r: ID!, $s: ID!) { assignStaff(requirementId: $r, staffId: $s) { id status } }';
const STAFF =
  'query { staff(filter: { kind: INTERPRETER, language: "en" }, first: 50) { edges { node { id nameEn } } } }';
const MINE = `query {
  myAssignments {
    id status startsAt endsAt
    event { title startsAt endsAt venue { id nameZh nameEn addressZh addressEn } }
    requirement { id booking { id title } }
  }
}`;

/** What an interpreter sees of the work they are given. */
describe('an interpreter’s assignments', () => {
  let api: TestApi;
  let admin: string;
  let interpreter: string;
  let venueId: string;
  let bookingId: string;
  const startsAt = on(3, 2, '10:00');
  const endsAt = on(3, 2, '12:00');

  beforeAll(async () => {
    api = await TestApi.start({ demo: true });
    const [qianmen, organizer] = await Promise.all([
      api.login('qianmen@demo.local'),
      api.login('organizer@demo.local'),
    ]);
    [admin, interpreter] = await Promise.all([
      api.login('admin@demo.local'),
      api.login('interpreter@demo.local'),
    ]);
    venueId = await activeVenue(
      api,
      { qianmen, admin },
      { openingHours: EVERY_DAY('07:00', '22:00'), securityLevel: 2 },
    );
    const booked = await api.gql(
      REQUEST,
      {
        input: {
          venueId,
          startsAt,
          endsAt,
          title: 'UK trade delegation',
          attendees: 40,
          interpretation: [{ from: 'zh', to: 'en', mode: 'CONSECUTIVE' }],
        },
        key: nextKey(),
      },
      organizer,
    );
    bookingId = booked.data.requestBooking.id;
    const requirement = (
      await api.gql(REQUIREMENTS, { id: bookingId }, admin)
    ).data.staffingRequirements.find((r: any) => r.kind === 'INTERPRETER').id;
    const liNa = (await api.gql(STAFF, {}, admin)).data.staff.edges
      .map((e: any) => e.node)
      .find((s: any) => s.nameEn === 'Li Na').id;
    const assigned = await api.gql(ASSIGN, { r: requirement, s: liNa }, admin);
    expect(assigned.errors).toBeUndefined();
  });
  afterAll(() => api.close());

  it('shows the event, its times and the venue with its address', async () => {
    const mine = await api.gql(MINE, {}, interpreter);
    expect(mine.data.myAssignments).toHaveLength(1);
    expect(mine.data.myAssignments[0].event).toEqual({
      title: 'UK trade delegation',
      startsAt: new Date(startsAt).toISOString(),
      endsAt: new Date(endsAt).toISOString(),
      venue: {
        id: venueId,
        nameZh: expect.any(String),
        nameEn: expect.stringMatching(/^Test Hall /),
        addressZh: expect.any(String),
        addressEn: expect.any(String),
      },
    });
  });

  it('nulls only a field the reader may not see, with its error, never the whole list', async () => {
    const mine = await api.gql(MINE, {}, interpreter);
    expect(mine.data.myAssignments).toHaveLength(1);
    expect(mine.data.myAssignments[0].requirement).toEqual({
      id: expect.any(String),
      booking: null,
    });
    expect(mine.errors).toEqual([
      expect.objectContaining({
        path: ['myAssignments', 0, 'requirement', 'booking'],
        extensions: expect.objectContaining({ code: 'NOT_FOUND' }),
      }),
    ]);
  });
});
