import { DateTime } from 'luxon';
import {
  ACKNOWLEDGE,
  ASSIGN,
  AUTO_STAFF,
  CANCEL,
  CREATE_FEED,
  key,
  MARK_READ,
  ME,
  on,
  REQUEST,
  REQUIREMENTS,
  RESCHEDULE,
  STAFF,
  SUSPEND_VENUE,
  UNREAD,
  VENUE_BY_NAME,
} from './support/operations';
import { Story } from './support/story';

const ROOM = 'Xianyukou Reception Room';
const MEETING = 'Meeting with the Lyon delegation';

/**
 * The public security sub-bureau's coordinator: a foreign-related event is approved, they confirm
 * they know, put officers on it, hear it moved, follow it in their calendar, hear its room is
 * closed and that it is called off.
 */
describe('story: a security coordinator’s day', () => {
  let story: Story;

  beforeAll(async () => {
    story = await Story.start();
  });
  afterAll(() => story?.close());

  it('acknowledges a foreign-related event, staffs it, hears it moved, follows it in a calendar, hears its room closed and its cancellation', async () => {
    const startsAt = on(3, 2, '14:00');
    const endsAt = on(3, 2, '16:00');
    const [organizer, officer, admin] = await Promise.all([
      story.signIn('organizer@demo.local'),
      story.signIn('officer@demo.local'),
      story.signIn('admin@demo.local'),
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
    const dayOf = (at: string) =>
      DateTime.fromISO(at).setZone('Asia/Shanghai').toFormat('yyyy-MM-dd');
    const beijing = `${dayOf(startsAt)} 14:00–16:00 (Asia/Shanghai)`;
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

    // The delegation arrives a day later: the organizer moves the meeting to the Wednesday. The
    // room needs no approval, so it moves at once, and security is told once, again to
    // acknowledge, with the time that no longer holds.
    const wednesday = { startsAt: on(3, 3, '14:00'), endsAt: on(3, 3, '16:00') };
    const moved = (await organizer.call(RESCHEDULE, { id: meeting.id, ...wednesday }))
      .rescheduleBooking;
    expect(moved).toMatchObject({
      status: 'APPROVED',
      startsAt: new Date(wednesday.startsAt).toISOString(),
      pendingChange: null,
    });
    const newTime = `${dayOf(wednesday.startsAt)} 14:00–16:00 (Asia/Shanghai)`;
    const changed = await coordinator.receives('SECURITY_CHANGED', meeting.id);
    expect(changed).toMatchObject({
      subject: `涉外活动变更安保通知：${MEETING}`,
      subjectEn: `Security notice: event changed: ${MEETING}`,
      critical: true,
      needsAcknowledgement: true,
    });
    expect(changed.bodyEn).toContain(`Time: ${newTime}`);
    expect(changed.bodyEn).toContain(
      `No longer valid: ${beijing} at ${ROOM}. This notice replaces the earlier one, which needs no acknowledgement any more.`,
    );
    expect(changed.bodyZh).toContain(`时间：${newTime}`);
    expect(changed.bodyZh).toContain(`原安排作废：${beijing}，${room.nameZh}`);
    // The notice it replaces asks for nothing more, and cannot be acknowledged again.
    const [replaced] = await coordinator.notices('SECURITY_APPROVED', meeting.id);
    expect(replaced).toMatchObject({
      id: notice.id,
      needsAcknowledgement: false,
      supersededAt: expect.any(String),
    });
    const again = await coordinator.refused(ACKNOWLEDGE, { id: notice.id });
    expect(again.code).toBe('CONFLICT');
    expect(again.message).toBe(`通知 ${notice.id} 无需确认`); // in the coordinator's language, Chinese
    expect(
      (await coordinator.call(ACKNOWLEDGE, { id: changed.id })).acknowledgeNotification
        .acknowledgedAt,
    ).toEqual(expect.any(String));
    // Wang Qiang is asked to confirm the new time.
    const movedDuty = await officer.receives('ASSIGNMENT_MOVED', meeting.id);
    expect(movedDuty.subjectEn).toBe(`Assignment moved, please confirm: ${MEETING}`);
    expect(movedDuty.bodyEn).toContain(`Time: ${dayOf(wednesday.startsAt)} 14:00–16:15`);

    // They subscribe their calendar, as the sub-bureau's duty desk reads it: the meeting is there
    // at its new time, with what security needs.
    const feed = (await coordinator.call(CREATE_FEED)).createCalendarFeed;
    expect(feed.kind).toBe('SECURITY');
    const securityEvent = async () =>
      (await story.calendar(feed.url)).find(
        (e) => e.uid === `booking-${meeting.id}-security@venues.dongcheng`,
      );
    const inCalendar = await securityEvent();
    expect(inCalendar).toMatchObject({ summary: `${MEETING} [STANDARD]` });
    expect(inCalendar!.location).toContain(ROOM);
    expect(inCalendar!.description).toContain('foreign guests: 6');
    expect((inCalendar!.start as Date).toISOString()).toBe(
      new Date(wednesday.startsAt).toISOString(),
    );
    expect((inCalendar!.end as Date).toISOString()).toBe(new Date(wednesday.endsAt).toISOString());

    // A water pipe bursts in the room and the district takes it out of service: security hears
    // of the meeting there, which stands until its organizer moves or cancels it.
    const pipe = '水管爆裂 Burst water pipe';
    const suspended = (await admin.call(SUSPEND_VENUE, { id: room.id, reason: pipe })).suspendVenue;
    expect(suspended.affectedBookings.map((b: any) => b.id)).toEqual([meeting.id]);
    const roomClosed = await coordinator.receives('VENUE_SUSPENDED', meeting.id);
    expect(roomClosed).toMatchObject({
      subject: `场地暂停使用：${MEETING}`,
      subjectEn: `Venue suspended: ${MEETING}`,
      critical: true,
      needsAcknowledgement: false,
    });
    expect(roomClosed.bodyZh).toContain(`暂停原因：${pipe}`);
    expect(roomClosed.bodyZh).toContain('该预订保持不变，直至组织方改期或取消');
    expect(roomClosed.bodyEn).toContain(`Time: ${newTime}`);
    expect(roomClosed.bodyEn).toContain(
      'The booking stays as it is until its organizer moves or cancels it',
    );
    await coordinator.call(MARK_READ, { id: roomClosed.id });

    // Then the delegation's flight is cancelled altogether: rather than move the meeting to
    // another room, the organizer calls it off.
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
    expect(calledOff.bodyEn).toContain(`Time: ${newTime}`);
    // ...and the officers are stood down, with the reason.
    const stoodDown = await officer.receives('ASSIGNMENT_CANCELLED', meeting.id);
    expect(stoodDown).toMatchObject({ critical: true });
    expect(stoodDown.bodyEn).toContain('Reason: The booking no longer needs this');
    const requirementsAfter = (await coordinator.call(REQUIREMENTS, { id: meeting.id }))
      .staffingRequirements;
    expect(requirementsAfter).toEqual([]);
    expect(second.staff.nameEn).not.toBe('Wang Qiang');
    // Their calendar no longer has it.
    expect(await securityEvent()).toBeUndefined();

    // They acknowledge the cancellation too.
    expect(
      (await coordinator.call(ACKNOWLEDGE, { id: calledOff.id })).acknowledgeNotification
        .acknowledgedAt,
    ).toEqual(expect.any(String));
    expect((await coordinator.call(UNREAD)).notifications.totalCount).toBe(0);
  });
});
