import { DateTime } from 'luxon';
import { venueInput } from '../support/venue-fixtures';
import {
  APPROVE,
  key,
  ME,
  on,
  PENDING,
  REGISTER_VENUE,
  REJECT,
  REPORT,
  REQUEST,
  RESCHEDULE,
  REVIEW_VENUE,
  REVIEW_VENUE_CHANGE,
  SEARCH,
  SUBMIT_VENUE,
  trail,
  UPDATE_FACTS,
  VENUE_AUDIT,
  VENUE_BY_NAME,
} from './support/operations';
import { Person, Story } from './support/story';

const QIANMEN = '11';
const BEIXINQIAO = '5';
const GUILD_HALL = 'Qianmen Guild Hall Conference Centre';
const THEATRE = 'Dashilar Courtyard Theatre';

/** "2027-06-15 10:00–12:00 (Asia/Shanghai)", as notices show a time. */
const beijing = (startsAt: string, endsAt: string) =>
  `${DateTime.fromISO(startsAt).setZone('Asia/Shanghai').toFormat('yyyy-MM-dd HH:mm')}–${DateTime.fromISO(endsAt).setZone('Asia/Shanghai').toFormat('HH:mm')} (Asia/Shanghai)`;

const ADD_BLACKOUT = `mutation($venueId: ID!, $startsAt: DateTime!, $endsAt: DateTime!, $reason: String!) {
  addBlackout(venueId: $venueId, startsAt: $startsAt, endsAt: $endsAt, reason: $reason) { id reason }
}`;
const SCHEDULE = `query($venueId: ID!, $from: DateTime!, $to: DateTime!) {
  venueSchedule(venueId: $venueId, from: $from, to: $to) { kind title status reason startsAt endsAt }
}`;
const UPDATE_VENUE = `mutation($id: ID!, $input: UpdateVenueInput!) {
  updateVenue(id: $id, input: $input) {
    status contact { name phone } openingHours { weekday opens closes }
  }
}`;

/**
 * Qianmen's manager keeps the subdistrict's venues: requests arrive, get decided, a move is turned
 * down, a hall closes for a day and opens longer on Saturdays, a new venue is reviewed, a capacity
 * cut waits for the district, and the month's figures are read.
 */
