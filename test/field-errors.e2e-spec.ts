import { Logger } from '@nestjs/common';
import { activeVenue, nextKey, on, REQUEST } from './support/booking-fixtures';
import { TestApi } from './support/test-api';

const STAFF =
  'query { staff(filter: { kind: INTERPRETER, language: "en" }, first: 50) { edges { node { id nameEn } } } }';
const REQUIREMENTS = 'query($id: ID!) { staffingRequirements(bookingId: $id) { id kind } }';
const ASSIGN = 'mutation($r: ID!, $s: ID!) { assignStaff(requirementId: $r, staffId: $s) { id } }';

/**
 * What a field resolver throws is answered as the operations' errors are: a domain error keeps its
 * code on that field's path, anything unexpected is INTERNAL_SERVER_ERROR with a logged id.
 */
describe('errors of nested fields', () => {
  let api: TestApi;
  let admin: string;
  let interpreter: string;
  let bookingId: string;

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
    const venueId = await activeVenue(api, { qianmen, admin }, { securityLevel: 2 });
    const booked = await api.gql(
      REQUEST,
      {
        input: {
          venueId,
          startsAt: on(3, 3, '10:00'),
          endsAt: on(3, 3, '12:00'),
          title: 'Field errors',
          attendees: 20,
          interpretation: [{ from: 'zh', to: 'en', mode: 'CONSECUTIVE' }],
        },
        key: nextKey(),
      },
      organizer,
    );
    bookingId = booked.data.requestBooking.id;
    const requirement = (
      await api.gql(REQUIREMENTS, { id: bookingId }, admin)
    ).data.staffingRequirements.find((r: { kind: string }) => r.kind === 'INTERPRETER').id;
    const liNa = (await api.gql(STAFF, {}, admin)).data.staff.edges
      .map((e: { node: { id: string; nameEn: string } }) => e.node)
      .find((s: { nameEn: string }) => s.nameEn === 'Li Na').id;
    const assigned = await api.gql(ASSIGN, { r: requirement, s: liNa }, admin);
    expect(assigned.errors).toBeUndefined();
  });

  afterAll(() => api.close());
  afterEach(() => jest.restoreAllMocks());

  it('keeps a domain error’s code: a booking the reader may not see is NOT_FOUND on its path', async () => {
    const mine = await api.gql(
      '{ myAssignments { id requirement { id booking { id } } } }',
      {},
      interpreter,
    );
    expect(mine.data.myAssignments).toEqual([
      { id: expect.any(String), requirement: { id: expect.any(String), booking: null } },
    ]);
    expect(mine.errors).toEqual([
      {
        message: `No booking ${bookingId}`,
        path: ['myAssignments', 0, 'requirement', 'booking'],
        locations: expect.any(Array),
        extensions: { code: 'NOT_FOUND' },
      },
    ]);
  });

  it('answers an unexpected error as INTERNAL_SERVER_ERROR with an id, logged, and no detail', async () => {
    // A booking whose venue is gone (only possible with the foreign keys off): Booking.venue throws.
    const runner = api.dataSource.createQueryRunner();
    try {
      await runner.query('SET FOREIGN_KEY_CHECKS = 0');
      await runner.query('UPDATE bookings SET venue_id = 999999 WHERE id = ?', [bookingId]);
    } finally {
      await runner.query('SET FOREIGN_KEY_CHECKS = 1');
      await runner.release();
    }
    const logged = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    const answer = await api.gql(
      'query($id: ID!) { booking(id: $id) { id venue { id } } }',
      { id: bookingId },
      admin,
    );
    expect(answer.data).toEqual({ booking: null });
    const [error] = answer.errors!;
    expect(answer.errors).toHaveLength(1);
    const errorId = error.extensions.errorId as string;
    expect(error).toEqual({
      // In the district admin's language (the demo admin reads Chinese).
      message: `内部错误（编号 ${errorId}）`,
      path: ['booking', 'venue'],
      locations: expect.any(Array),
      extensions: {
        code: 'INTERNAL_SERVER_ERROR',
        errorId: expect.stringMatching(/^[0-9a-f-]{36}$/),
      },
    });
    expect(logged).toHaveBeenCalledWith(
      expect.objectContaining({ errorId, err: expect.any(Error) }),
      `unexpected error ${errorId}`,
    );
  });
});
