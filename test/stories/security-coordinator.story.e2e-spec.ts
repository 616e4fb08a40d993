import { DateTime } from 'luxon';
import {
  ACKNOWLEDGE,
  ASSIGN,
  AUTO_STAFF,
  CANCEL,
  key,
  ME,
  on,
  REQUEST,
  REQUIREMENTS,
  STAFF,
  UNREAD,
  VENUE_BY_NAME,
} from './support/operations';
import { Story } from './support/story';

const ROOM = 'Xianyukou Reception Room';
const MEETING = 'Meeting with the Lyon delegation';

/**
 * The public security sub-bureau's coordinator: a foreign-related event is approved, they confirm
 * they know, put officers on it, and hear when it is called off.
 */
describe('story: a security coordinator’s day', () => {
  let story: Story;

  beforeAll(async () => {
    story = await Story.start();
  });
  afterAll(() => story?.close());

  it('acknowledges a foreign-related event, staffs it with officers and hears of its cancellation', async () => {
    const startsAt = on(3, 2, '14:00');
    const endsAt = on(3, 2, '16:00');
    const [organizer, officer] = await Promise.all([
      story.signIn('organizer@demo.local'),
      story.signIn('officer@demo.local'),
    ]);

    // The coordinator signs in; they read Chinese first.
    const coordinator = await story.signIn('security@demo.local');
    expect((await coordinator.call(ME)).me).toMatchObject({
      role: 'SECURITY_COORDINATOR',
      locale: 'ZH_CN',
    });

    // An organizer books a meeting with a French delegation in a room that needs no approval:
    // it is approved at once.
    const room = (await organizer.call(VENUE_BY_NAME, { text: ROOM })).venues.edges[0].node;
    const meeting = (
      await organizer.call(REQUEST, {
        input: {
          venueId: room.id,
          title: MEETING,
          startsAt,
          endsAt,
          attendees: 16,
          foreignGuests: 6,
          delegationCountries: ['FR'],
        },
        key: key(),
      })
    ).requestBooking;
    expect(meeting.status).toBe('APPROVED');

    // The security notice arrives: critical, to be acknowledged, with what security needs.
    const notice = await coordinator.receives('SECURITY_APPROVED', meeting.id);
    expect(notice).toMatchObject({
      subject: `涉外活动安保通知：${MEETING}`,
      subjectEn: `Security notice: ${MEETING}`,
      critical: true,
      needsAcknowledgement: true,
      acknowledgedAt: null,
    });
    const beijing = `${DateTime.fromISO(startsAt).setZone('Asia/Shanghai').toFormat('yyyy-MM-dd')} 14:00–16:00 (Asia/Shanghai)`;
    expect(notice.bodyZh).toContain(`时间：${beijing}`);
    expect(notice.bodyEn.split('\n')).toEqual([
      `Time: ${beijing}`,
      `Venue: ${ROOM} (${room.addressEn})`,
      'Attendees: 16, of them foreign guests: 6',
      'Delegation countries: FR',
      'Protocol level: STANDARD',
      'Security officers: 0 assigned of 2 needed',
    ]);

    // They acknowledge it: read and confirmed, nothing left unread.
    const acknowledged = (await coordinator.call(ACKNOWLEDGE, { id: notice.id }))
      .acknowledgeNotification;
    expect(acknowledged.acknowledgedAt).toEqual(expect.any(String));
    expect(acknowledged.readAt).toEqual(expect.any(String));
    expect((await coordinator.call(UNREAD)).notifications.totalCount).toBe(0);

    // The meeting needs two officers of clearance 1 at least.
    const [requirement, ...others] = (await coordinator.call(REQUIREMENTS, { id: meeting.id }))
      .staffingRequirements;
    expect(others).toEqual([]);
    expect(requirement).toMatchObject({
      kind: 'SECURITY_OFFICER',
      headcount: 2,
      minClearance: 1,
      skill: null,
      assignments: [],
    });

    // They put Wang Qiang on it by hand; he is asked to confirm.
    const wangQiang = (
      await coordinator.call(STAFF, {
        filter: { kind: 'SECURITY_OFFICER', minClearance: 1, text: 'Wang Qiang' },
      })
    ).staff.edges[0].node;
    const assigned = (
      await coordinator.call(ASSIGN, { requirementId: requirement.id, staffId: wangQiang.id })
    ).assignStaff;
    expect(assigned).toMatchObject({ status: 'PROPOSED', staff: { nameEn: 'Wang Qiang' } });
    const offer = await officer.receives('ASSIGNMENT_PROPOSED', meeting.id);
    expect(offer.subjectEn).toBe(`New assignment, please confirm: ${MEETING}`);
    expect(offer.bodyEn).toContain('Role: Security officer');

    // And let the planner find the second officer, keeping Wang Qiang.
    const plan = (await coordinator.call(AUTO_STAFF, { id: meeting.id })).autoStaffBooking;
    expect(plan.statistics).toEqual({ places: 2, covered: 2 });
    expect(plan.kept.map((a: any) => a.id)).toEqual([assigned.id]);
    expect(plan.assigned).toHaveLength(1);
    expect(plan.unfilled).toEqual([]);
    const second = plan.assigned[0];

    // The delegation's flight is cancelled and the organizer calls the meeting off.
    const cancelled = (
      await organizer.call(CANCEL, {
        id: meeting.id,
        reason: 'The delegation’s flight is cancelled',
      })
    ).cancelBooking;
    expect(cancelled.status).toBe('CANCELLED');

    // Security is told, again to acknowledge...
    const calledOff = await coordinator.receives('SECURITY_CANCELLED', meeting.id);
    expect(calledOff).toMatchObject({
      subject: `涉外活动取消安保通知：${MEETING}`,
      subjectEn: `Security notice: event cancelled: ${MEETING}`,
      critical: true,
      needsAcknowledgement: true,
    });
    expect(calledOff.bodyEn).toContain(`Time: ${beijing}`);
    // ...and the officers are stood down, with the reason.
    const stoodDown = await officer.receives('ASSIGNMENT_CANCELLED', meeting.id);
    expect(stoodDown).toMatchObject({ critical: true });
    expect(stoodDown.bodyEn).toContain('Reason: The booking no longer needs this');
    const requirementsAfter = (await coordinator.call(REQUIREMENTS, { id: meeting.id }))
      .staffingRequirements;
    expect(requirementsAfter).toEqual([]);
    expect(second.staff.nameEn).not.toBe('Wang Qiang');

    // They acknowledge the cancellation too.
    expect(
      (await coordinator.call(ACKNOWLEDGE, { id: calledOff.id })).acknowledgeNotification
        .acknowledgedAt,
    ).toEqual(expect.any(String));
    expect((await coordinator.call(UNREAD)).notifications.totalCount).toBe(0);
  });
});