describe('story: a subdistrict manager’s day', () => {
  let story: Story;

  beforeAll(async () => {
    story = await Story.start();
  });
  afterAll(() => story?.close());

  it('decides the requests and a change at their venues, closes a hall for a day, extends its hours, has a venue and a cut reviewed and reads their figures', async () => {
    const [organizer, organizer2, admin] = await Promise.all([
      story.signIn('organizer@demo.local'),
      story.signIn('organizer2@demo.local'),
      story.signIn('admin@demo.local'),
    ]);
    const hall = (await organizer.call(VENUE_BY_NAME, { text: GUILD_HALL })).venues.edges[0].node;
    const request = async (who: Person, input: Record<string, unknown>) =>
      (await who.call(REQUEST, { input: { venueId: hall.id, ...input }, key: key() }))
        .requestBooking;

    // Two organizers ask for the Guild Hall, which needs the subdistrict's approval.
    const exchange = await request(organizer, {
      title: 'Sino-Japanese youth exchange',
      startsAt: on(3, 3, '10:00'),
      endsAt: on(3, 3, '12:00'),
      attendees: 120,
      foreignGuests: 20,
      delegationCountries: ['JP'],
    });
    const tasting = await request(organizer2, {
      title: 'Spring tea tasting',
      startsAt: on(3, 4, '14:00'),
      endsAt: on(3, 4, '16:00'),
      attendees: 40,
    });
    expect([exchange.status, tasting.status]).toEqual(['PENDING_APPROVAL', 'PENDING_APPROVAL']);

    // The manager signs in: Qianmen's manager.
    const manager = await story.signIn('qianmen@demo.local');
    expect((await manager.call(ME)).me).toMatchObject({
      role: 'SUBDISTRICT_MANAGER',
      subdistrict: { nameEn: 'Qianmen' },
    });

    // Each request has been announced to them at once, in Chinese first, with what it is.
    const asked = await manager.receives('APPROVAL_REQUESTED', exchange.id);
    expect(asked).toMatchObject({
      subject: '待审批：Sino-Japanese youth exchange',
      subjectEn: 'Approval requested: Sino-Japanese youth exchange',
      critical: false,
    });
    expect(asked.bodyEn).toContain(`Venue: ${GUILD_HALL}`);
    expect(asked.bodyEn).toContain('Attendees: 120, of them foreign guests: 20');
    expect(asked.bodyEn).toContain('Waiting for: the subdistrict’s approval');
    expect(asked.bodyZh).toContain('等待：街道审批');
    expect((await manager.receives('APPROVAL_REQUESTED', tasting.id)).subjectEn).toBe(
      'Approval requested: Spring tea tasting',
    );
    // Jingshan's manager is not asked about Qianmen's hall.
    const jingshan = await story.signIn('jingshan@demo.local');
    expect(await jingshan.notices('APPROVAL_REQUESTED')).toEqual([]);

    // Their queue holds both, oldest first, at their step.
    const queue = (await manager.call(PENDING)).pendingApprovals;
    expect(queue.totalCount).toBe(2);
    expect(queue.edges.map((e: any) => e.node)).toEqual([
      {
        id: exchange.id,
        title: 'Sino-Japanese youth exchange',
        approvalStage: 'SUBDISTRICT',
        venue: { nameEn: GUILD_HALL },
      },
      {
        id: tasting.id,
        title: 'Spring tea tasting',
        approvalStage: 'SUBDISTRICT',
        venue: { nameEn: GUILD_HALL },
      },
    ]);

    // They approve the exchange with a word for the organizer...
    const comment = '请从东侧门入场 Please use the east gate';
    const approved = (await manager.call(APPROVE, { id: exchange.id, comment })).approveBooking;
    expect(approved.status).toBe('APPROVED');
    expect(trail(approved.auditTrail).at(-1)).toBe(
      `approved PENDING_APPROVAL→APPROVED by qianmen@demo.local: ${comment}`,
    );
    expect((await organizer.receives('BOOKING_APPROVED', exchange.id)).bodyEn).toContain(
      `Comment: ${comment}`,
    );

    // ...and turn down the tea tasting, saying why; its organizer is told, as a critical notice.
    const reason = '场地过大，建议预订鲜鱼口会客厅 The hall is too large; try the Xianyukou room';
    const rejected = (await manager.call(REJECT, { id: tasting.id, reason })).rejectBooking;
    expect(rejected.status).toBe('REJECTED');
    const refusal = await organizer2.receives('BOOKING_REJECTED', tasting.id);
    expect(refusal).toMatchObject({
      subjectEn: 'Booking request rejected: Spring tea tasting',
      critical: true,
    });
    expect(refusal.bodyEn).toContain(`Reason: ${reason}`);

    // Nothing waits for them any more.
    expect((await manager.call(PENDING)).pendingApprovals.totalCount).toBe(0);

    // The exchange's organizer asks to move it to the Friday morning. The approved exchange
    // stands while the manager is asked about the change, told what is approved and what is asked.
    const exchangeTime = beijing(on(3, 3, '10:00'), on(3, 3, '12:00'));
    const fridayMorning = { startsAt: on(3, 5, '10:00'), endsAt: on(3, 5, '12:00') };
    expect(
      (await organizer.call(RESCHEDULE, { id: exchange.id, ...fridayMorning })).rescheduleBooking,
    ).toMatchObject({ status: 'APPROVED', approvalStage: 'SUBDISTRICT' });
    const changeAsked = await manager.receives(
      'APPROVAL_REQUESTED',
      exchange.id,
      'Change to approve',
    );
    expect(changeAsked).toMatchObject({
      subject: '待审批变更：Sino-Japanese youth exchange',
      subjectEn: 'Change to approve: Sino-Japanese youth exchange',
    });
    expect(changeAsked.bodyEn.split('\n').slice(0, 4)).toEqual([
      `Approved: ${exchangeTime} at ${GUILD_HALL} (stands until the change is decided)`,
      'Asked to move to:',
      `Time: ${beijing(fridayMorning.startsAt, fridayMorning.endsAt)}`,
      `Venue: ${GUILD_HALL}`,
    ]);
    expect(changeAsked.bodyZh).toContain('申请变更为：');
    expect(
      (await manager.call(PENDING)).pendingApprovals.edges.map((e: any) => [
        e.node.title,
        e.node.approvalStage,
      ]),
    ).toEqual([['Sino-Japanese youth exchange', 'SUBDISTRICT']]);

    // The hall's floor is to be redone that Friday: they reject the change, not the booking.
    const notFriday = '周五地面翻新 The floor is redone that Friday';
    const changeRejected = (await manager.call(REJECT, { id: exchange.id, reason: notFriday }))
      .rejectBooking;
    expect(changeRejected).toMatchObject({
      status: 'APPROVED',
      approvalStage: null,
      startsAt: new Date(on(3, 3, '10:00')).toISOString(),
      pendingChange: null,
    });
    expect(trail(changeRejected.auditTrail).slice(-2)).toEqual([
      'change-proposed APPROVED→APPROVED by organizer@demo.local',
      `change-rejected APPROVED→APPROVED by qianmen@demo.local: ${notFriday}`,
    ]);
    const stands = await organizer.receives('BOOKING_CHANGE_REJECTED', exchange.id);
    expect(stands.subjectEn).toBe(
      'Change rejected, the approved booking stands: Sino-Japanese youth exchange',
    );
    expect(stands.bodyEn).toContain(`Time: ${exchangeTime}`);
    expect(stands.bodyEn).toContain(`Reason: ${notFriday}`);
    expect((await manager.call(PENDING)).pendingApprovals.totalCount).toBe(0);

    // The hall's floor is redone on the Friday: they close it for the day.
    const friday = { startsAt: on(3, 5, '00:00'), endsAt: on(3, 6, '00:00') };
    const blackout = (
      await manager.call(ADD_BLACKOUT, {
        venueId: hall.id,
        ...friday,
        reason: '地面翻新 Floor works',
      })
    ).addBlackout;
    expect(blackout.reason).toBe('地面翻新 Floor works');
    // The week's schedule shows the approved exchange and the closed day.
    const week = (
      await manager.call(SCHEDULE, {
        venueId: hall.id,
        from: on(3, 1, '00:00'),
        to: on(4, 1, '00:00'),
      })
    ).venueSchedule;
    expect(week.map((b: any) => [b.kind, b.title ?? b.reason, b.status])).toEqual([
      ['BOOKING', 'Sino-Japanese youth exchange', 'APPROVED'],
      ['BLACKOUT', '地面翻新 Floor works', null],
    ]);
    // From now on an organizer is not offered the hall that Friday, and cannot book it.
    const offeredFriday = await organizer.call(SEARCH, {
      input: { ...fridayMorning, attendees: 100, subdistrictId: QIANMEN },
    });
    expect(offeredFriday.availableVenues.edges.map((e: any) => e.node.nameEn)).not.toContain(
      GUILD_HALL,
    );
    const refusedFriday = await organizer.refused(REQUEST, {
      input: { venueId: hall.id, ...fridayMorning, title: 'Friday forum', attendees: 100 },
      key: key(),
    });
    expect(refusedFriday.code).toBe('IN_BLACKOUT');

    // Saturdays the hall now stays open until 20:00, with a new contact: it applies at once.
    const saturdayEvening = { startsAt: on(3, 6, '17:00'), endsAt: on(3, 6, '19:00') };
    const saturdaySearch = async () =>
      (
        await organizer.call(SEARCH, {
          input: { ...saturdayEvening, attendees: 100, subdistrictId: QIANMEN },
        })
      ).availableVenues.edges.map((e: any) => e.node.nameEn);
    expect(await saturdaySearch()).not.toContain(GUILD_HALL);
    const weekdays = [1, 2, 3, 4, 5].map((weekday) => ({
      weekday,
      opens: '08:00',
      closes: '18:00',
    }));
    const updated = (
      await manager.call(UPDATE_VENUE, {
        id: hall.id,
        input: {
          openingHours: [...weekdays, { weekday: 6, opens: '09:00', closes: '20:00' }],
          contactName: 'Wang Jun 王军',
          contactPhone: '+86 10 6702 1139',
        },
      })
    ).updateVenue;
    expect(updated).toEqual({
      status: 'ACTIVE',
      contact: { name: 'Wang Jun 王军', phone: '+86 10 6702 1139' },
      openingHours: [...weekdays, { weekday: 6, opens: '09:00', closes: '20:00' }],
    });
    expect(await saturdaySearch()).toContain(GUILD_HALL);
    // The desk phone is given up a week later: they remove it (null would leave it as it is).
    const cleared = (
      await manager.call(UPDATE_VENUE, { id: hall.id, input: { clear: ['CONTACT_PHONE'] } })
    ).updateVenue;
    expect(cleared.contact).toEqual({ name: 'Wang Jun 王军', phone: null });

    // A courtyard theatre off Dashilar joins the subdistrict: they register it and submit it for
    // the district's review. (The district is told, and approves it.)
    const theatre = (
      await manager.call(REGISTER_VENUE, {
        input: venueInput(QIANMEN, {
          nameEn: THEATRE,
          nameZh: '大栅栏四合院剧场',
          seatedCapacity: 150,
          standingCapacity: null,
        }),
      })
    ).registerVenue;
    expect(theatre.status).toBe('DRAFT');
    expect((await manager.call(SUBMIT_VENUE, { id: theatre.id })).submitVenueForReview.status).toBe(
      'PENDING_REVIEW',
    );
    const toReview = await admin.receives('VENUE_SUBMITTED', undefined, THEATRE);
    expect(toReview.subjectEn).toBe(`Venue waiting for review: ${THEATRE}`);
    expect(toReview.bodyEn).toContain('Seats: 150, security level 2');
    await admin.call(REVIEW_VENUE, { id: theatre.id, approve: true });
    // They hear it is open for bookings.
    const opened = await manager.receives('VENUE_REVIEWED', undefined, THEATRE);
    expect(opened).toMatchObject({
      subject: '场地审核通过：大栅栏四合院剧场',
      subjectEn: `Venue approved: ${THEATRE}`,
    });
    expect(opened.bodyEn).toContain('The venue is ACTIVE and open for bookings.');

    // The fire brigade's new count closes the Guild Hall's gallery: they cut its capacity to 100.
    // The hall keeps its reviewed capacity until the district decides, and they are shown the
    // booking the cut would leave without room.
    const cut = (
      await manager.call(UPDATE_FACTS, {
        id: hall.id,
        input: { seatedCapacity: 100, standingCapacity: 100 },
      })
    ).updateVenue;
    expect(cut).toMatchObject({ status: 'ACTIVE', seatedCapacity: 480, standingCapacity: 600 });
    expect(cut.pendingChange).toEqual({
      requestedBy: { email: 'qianmen@demo.local' },
      securityLevel: 3,
      seatedCapacity: 100,
      standingCapacity: 100,
      changes: [
        { field: 'seatedCapacity', from: '480', to: '100' },
        { field: 'standingCapacity', from: '600', to: '100' },
      ],
      bookingsOverCapacity: [
        {
          id: exchange.id,
          title: 'Sino-Japanese youth exchange',
          attendees: 120,
          status: 'APPROVED',
        },
      ],
    });
    // (The district turns it down: the gallery reopens before the exchange.)
    const keepSeats = '看台将于交流活动前修复 The gallery is repaired before the exchange';
    expect(
      (await admin.call(REVIEW_VENUE_CHANGE, { id: hall.id, approve: false, reason: keepSeats }))
        .reviewVenueChange,
    ).toMatchObject({ seatedCapacity: 480, standingCapacity: 600, pendingChange: null });
    const decided = await manager.receives('VENUE_REVIEWED', undefined, GUILD_HALL);
    expect(decided.subjectEn).toBe(`Venue change rejected: ${GUILD_HALL}`);
    expect(decided.bodyEn).toContain(`Reason: ${keepSeats}`);
    expect(decided.bodyEn).toContain('seatedCapacity: 480 → 100');
    expect(decided.bodyZh).toContain('未获批准（场地保持原值）');

    // The hall's trail records the day's edits, each field with its old and new value.
    const audit = (await manager.call(VENUE_AUDIT, { id: hall.id })).venue.audit;
    const cutChanges = [
      { field: 'seatedCapacity', from: '480', to: '100' },
      { field: 'standingCapacity', from: '600', to: '100' },
    ];
    expect(audit.slice(-4).map((e: any) => [e.action, e.actor.email, e.reason, e.changes])).toEqual(
      [
        [
          'updated',
          'qianmen@demo.local',
          null,
          [
            {
              field: 'openingHours',
              from: '1 08:00–18:00, 2 08:00–18:00, 3 08:00–18:00, 4 08:00–18:00, 5 08:00–18:00, 6 09:00–17:00',
              to: '1 08:00–18:00, 2 08:00–18:00, 3 08:00–18:00, 4 08:00–18:00, 5 08:00–18:00, 6 09:00–20:00',
            },
            { field: 'contactName', from: 'Zhang Wei 张伟', to: 'Wang Jun 王军' },
            { field: 'contactPhone', from: '+86 10 6702 1138', to: '+86 10 6702 1139' },
          ],
        ],
        [
          'updated',
          'qianmen@demo.local',
          null,
          [{ field: 'contactPhone', from: '+86 10 6702 1139', to: null }],
        ],
        ['change-requested', 'qianmen@demo.local', null, cutChanges],
        ['change-rejected', 'admin@demo.local', keepSeats, cutChanges],
      ],
    );

    // At the end of the day they read their subdistrict's figures for that week: the approved
    // exchange counts, the rejected tasting does not.
    const range = { from: on(3, 1, '00:00'), to: on(4, 1, '00:00') };
    const report = (await manager.call(REPORT, range)).serviceCapacityReport;
    expect(report.subdistrictId).toBe(QIANMEN);
    expect(report.totals).toMatchObject({
      events: 1,
      foreignGuests: 20,
      bookingsByProtocol: { standard: 1, high: 0, state: 0 },
    });
    expect(report.bySubdistrict.map((s: any) => [s.nameEn, s.events])).toEqual([['Qianmen', 1]]);
    expect(report.byVenue.find((v: any) => v.nameEn === GUILD_HALL).events).toBe(1);
    // Another subdistrict's figures are not theirs to read.
    expect((await manager.refused(REPORT, { ...range, subdistrictId: BEIXINQIAO })).code).toBe(
      'FORBIDDEN',
    );
    // The same figures as a spreadsheet.
    const rows = await manager.csv('venues', range);
    expect(rows.find((r) => r.name_en === GUILD_HALL)).toMatchObject({
      subdistrict_id: QIANMEN,
      events: '1',
      foreign_guests: '20',
    });
    expect(new Set(rows.map((r) => r.subdistrict_id))).toEqual(new Set([QIANMEN]));
  });
});
