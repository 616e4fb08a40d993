import { DateTime } from 'luxon';
import {
  APPROVE,
  BOOKING,
  CANCEL,
  CREATE_FEED,
  key,
  ME,
  on,
  REQUEST,
  SEARCH,
  SUBMIT,
  trail,
  UPDATE_ME,
} from './support/operations';
import { Story } from './support/story';

/** "2027-06-15 03:00–05:00 (Europe/Paris)", as notices show a time. */
const inZone = (startsAt: string, endsAt: string, zone: string) =>
  `${DateTime.fromISO(startsAt).setZone(zone).toFormat('yyyy-MM-dd HH:mm')}–${DateTime.fromISO(endsAt).setZone(zone).toFormat('HH:mm')} (${zone})`;

/**
 * The Beijing International Exchange Association plans a meeting with a French delegation: from
 * the search to the approval and the calendar on the wall.
 */
describe('story: an organizer’s day', () => {
  let story: Story;

  beforeAll(async () => {
    story = await Story.start();
  });
  afterAll(() => story?.close());

  it('finds a room, holds it, submits, hears of the approval, tidies up and subscribes', async () => {
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

    // She subscribes her calendar: the meeting is there, confirmed; the cancelled one is gone.
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
    expect((events[0].start as Date).toISOString()).toBe(new Date(startsAt).toISOString());
  });
});
