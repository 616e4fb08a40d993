import { INestApplicationContext } from '@nestjs/common';
import { activeVenue, EVERY_DAY, nextKey, on, REQUEST } from './support/booking-fixtures';
import { eventually } from './support/eventually';
import { errorCode, TestApi } from './support/test-api';
import { createWorkerApp } from '../apps/worker/src/bootstrap';

const REQUIREMENTS = 'query($id: ID!) { staffingRequirements(bookingId: $id) { id kind } }';
const ASSIGN =
  'mutation($r: ID!, $s: ID!) { assignStaff(requirementId: $r, staffId: $s) { id status } }';
const STAFF =
  'query { staff(filter: { kind: INTERPRETER, language: "en" }, first: 50) { edges { node { id nameEn } } } }';
const RESPOND = 'mutation($id: ID!) { respondToAssignment(id: $id, accept: true) { id status } }';
const WITHDRAW =
  'mutation($id: ID!, $reason: String!) { withdrawFromAssignment(id: $id, reason: $reason) { id status reason } }';
const INBOX = `{ notifications(first: 50) { edges { node { kind critical subjectEn bodyEn bodyZh } } } }`;
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
  let worker: INestApplicationContext;
  let admin: string;
  let security: string;
  let interpreter: string;
  let assignmentId: string;
  let requirementId: string;
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
    security = await api.login('security@demo.local');
    worker = await createWorkerApp(api.env);
    const requirement = (
      await api.gql(REQUIREMENTS, { id: bookingId }, admin)
    ).data.staffingRequirements.find((r: any) => r.kind === 'INTERPRETER').id;
    const liNa = (await api.gql(STAFF, {}, admin)).data.staff.edges
      .map((e: any) => e.node)
      .find((s: any) => s.nameEn === 'Li Na').id;
    const assigned = await api.gql(ASSIGN, { r: requirement, s: liNa }, admin);
    expect(assigned.errors).toBeUndefined();
    assignmentId = assigned.data.assignStaff.id;
    requirementId = requirement;
  });
  afterAll(async () => {
    await worker?.close();
    await api.close();
  });

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

  it('gives back an accepted assignment with a reason; the place opens and the district hears of it', async () => {
    const proposed = await api.gql(WITHDRAW, { id: assignmentId, reason: 'Ill' }, interpreter);
    expect(errorCode(proposed)).toBe('CONFLICT');
    expect(proposed.errors![0].message).toContain('decline it instead');
    expect((await api.gql(RESPOND, { id: assignmentId }, interpreter)).data).toEqual({
      respondToAssignment: { id: assignmentId, status: 'ACCEPTED' },
    });
    const officer = await api.login('officer@demo.local');
    expect(errorCode(await api.gql(WITHDRAW, { id: assignmentId, reason: 'x' }, officer))).toBe(
      'FORBIDDEN',
    );
    expect(
      errorCode(await api.gql(WITHDRAW, { id: assignmentId, reason: '  ' }, interpreter)),
    ).toBe('BAD_USER_INPUT');

    const withdrawn = await api.gql(
      WITHDRAW,
      { id: assignmentId, reason: '发烧 Fever' },
      interpreter,
    );
    expect(withdrawn.data.withdrawFromAssignment).toEqual({
      id: assignmentId,
      status: 'CANCELLED',
      reason: '发烧 Fever',
    });
    // The place is open again: the requirement stands, with nobody on it.
    const requirements = await api.gql(
      'query($id: ID!) { staffingRequirements(bookingId: $id) { id headcount assignments { status } } }',
      { id: bookingId },
      admin,
    );
    expect(requirements.data.staffingRequirements.find((r: any) => r.id === requirementId)).toEqual(
      { id: requirementId, headcount: 1, assignments: [{ status: 'CANCELLED' }] },
    );
    // The district plans interpreters: it is told at once; security (officers' planners) is not.
    const withdrawals = async (token: string) =>
      (await api.gql(INBOX, {}, token)).data.notifications.edges
        .map((e: any) => e.node)
        .filter((n: any) => n.kind === 'ASSIGNMENT_WITHDRAWN');
    const [notice] = await eventually(
      () => withdrawals(admin),
      (list) => list.length > 0,
    );
    expect(notice).toMatchObject({
      critical: true,
      subjectEn: 'Assignment given back, place open: UK trade delegation',
    });
    expect(notice.bodyEn).toContain('Staff: Li Na');
    expect(notice.bodyEn).toContain('Reason: 发烧 Fever');
    expect(notice.bodyZh).toContain('人员：李娜');
    expect(await withdrawals(security)).toEqual([]);
    // Given back once: a second time is refused.
    expect(errorCode(await api.gql(WITHDRAW, { id: assignmentId, reason: 'x' }, interpreter))).toBe(
      'CONFLICT',
    );
  });
});
