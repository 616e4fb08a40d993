import { DateTime } from 'luxon';
import { eventually } from '../support/eventually';
import {
  APPROVE,
  ASSIGN,
  CREATE_FEED,
  key,
  ME,
  MY_ASSIGNMENTS,
  on,
  REQUEST,
  REQUIREMENTS,
  RESCHEDULE,
  RESPOND,
  STAFF,
  VENUE_BY_NAME,
  WITHDRAW,
} from './support/operations';
import { Person, Story } from './support/story';

const MEETING_ROOM = 'Jingshan East Street International Meeting Room';
const RECEPTION_ROOM = 'Xianyukou Reception Room';
const BRIEFING = 'UK trade delegation briefing';
const WALKABOUT = 'Hutong walkabout with British buyers';

/**
 * Li Na, a senior English interpreter: two offers, one taken and one turned down, where she is
 * going, the event moved to another day, her calendar, and the day she falls ill.
 */
describe('story: an interpreter’s day', () => {
  let story: Story;

  beforeAll(async () => {
    story = await Story.start();
  });
  afterAll(() => story?.close());

  it('accepts one offer, declines another, confirms it again when moved, follows it in her calendar and gives it back when ill', async () => {
    const [organizer, jingshan, admin, security] = await Promise.all([
      story.signIn('organizer@demo.local'),
      story.signIn('jingshan@demo.local'),
      story.signIn('admin@demo.local'),
      story.signIn('security@demo.local'),
    ]);
    const venue = async (name: string) =>
      (await organizer.call(VENUE_BY_NAME, { text: name })).venues.edges[0].node;
    const [meetingRoom, receptionRoom] = [await venue(MEETING_ROOM), await venue(RECEPTION_ROOM)];
    const liNa = (await admin.call(STAFF, { filter: { kind: 'INTERPRETER', text: 'Li Na' } })).staff
      .edges[0].node;
    /** An approved event needing one zh→en consecutive interpreter, offered to Li Na. */
    const offerToLiNa = async (approver: Person | null, input: Record<string, unknown>) => {
      const booked = (
        await organizer.call(REQUEST, {
          input: { interpretation: [{ from: 'zh', to: 'en', mode: 'CONSECUTIVE' }], ...input },
          key: key(),
        })
      ).requestBooking;
      expect(booked.status).toBe(approver ? 'PENDING_APPROVAL' : 'APPROVED');
      if (approver) await approver.call(APPROVE, { id: booked.id });
      const [requirement] = (await admin.call(REQUIREMENTS, { id: booked.id }))
        .staffingRequirements;
      const assigned = (
        await admin.call(ASSIGN, { requirementId: requirement.id, staffId: liNa.id })
      ).assignStaff;
      return { booking: booked, requirementId: requirement.id, assignmentId: assigned.id };
    };

    // Two events that week need an English interpreter: a briefing Jingshan approved, and a
    // walkabout in a room that needs no approval. The district offers both to Li Na.
    const briefing = await offerToLiNa(jingshan, {
      venueId: meetingRoom.id,
      title: BRIEFING,
      startsAt: on(3, 3, '10:00'),
      endsAt: on(3, 3, '12:00'),
      attendees: 30,
      foreignGuests: 8,
      delegationCountries: ['GB'],
    });
    const walkabout = await offerToLiNa(null, {
      venueId: receptionRoom.id,
      title: WALKABOUT,
      startsAt: on(3, 4, '14:00'),
      endsAt: on(3, 4, '15:30'),
      attendees: 10,
      foreignGuests: 4,
    });

    // She signs in as the interpreter.
    const interpreter = await story.signIn('interpreter@demo.local');
    expect((await interpreter.call(ME)).me).toMatchObject({ role: 'INTERPRETER', locale: 'EN' });

    // Each offer has reached her, asking her to confirm: the role, the time, the place.
    const offer = await interpreter.receives('ASSIGNMENT_PROPOSED', briefing.booking.id);
    const time = `${DateTime.fromISO(on(3, 3, '10:00'))
      .setZone('Asia/Shanghai')
      .toFormat('yyyy-MM-dd')} 10:00–12:00 (Asia/Shanghai)`;
    expect(offer).toMatchObject({
      subject: `New assignment, please confirm: ${BRIEFING}`,
      critical: false,
    });
    expect(offer.bodyEn.split('\n')).toEqual([
      'Role: Interpreter zh→en CONSECUTIVE',
      `Time: ${time}`,
      `Venue: ${MEETING_ROOM} (${meetingRoom.addressEn})`,
    ]);
    expect(offer.bodyZh).toContain('岗位：口译 zh→en CONSECUTIVE');
    await interpreter.receives('ASSIGNMENT_PROPOSED', walkabout.booking.id);

    // Her list shows what each is, when, and where to go.
    const mine = (await interpreter.call(MY_ASSIGNMENTS)).myAssignments;
    expect(mine.map((a: any) => [a.status, a.event.title, a.event.venue.nameEn])).toEqual([
      ['PROPOSED', BRIEFING, MEETING_ROOM],
      ['PROPOSED', WALKABOUT, RECEPTION_ROOM],
    ]);
    expect(mine[0].event).toEqual({
      title: BRIEFING,
      startsAt: new Date(on(3, 3, '10:00')).toISOString(),
      endsAt: new Date(on(3, 3, '12:00')).toISOString(),
      venue: {
        nameEn: MEETING_ROOM,
        nameZh: meetingRoom.nameZh,
        addressEn: meetingRoom.addressEn,
        addressZh: meetingRoom.addressZh,
      },
    });

    // She accepts the briefing.
    expect(
      (await interpreter.call(RESPOND, { id: briefing.assignmentId, accept: true }))
        .respondToAssignment,
    ).toEqual({ id: briefing.assignmentId, status: 'ACCEPTED', reason: null });

    // She has an exam that Thursday afternoon: she declines the walkabout, saying so. The place
    // goes to a colleague at once.
    const exam = 'Accreditation exam that afternoon';
    expect(
      (
        await interpreter.call(RESPOND, {
          id: walkabout.assignmentId,
          accept: false,
          reason: exam,
        })
      ).respondToAssignment,
    ).toEqual({ id: walkabout.assignmentId, status: 'DECLINED', reason: exam });
    const replanned = await eventually(
      async () =>
        (await admin.call(REQUIREMENTS, { id: walkabout.booking.id })).staffingRequirements[0]
          .assignments,
      (assignments) => assignments.length > 1,
    );
    expect(replanned.map((a: any) => a.status).sort()).toEqual(['DECLINED', 'PROPOSED']);
    expect(replanned.find((a: any) => a.status === 'PROPOSED').staff.nameEn).not.toBe('Li Na');

    // The delegation's programme changes: the organizer asks to move the briefing to the Friday.
    // While Jingshan decides, her place at the approved briefing stands as it was.
    const friday = { startsAt: on(3, 5, '10:00'), endsAt: on(3, 5, '12:00') };
    const fridayTime = `${DateTime.fromISO(friday.startsAt)
      .setZone('Asia/Shanghai')
      .toFormat('yyyy-MM-dd')} 10:00–12:00 (Asia/Shanghai)`;
    expect(
      (await organizer.call(RESCHEDULE, { id: briefing.booking.id, ...friday })).rescheduleBooking,
    ).toMatchObject({ status: 'APPROVED', pendingChange: { startsAt: expect.any(String) } });
    const briefingOf = async () =>
      (await interpreter.call(MY_ASSIGNMENTS)).myAssignments.find(
        (a: any) => a.id === briefing.assignmentId,
      );
    expect(await briefingOf()).toMatchObject({
      status: 'ACCEPTED',
      startsAt: new Date(on(3, 3, '10:00')).toISOString(),
    });

    // Jingshan approves the change: she is asked to confirm the new day.
    await jingshan.call(APPROVE, { id: briefing.booking.id });
    const moved = await interpreter.receives('ASSIGNMENT_MOVED', briefing.booking.id);
    expect(moved).toMatchObject({
      subject: `Assignment moved, please confirm: ${BRIEFING}`,
      critical: false,
    });
    expect(moved.bodyEn.split('\n')).toEqual([
      'Role: Interpreter zh→en CONSECUTIVE',
      `Time: ${fridayTime}`,
      `Venue: ${MEETING_ROOM} (${meetingRoom.addressEn})`,
    ]);
    expect(moved.bodyZh).toContain(`时间：${fridayTime}`);
    expect(await briefingOf()).toMatchObject({
      status: 'PROPOSED',
      startsAt: new Date(friday.startsAt).toISOString(),
      endsAt: new Date(friday.endsAt).toISOString(),
      event: { title: BRIEFING, startsAt: new Date(friday.startsAt).toISOString() },
    });
    // Friday suits her: she confirms it again.
    expect(
      (await interpreter.call(RESPOND, { id: briefing.assignmentId, accept: true }))
        .respondToAssignment,
    ).toMatchObject({ id: briefing.assignmentId, status: 'ACCEPTED' });

    // She subscribes her calendar: the briefing is there, confirmed, on the Friday, at the
    // meeting room.
    const feed = (await interpreter.call(CREATE_FEED)).createCalendarFeed;
    expect(feed.kind).toBe('STAFF');
    const [event, ...more] = await story.calendar(feed.url);
    expect(more).toEqual([]);
    expect(event).toMatchObject({
      uid: `assignment-${briefing.assignmentId}@venues.dongcheng`,
      summary: `${BRIEFING} – Interpreter zh→en CONSECUTIVE`,
      status: 'CONFIRMED',
    });
    expect(event.location).toContain(MEETING_ROOM);
    expect((event.start as Date).toISOString()).toBe(new Date(friday.startsAt).toISOString());

    // The day before, she has a fever: she gives the briefing back, with the reason.
    const withdrawn = (
      await interpreter.call(WITHDRAW, { id: briefing.assignmentId, reason: '发烧 Fever' })
    ).withdrawFromAssignment;
    expect(withdrawn).toEqual({
      id: briefing.assignmentId,
      status: 'CANCELLED',
      reason: '发烧 Fever',
    });

    // The district, which plans interpreters, hears of it at once; security does not.
    const givenBack = await admin.receives('ASSIGNMENT_WITHDRAWN', briefing.booking.id);
    expect(givenBack).toMatchObject({
      subjectEn: `Assignment given back, place open: ${BRIEFING}`,
      critical: true,
    });
    expect(givenBack.bodyEn.split('\n')).toEqual([
      'Staff: Li Na',
      'Role: Interpreter zh→en CONSECUTIVE',
      `Time: ${fridayTime}`,
      `Venue: ${MEETING_ROOM} (${meetingRoom.addressEn})`,
      'Reason: 发烧 Fever',
    ]);
    expect(await security.notices('ASSIGNMENT_WITHDRAWN')).toEqual([]);
    // The place is open again for the planner.
    const [reopened] = (await admin.call(REQUIREMENTS, { id: briefing.booking.id }))
      .staffingRequirements;
    expect(reopened.assignments.map((a: any) => a.status)).toEqual(['CANCELLED']);

    // Her calendar no longer has it, and her list, in time order, says why.
    expect(await story.calendar(feed.url)).toEqual([]);
    expect(
      (await interpreter.call(MY_ASSIGNMENTS)).myAssignments.map((a: any) => [
        a.event.title,
        a.status,
        a.reason,
      ]),
    ).toEqual([
      [WALKABOUT, 'DECLINED', exam],
      [BRIEFING, 'CANCELLED', '发烧 Fever'],
    ]);
  });
});
