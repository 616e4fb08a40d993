import { DateTime } from 'luxon';
import {
  ASSIGN,
  CANCEL,
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
  SUSPEND_VENUE,
  VENUE_BY_NAME,
  WITHDRAW,
} from './support/operations';
import { Story } from './support/story';

const ROOM = 'Xianyukou Reception Room';
const LAKESIDE = 'Longtan Lakeside Meeting Room';
const SALON = 'Sino-Italian design salon';
const RECEPTION = 'Evening reception for the Milan delegation';

/**
 * Wang Qiang, a security officer: two duties on one Monday in a room that is then closed, one
 * called off by its organizer, the other moved to another room and given back after an injury.
 */
describe('story: a security officer’s day', () => {
  let story: Story;

  beforeAll(async () => {
    story = await Story.start();
  });
  afterAll(() => story?.close());

  it('accepts two duties, follows them in his calendar, hears their room is closed, is stood down from one, confirms the other in its new room and gives it back', async () => {
    const [organizer, coordinator, admin] = await Promise.all([
      story.signIn('organizer@demo.local'),
      story.signIn('security@demo.local'),
      story.signIn('admin@demo.local'),
    ]);
    const room = (await organizer.call(VENUE_BY_NAME, { text: ROOM })).venues.edges[0].node;
    const wangQiang = (
      await coordinator.call(STAFF, { filter: { kind: 'SECURITY_OFFICER', text: 'Wang Qiang' } })
    ).staff.edges[0].node;
    /** A foreign-related event in a room that needs no approval, with Wang Qiang on its security. */
    const dutyFor = async (title: string, from: string, until: string) => {
      const booked = (
        await organizer.call(REQUEST, {
          input: {
            venueId: room.id,
            title,
            startsAt: on(3, 1, from),
            endsAt: on(3, 1, until),
            attendees: 18,
            foreignGuests: 5,
            delegationCountries: ['IT'],
          },
          key: key(),
        })
      ).requestBooking;
      expect(booked.status).toBe('APPROVED');
      const [requirement] = (await coordinator.call(REQUIREMENTS, { id: booked.id }))
        .staffingRequirements;
      const assigned = (
        await coordinator.call(ASSIGN, { requirementId: requirement.id, staffId: wangQiang.id })
      ).assignStaff;
      expect(assigned.status).toBe('PROPOSED');
      return { bookingId: booked.id as string, assignmentId: assigned.id as string };
    };

    // The coordinator puts him on a morning salon and an evening reception, the same Monday.
    const salon = await dutyFor(SALON, '10:00', '12:00');
    const reception = await dutyFor(RECEPTION, '18:00', '19:30');

    // He signs in as the officer; he reads Chinese first.
    const officer = await story.signIn('officer@demo.local');
    expect((await officer.call(ME)).me).toMatchObject({
      role: 'SECURITY_OFFICER',
      locale: 'ZH_CN',
    });

    // Both duties have reached him, to confirm; his time covers the room's teardown.
    const day = DateTime.fromISO(on(3, 1, '10:00'))
      .setZone('Asia/Shanghai')
      .toFormat('yyyy-MM-dd');
    const offer = await officer.receives('ASSIGNMENT_PROPOSED', salon.bookingId);
    expect(offer).toMatchObject({
      subject: `新任务，请确认：${SALON}`,
      subjectEn: `New assignment, please confirm: ${SALON}`,
    });
    expect(offer.bodyZh.split('\n')).toEqual([
      '岗位：安保',
      `时间：${day} 10:00–12:15 (Asia/Shanghai)`,
      `场地：${room.nameZh}（${room.addressZh}）`,
    ]);
    await officer.receives('ASSIGNMENT_PROPOSED', reception.bookingId);

    // His list says what, when and where.
    const mine = (await officer.call(MY_ASSIGNMENTS)).myAssignments;
    expect(
      mine.map((a: any) => [
        a.status,
        a.event.title,
        a.event.venue.addressZh,
        a.startsAt,
        a.endsAt,
      ]),
    ).toEqual([
      [
        'PROPOSED',
        SALON,
        room.addressZh,
        new Date(on(3, 1, '10:00')).toISOString(),
        new Date(on(3, 1, '12:15')).toISOString(),
      ],
      [
        'PROPOSED',
        RECEPTION,
        room.addressZh,
        new Date(on(3, 1, '18:00')).toISOString(),
        new Date(on(3, 1, '19:45')).toISOString(),
      ],
    ]);

    // He accepts both, and subscribes his calendar: two confirmed duties.
    for (const { assignmentId } of [salon, reception]) {
      expect(
        (await officer.call(RESPOND, { id: assignmentId, accept: true })).respondToAssignment
          .status,
      ).toBe('ACCEPTED');
    }
    const feed = (await officer.call(CREATE_FEED)).createCalendarFeed;
    expect(feed.kind).toBe('STAFF');
    const summaries = async () =>
      (await story.calendar(feed.url)).map((e) => [e.summary, e.status]).sort();
    expect(await summaries()).toEqual([
      [`${RECEPTION} – Security officer`, 'CONFIRMED'],
      [`${SALON} – Security officer`, 'CONFIRMED'],
    ]);

    // A water pipe bursts in the room and the district takes it out of service. He hears of
    // each duty there: it stands until its organizer moves or cancels it.
    const pipe = '水管爆裂 Burst water pipe';
    await admin.call(SUSPEND_VENUE, { id: room.id, reason: pipe });
    for (const [{ bookingId }, title] of [
      [salon, SALON],
      [reception, RECEPTION],
    ] as const) {
      const closed = await officer.receives('VENUE_SUSPENDED', bookingId);
      expect(closed).toMatchObject({ subject: `场地暂停使用：${title}`, critical: true });
      expect(closed.bodyZh).toContain(`暂停原因：${pipe}`);
      expect(closed.bodyZh).toContain('该预订保持不变，直至组织方改期或取消');
      expect(closed.bodyEn).toContain(
        'The booking stays as it is until its organizer moves or cancels it',
      );
    }
    // His duties are unchanged meanwhile.
    expect(await summaries()).toEqual([
      [`${RECEPTION} – Security officer`, 'CONFIRMED'],
      [`${SALON} – Security officer`, 'CONFIRMED'],
    ]);

    // The organizer calls the reception off: he is stood down, with the reason.
    await organizer.call(CANCEL, {
      id: reception.bookingId,
      reason: 'The delegation leaves early',
    });
    const stoodDown = await officer.receives('ASSIGNMENT_CANCELLED', reception.bookingId);
    expect(stoodDown).toMatchObject({
      subjectEn: `Assignment cancelled: ${RECEPTION}`,
      critical: true,
    });
    expect(stoodDown.bodyEn).toContain('Reason: The booking no longer needs this');
    expect(await summaries()).toEqual([[`${SALON} – Security officer`, 'CONFIRMED']]);

    // And moves the salon to the Longtan lakeside room, which needs no approval: it moves at
    // once, and he is asked to confirm his duty there.
    const lakeside = (await organizer.call(VENUE_BY_NAME, { text: LAKESIDE })).venues.edges[0].node;
    expect(
      (
        await organizer.call(RESCHEDULE, {
          id: salon.bookingId,
          startsAt: on(3, 1, '10:00'),
          endsAt: on(3, 1, '12:00'),
          venueId: lakeside.id,
        })
      ).rescheduleBooking,
    ).toMatchObject({ status: 'APPROVED', venue: { nameEn: LAKESIDE }, pendingChange: null });
    const moved = await officer.receives('ASSIGNMENT_MOVED', salon.bookingId);
    expect(moved).toMatchObject({
      subject: `任务时间变更，请确认：${SALON}`,
      subjectEn: `Assignment moved, please confirm: ${SALON}`,
      critical: false,
    });
    // The lakeside room has no teardown: his time ends with the salon.
    expect(moved.bodyZh.split('\n')).toEqual([
      '岗位：安保',
      `时间：${day} 10:00–12:00 (Asia/Shanghai)`,
      `场地：${lakeside.nameZh}（${lakeside.addressZh}）`,
    ]);
    const salonDuty = (await officer.call(MY_ASSIGNMENTS)).myAssignments.find(
      (a: any) => a.id === salon.assignmentId,
    );
    expect(salonDuty).toMatchObject({
      status: 'PROPOSED',
      endsAt: new Date(on(3, 1, '12:00')).toISOString(),
      event: { venue: { nameEn: LAKESIDE } },
    });
    expect(
      (await officer.call(RESPOND, { id: salon.assignmentId, accept: true })).respondToAssignment
        .status,
    ).toBe('ACCEPTED');
    const [salonEvent] = await story.calendar(feed.url);
    expect(salonEvent).toMatchObject({
      summary: `${SALON} – Security officer`,
      status: 'CONFIRMED',
    });
    expect(salonEvent.location).toContain(LAKESIDE);

    // He sprains his ankle: he gives the salon back, saying why.
    const reason = '扭伤脚踝 Sprained ankle';
    expect(
      (await officer.call(WITHDRAW, { id: salon.assignmentId, reason })).withdrawFromAssignment,
    ).toEqual({ id: salon.assignmentId, status: 'CANCELLED', reason });

    // Security, who plan officers, hear of it at once; the district does not.
    const givenBack = await coordinator.receives('ASSIGNMENT_WITHDRAWN', salon.bookingId);
    expect(givenBack).toMatchObject({
      subject: `任务退出，岗位待补：${SALON}`,
      critical: true,
    });
    expect(givenBack.bodyZh).toContain('人员：王强');
    expect(givenBack.bodyEn).toContain('Role: Security officer');
    expect(givenBack.bodyEn).toContain(`Reason: ${reason}`);
    expect(await admin.notices('ASSIGNMENT_WITHDRAWN')).toEqual([]);
    // The place is open for someone else, and his calendar is clear.
    const [requirement] = (await coordinator.call(REQUIREMENTS, { id: salon.bookingId }))
      .staffingRequirements;
    expect(requirement.assignments.map((a: any) => a.status)).toEqual(['CANCELLED']);
    expect(await story.calendar(feed.url)).toEqual([]);
  });
});
