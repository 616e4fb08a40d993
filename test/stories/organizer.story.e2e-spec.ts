import { DateTime } from 'luxon';
import { eventually } from '../support/eventually';
import {
  APPROVE,
  BOOKING,
  CANCEL,
  CREATE_FEED,
  key,
  ME,
  on,
  REDELIVER,
  REGISTER_WEBHOOK,
  REJECT,
  REQUEST,
  RESCHEDULE,
  SEARCH,
  SUBMIT,
  trail,
  UPDATE_ME,
  WEBHOOK_DELIVERIES,
} from './support/operations';
import { Receiver } from './support/receiver';
import { Story } from './support/story';

/** "2027-06-15 03:00–05:00 (Europe/Paris)", as notices show a time. */
const inZone = (startsAt: string, endsAt: string, zone: string) =>
  `${DateTime.fromISO(startsAt).setZone(zone).toFormat('yyyy-MM-dd HH:mm')}–${DateTime.fromISO(endsAt).setZone(zone).toFormat('HH:mm')} (${zone})`;
const iso = (local: string) => new Date(local).toISOString();

/**
 * The Beijing International Exchange Association plans a meeting with a French delegation: from
 * the search to the approval and the calendar on the wall.
 */
describe('story: an organizer’s day', () => {
  let story: Story;
  let receiver: Receiver;

  beforeAll(async () => {
    // Her office's system takes her notices by webhook; two quick attempts per delivery.
    receiver = await Receiver.start([500, 500]);
    story = await Story.start({ WEBHOOK_MAX_ATTEMPTS: '2', WEBHOOK_RETRY_BASE_MS: '100' });
  });
  afterAll(async () => {
    await story?.close();
    await receiver?.close();
  });

  it('finds a room, holds it, submits, hears of the approval, moves it twice, tidies up and subscribes', async () => {
    const startsAt = on(3, 2, '10:00');
    const endsAt = on(3, 2, '12:00');

    // She signs in as the association, an organizer who reads English.
    const organizer = await story.signIn('organizer@demo.local');
    expect((await organizer.call(ME)).me).toEqual({
      email: 'organizer@demo.local',
      role: 'ORGANIZER',
      timeZone: 'Asia/Shanghai',
      locale: 'EN',
      subdistrict: null,
    });

    // She is in Paris with the delegation this week: her notices should say Paris time.
    expect(
      (await organizer.call(UPDATE_ME, { input: { timeZone: 'Europe/Paris' } })).updateMe,
    ).toEqual({ email: 'organizer@demo.local', locale: 'EN', timeZone: 'Europe/Paris' });

    // She looks for a room for a seated meeting of 60 with interpretation headsets, a Tuesday
    // morning three weeks on. The smallest room that fits comes first.
    const search = await organizer.call(SEARCH, {
      input: {
        startsAt,
        endsAt,
        attendees: 60,
        seating: 'SEATED',
        facilities: [{ type: 'INTERPRETATION_HEADSETS', count: 60 }],
      },
    });
    const offered = search.availableVenues.edges.map((e: any) => e.node);
    expect(offered.map((v: any) => [v.nameEn, v.seatedCapacity])).toEqual([
      ['Guozijian Street Traditional Culture Museum', 80],
      ['Qianmen Guild Hall Conference Centre', 480],
      ['Chaoyangmen International Conference Centre', 820],
      ['Jianguomennei Grand Hotel Ballroom', 1200],
    ]);
    const museum = offered[0];

    // She holds the museum while the delegation confirms.
    const held = (
      await organizer.call(REQUEST, {
        input: {
          venueId: museum.id,
          startsAt,
          endsAt,
          title: 'Sino-French museum directors’ meeting',
          attendees: 60,
          foreignGuests: 12,
          delegationCountries: ['FR'],
          interpretation: [{ from: 'zh', to: 'fr', mode: 'CONSECUTIVE' }],
          hold: true,
        },
        key: key(),
      })
    ).requestBooking;
    expect(held).toMatchObject({ status: 'HELD', approvalStage: null });
    expect(Date.parse(held.holdExpiresAt) - Date.now()).toBeGreaterThan(25 * 60_000);

    // The delegation confirms: she submits. The request waits for Andingmen's approval.
    expect((await organizer.call(SUBMIT, { id: held.id })).submitBooking).toMatchObject({
      status: 'PENDING_APPROVAL',
      approvalStage: 'SUBDISTRICT',
      holdExpiresAt: null,
    });

    // (Andingmen's manager approves it, with a word for her.)
    const andingmen = await story.signIn('manager.andingmen@demo.local');
    const comment = '请提前30分钟到场布置 Please arrive 30 minutes early to set up';
    expect((await andingmen.call(APPROVE, { id: held.id, comment })).approveBooking.status).toBe(
      'APPROVED',
    );

    // The approval reaches her with the comment, the time in Paris, and where to go.
    const approval = await organizer.receives('BOOKING_APPROVED', held.id);
    expect(approval).toMatchObject({
      subject: 'Booking approved: Sino-French museum directors’ meeting',
      critical: false,
      needsAcknowledgement: false,
    });
    expect(approval.bodyEn).toContain(`Time: ${inZone(startsAt, endsAt, 'Europe/Paris')}`);
    expect(approval.bodyEn).toContain(`Venue: ${museum.nameEn}`);
    expect(approval.bodyEn).toContain(`Comment: ${comment}`);
    expect(approval.bodyZh).toContain('审批意见：请提前30分钟到场布置');

    // She reads her booking: approved, and the trail of who did what.
    const booking = (await organizer.call(BOOKING, { id: held.id })).booking;
    expect(booking).toMatchObject({ status: 'APPROVED', approvalStage: null });
    expect(trail(booking.auditTrail)).toEqual([
      'requested –→HELD by organizer@demo.local',
      'submitted HELD→PENDING_APPROVAL by organizer@demo.local',
      `approved PENDING_APPROVAL→APPROVED by manager.andingmen@demo.local: ${comment}`,
    ]);

    // Her office connects its ticket system, which takes her notices by webhook. It is down this
    // morning: it answers 500 to everything.
    const { endpoint } = (
      await organizer.call(REGISTER_WEBHOOK, {
        input: { url: receiver.url, description: 'Office tickets' },
      })
    ).registerWebhook;
    expect(endpoint).toMatchObject({ url: receiver.url, active: true });

    // The delegation's flight is a day later: she asks to move the meeting to the Wednesday. The
    // museum needs approval, so the meeting stands as approved while Andingmen decides.
    const wednesday = { startsAt: on(3, 3, '10:00'), endsAt: on(3, 3, '12:00') };
    const proposed = (await organizer.call(RESCHEDULE, { id: held.id, ...wednesday }))
      .rescheduleBooking;
    expect(proposed).toMatchObject({
      status: 'APPROVED',
      approvalStage: 'SUBDISTRICT',
      startsAt: iso(startsAt),
      endsAt: iso(endsAt),
      pendingChange: {
        startsAt: iso(wednesday.startsAt),
        endsAt: iso(wednesday.endsAt),
        venue: { id: museum.id, nameEn: museum.nameEn },
        requestedAt: expect.any(String),
      },
    });

    // (Andingmen turns the change down: the museum hosts a school on Wednesdays.)
    const turnedDown = '周三上午有学校参观 A school visits on Wednesday mornings';
    const rejected = (await andingmen.call(REJECT, { id: held.id, reason: turnedDown }))
      .rejectBooking;
    expect(rejected).toMatchObject({
      status: 'APPROVED',
      approvalStage: null,
      pendingChange: null,
    });

    // She hears the change is rejected, with why; the meeting stands at its approved time.
    const notMoved = await organizer.receives('BOOKING_CHANGE_REJECTED', held.id);
    expect(notMoved).toMatchObject({
      subject:
        'Change rejected, the approved booking stands: Sino-French museum directors’ meeting',
      critical: false,
    });
    expect(notMoved.bodyEn).toContain(`Time: ${inZone(startsAt, endsAt, 'Europe/Paris')}`);
    expect(notMoved.bodyEn).toContain(`Reason: ${turnedDown}`);
    expect(notMoved.bodyZh).toContain(`原因：${turnedDown}`);
    expect((await organizer.call(BOOKING, { id: held.id })).booking).toMatchObject({
      status: 'APPROVED',
      startsAt: iso(startsAt),
      endsAt: iso(endsAt),
      pendingChange: null,
    });

    // Her office's system missed that notice: both attempts failed. Once it is back up, she has
    // it sent again, and it arrives.
    const deliveries = async () =>
      (await organizer.call(WEBHOOK_DELIVERIES)).webhookEndpoints.find(
        (e: any) => e.id === endpoint.id,
      ).deliveries;
    const [failed] = await eventually(deliveries, ([d]) => d?.status === 'FAILED');
    expect(failed).toMatchObject({
      notificationId: notMoved.id,
      status: 'FAILED',
      attempts: [{ statusCode: 500 }, { statusCode: 500 }],
    });
    expect((await organizer.call(REDELIVER, { id: failed.id })).redeliverWebhook.id).toBe(
      failed.id,
    );
    const [delivered] = await eventually(deliveries, ([d]) => d?.status === 'DELIVERED');
    expect(delivered.attempts.map((a: any) => a.statusCode)).toEqual([500, 500, 200]);
    expect(receiver.received.map((r) => [r.delivery, r.answer])).toEqual([
      [failed.id, 500],
      [failed.id, 500],
      [failed.id, 200],
    ]);
    expect(JSON.parse(receiver.received[2].body).notification).toMatchObject({
      id: notMoved.id,
      kind: 'BOOKING_CHANGE_REJECTED',
    });

    // She asks for the Thursday instead, and Andingmen agrees.
    const thursday = { startsAt: on(3, 4, '10:00'), endsAt: on(3, 4, '12:00') };
    expect(
      (await organizer.call(RESCHEDULE, { id: held.id, ...thursday })).rescheduleBooking,
    ).toMatchObject({
      status: 'APPROVED',
      startsAt: iso(startsAt),
      pendingChange: { startsAt: iso(thursday.startsAt), endsAt: iso(thursday.endsAt) },
    });
    const agreed = '周四可以 Thursday is fine';
    const moved = (await andingmen.call(APPROVE, { id: held.id, comment: agreed })).approveBooking;
    expect(moved).toMatchObject({
      status: 'APPROVED',
      approvalStage: null,
      startsAt: iso(thursday.startsAt),
      endsAt: iso(thursday.endsAt),
      pendingChange: null,
    });

    // She hears the change is approved, with the new time in Paris.
    const changeApproved = await organizer.receives(
      'BOOKING_APPROVED',
      held.id,
      'Your change is approved',
    );
    expect(changeApproved.subject).toBe('Booking approved: Sino-French museum directors’ meeting');
    expect(changeApproved.bodyEn).toContain(
      `Time: ${inZone(thursday.startsAt, thursday.endsAt, 'Europe/Paris')}`,
    );
    expect(changeApproved.bodyEn).toContain(`Comment: ${agreed}`);
    expect(changeApproved.bodyZh).toContain('您申请的变更已批准');
    // Her office's system, back up, has it at once.
    await eventually(
      async () => receiver.received.length,
      (n) => n === 4,
    );
    expect(JSON.parse(receiver.received[3].body).notification).toMatchObject({
      id: changeApproved.id,
      kind: 'BOOKING_APPROVED',
    });

    // The trail tells the whole story, each move with what it changed.
    const afterMoves = (await organizer.call(BOOKING, { id: held.id })).booking.auditTrail;
    expect(trail(afterMoves).slice(3)).toEqual([
      'change-proposed APPROVED→APPROVED by organizer@demo.local',
      `change-rejected APPROVED→APPROVED by manager.andingmen@demo.local: ${turnedDown}`,
      'change-proposed APPROVED→APPROVED by organizer@demo.local',
      `rescheduled APPROVED→APPROVED by manager.andingmen@demo.local: ${agreed}`,
    ]);
    const movedFrom = (to: { startsAt: string; endsAt: string }) => [
      { field: 'startsAt', from: iso(startsAt), to: iso(to.startsAt) },
      { field: 'endsAt', from: iso(endsAt), to: iso(to.endsAt) },
    ];
    expect(afterMoves.slice(3).map((e: any) => e.changes)).toEqual([
      movedFrom(wednesday),
      [],
      movedFrom(thursday),
      movedFrom(thursday),
    ]);

    // A preparatory meeting she had booked in the Xianyukou room (no approval needed) is no
    // longer needed: she cancels it, giving the reason.
    const xianyukou = (
      await organizer.call(SEARCH, {
        input: {
          startsAt: on(3, 1, '15:00'),
          endsAt: on(3, 1, '16:00'),
          attendees: 8,
          subdistrictId: '11',
        },
      })
    ).availableVenues.edges
      .map((e: any) => e.node)
      .find((v: any) => v.nameEn === 'Xianyukou Reception Room');
    const preparatory = (
      await organizer.call(REQUEST, {
        input: {
          venueId: xianyukou.id,
          startsAt: on(3, 1, '15:00'),
          endsAt: on(3, 1, '16:00'),
          title: 'Preparatory meeting',
          attendees: 8,
        },
        key: key(),
      })
    ).requestBooking;
    expect(preparatory.status).toBe('APPROVED');
    const cancelled = (
      await organizer.call(CANCEL, { id: preparatory.id, reason: 'Settled by phone instead' })
    ).cancelBooking;
    expect(cancelled.status).toBe('CANCELLED');
    expect(trail(cancelled.auditTrail)).toEqual([
      'requested –→APPROVED by organizer@demo.local',
      'cancelled APPROVED→CANCELLED by organizer@demo.local: Settled by phone instead',
    ]);

    // She subscribes her calendar: the meeting is there, confirmed, on the Thursday; the cancelled
    // one is gone.
    const feed = (await organizer.call(CREATE_FEED)).createCalendarFeed;
    expect(feed.kind).toBe('ORGANIZER');
    const events = await story.calendar(feed.url);
    expect(events.map((e) => [e.uid, e.summary, e.status])).toEqual([
      [
        `booking-${held.id}@venues.dongcheng`,
        'Sino-French museum directors’ meeting [APPROVED]',
        'CONFIRMED',
      ],
    ]);
    expect((events[0].start as Date).toISOString()).toBe(iso(thursday.startsAt));
  });
});
