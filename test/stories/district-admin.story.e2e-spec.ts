import { venueInput } from '../support/venue-fixtures';
import {
  APPROVE,
  AUTO_STAFF,
  key,
  ME,
  on,
  PENDING,
  REGISTER_VENUE,
  REJECT,
  REPORT,
  REQUEST,
  REVIEW_VENUE,
  REVIEW_VENUE_CHANGE,
  SUBMIT_VENUE,
  SUSPEND_VENUE,
  trail,
  UPDATE_FACTS,
  VENUE_BY_NAME,
} from './support/operations';
import { Person, Story } from './support/story';

const BEIXINQIAO = '5'; // a subdistrict with no manager
const CHAOYANGMEN = '7';
const CONFERENCE_CENTRE = 'Chaoyangmen International Conference Centre';
const FORUM = 'China–France mayors’ forum';
const DIALOGUE = 'Neighbourhood dialogue with Korean residents';
const CORNER = 'Korean language corner';
const RIVERSIDE = 'Chaoyangmen Riverside Hall';

/**
 * The district's foreign affairs office: the HIGH event's second step, a subdistrict nobody
 * manages, a new venue and two changes to review, a hall taken out of service, the staff plan,
 * security that did not answer, and the week's figures.
 */
describe('story: a district admin’s day', () => {
  let story: Story;
  let hallId: string;

  beforeAll(async () => {
    // Long enough to approve and plan in, short enough not to wait for the escalation.
    story = await Story.start({ SECURITY_ESCALATION_SECONDS: '3' });
    // The story starts from a hall in Beixinqiao, a subdistrict without a manager, that the
    // district registered and reviewed itself.
    const admin = await story.signIn('admin@demo.local');
    const input = venueInput(BEIXINQIAO, {
      nameEn: 'Beixinqiao Community Hall',
      nameZh: '北新桥社区礼堂',
      requiresApproval: true,
      setupMinutes: 0,
      teardownMinutes: 0,
      openingHours: [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({
        weekday,
        opens: '08:00',
        closes: '21:00',
      })),
    });
    hallId = (
      await admin.call(
        'mutation($input: RegisterVenueInput!) { registerVenue(input: $input) { id } }',
        {
          input,
        },
      )
    ).registerVenue.id;
    await admin.call('mutation($id: ID!) { submitVenueForReview(id: $id) { id } }', { id: hallId });
    await admin.call('mutation($id: ID!) { reviewVenue(id: $id, approve: true) { id } }', {
      id: hallId,
    });
  });
  afterAll(() => story?.close());

  it('takes the district’s step, decides for an unmanaged subdistrict, reviews venues, suspends a hall, staffs the event, hears security is silent and reads the figures', async () => {
    const organizer = await story.signIn('organizer@demo.local');
    const organizer2 = await story.signIn('organizer2@demo.local');
    const chaoyangmen = await story.signIn('manager.chaoyangmen@demo.local');
    const centre = (await organizer.call(VENUE_BY_NAME, { text: CONFERENCE_CENTRE })).venues
      .edges[0].node;
    const request = async (who: Person, input: Record<string, unknown>) =>
      (await who.call(REQUEST, { input, key: key() })).requestBooking;

    // The admin signs in.
    const admin = await story.signIn('admin@demo.local');
    expect((await admin.call(ME)).me).toMatchObject({ role: 'DISTRICT_ADMIN', subdistrict: null });

    // A HIGH protocol forum is requested at Chaoyangmen's conference centre. Chaoyangmen's
    // manager is asked first; the district is not, yet.
    const forum = await request(organizer, {
      venueId: centre.id,
      title: FORUM,
      startsAt: on(3, 4, '10:00'),
      endsAt: on(3, 4, '12:00'),
      attendees: 120,
      foreignGuests: 30,
      delegationCountries: ['FR'],
      interpretation: [{ from: 'zh', to: 'fr', mode: 'SIMULTANEOUS' }],
      protocolLevel: 'HIGH',
    });
    expect(forum).toMatchObject({ status: 'PENDING_APPROVAL', approvalStage: 'SUBDISTRICT' });
    await chaoyangmen.receives('APPROVAL_REQUESTED', forum.id);
    expect(await admin.notices('APPROVAL_REQUESTED', forum.id)).toEqual([]);

    // Chaoyangmen approves its step: the forum now waits for the district, which is told.
    const handedOver = (await chaoyangmen.call(APPROVE, { id: forum.id })).approveBooking;
    expect(handedOver).toMatchObject({ status: 'PENDING_APPROVAL', approvalStage: 'DISTRICT' });
    const forumAsked = await admin.receives('APPROVAL_REQUESTED', forum.id);
    expect(forumAsked.subjectEn).toBe(`Approval requested: ${FORUM}`);
    expect(forumAsked.bodyEn).toContain('Protocol level: HIGH');
    expect(forumAsked.bodyEn).toContain('Waiting for: the district’s approval');

    // A request at the Beixinqiao hall: nobody manages Beixinqiao, so the district is asked at
    // the subdistrict's step.
    const dialogue = await request(organizer, {
      venueId: hallId,
      title: DIALOGUE,
      startsAt: on(3, 5, '15:00'),
      endsAt: on(3, 5, '17:00'),
      attendees: 50,
      foreignGuests: 10,
      delegationCountries: ['KR'],
    });
    expect(dialogue).toMatchObject({ status: 'PENDING_APPROVAL', approvalStage: 'SUBDISTRICT' });
    const dialogueAsked = await admin.receives('APPROVAL_REQUESTED', dialogue.id);
    expect(dialogueAsked.bodyEn).toContain('Waiting for: the subdistrict’s approval');

    // Both wait in the admin's queue, each at its step.
    const queue = (await admin.call(PENDING)).pendingApprovals;
    expect(queue.edges.map((e: any) => [e.node.title, e.node.approvalStage])).toEqual([
      [FORUM, 'DISTRICT'],
      [DIALOGUE, 'SUBDISTRICT'],
    ]);

    // The admin approves the forum, with a comment; the organizer hears of it once, with it.
    const comment = '请于活动前一周提交嘉宾名单 Send the guest list a week ahead';
    const approved = (await admin.call(APPROVE, { id: forum.id, comment })).approveBooking;
    expect(approved.status).toBe('APPROVED');
    expect(trail(approved.auditTrail)).toEqual([
      'requested –→PENDING_APPROVAL by organizer@demo.local',
      'approved-by-subdistrict PENDING_APPROVAL→PENDING_APPROVAL by manager.chaoyangmen@demo.local',
      `approved PENDING_APPROVAL→APPROVED by admin@demo.local: ${comment}`,
    ]);
    expect((await organizer.receives('BOOKING_APPROVED', forum.id)).bodyEn).toContain(
      `Comment: ${comment}`,
    );

    // And decides the dialogue for Beixinqiao: the trail says it acted for the subdistrict.
    const decided = (await admin.call(APPROVE, { id: dialogue.id })).approveBooking;
    expect(decided.status).toBe('APPROVED');
    expect(trail(decided.auditTrail).at(-1)).toBe(
      'approved PENDING_APPROVAL→APPROVED by admin@demo.local for SUBDISTRICT',
    );
    await organizer.receives('BOOKING_APPROVED', dialogue.id);
    expect((await admin.call(PENDING)).pendingApprovals.totalCount).toBe(0);

    // Chaoyangmen registers a riverside hall and submits it: the district is asked to review it,
    // and approves it.
    const riverside = (
      await chaoyangmen.call(REGISTER_VENUE, {
        input: venueInput(CHAOYANGMEN, { nameEn: RIVERSIDE, nameZh: '朝阳门滨河礼堂' }),
      })
    ).registerVenue;
    await chaoyangmen.call(SUBMIT_VENUE, { id: riverside.id });
    const newVenue = await admin.receives(
      'VENUE_SUBMITTED',
      undefined,
      `Venue waiting for review: ${RIVERSIDE}`,
    );
    expect(newVenue).toMatchObject({ bookingId: null, critical: false });
    expect(newVenue.bodyEn).toContain('Seats: 320, security level 2');
    expect(newVenue.bodyEn).toContain('Please review it (reviewVenue).');
    expect(newVenue.bodyZh).toContain('请审核（reviewVenue）');
    expect(
      (await admin.call(REVIEW_VENUE, { id: riverside.id, approve: true })).reviewVenue.status,
    ).toBe('ACTIVE');
    await chaoyangmen.receives('VENUE_REVIEWED', undefined, `Venue approved: ${RIVERSIDE}`);

    // Chaoyangmen asks to raise the hall's security level, now that its gates are guarded; the
    // hall stays at level 2 until the district approves, which it does.
    const raise = (
      await chaoyangmen.call(UPDATE_FACTS, { id: riverside.id, input: { securityLevel: 3 } })
    ).updateVenue;
    expect(raise).toMatchObject({
      securityLevel: 2,
      pendingChange: {
        securityLevel: 3,
        changes: [{ field: 'securityLevel', from: '2', to: '3' }],
      },
    });
    const raiseAsked = await admin.receives('VENUE_SUBMITTED', undefined, 'securityLevel: 2 → 3');
    expect(raiseAsked.subjectEn).toBe(`Venue change waiting for review: ${RIVERSIDE}`);
    expect(raiseAsked.bodyEn).toContain('Please review it (reviewVenueChange).');
    expect(
      (await admin.call(REVIEW_VENUE_CHANGE, { id: riverside.id, approve: true }))
        .reviewVenueChange,
    ).toMatchObject({ securityLevel: 3, pendingChange: null });
    await chaoyangmen.receives('VENUE_REVIEWED', undefined, `Venue change approved: ${RIVERSIDE}`);

    // Then it asks for 400 seats. The fire inspection allows 320: the district rejects it, and
    // must say why.
    await chaoyangmen.call(UPDATE_FACTS, { id: riverside.id, input: { seatedCapacity: 400 } });
    await admin.receives('VENUE_SUBMITTED', undefined, 'seatedCapacity: 320 → 400');
    const unexplained = await admin.refused(REVIEW_VENUE_CHANGE, {
      id: riverside.id,
      approve: false,
    });
    expect(unexplained).toMatchObject({ code: 'BAD_USER_INPUT', field: 'reason' });
    const fireCode = '消防核定坐席320 The fire inspection allows 320 seats';
    expect(
      (
        await admin.call(REVIEW_VENUE_CHANGE, {
          id: riverside.id,
          approve: false,
          reason: fireCode,
        })
      ).reviewVenueChange,
    ).toMatchObject({ seatedCapacity: 320, securityLevel: 3, pendingChange: null });
    const seatsRefused = await chaoyangmen.receives(
      'VENUE_REVIEWED',
      undefined,
      `Venue change rejected: ${RIVERSIDE}`,
    );
    expect(seatsRefused.bodyEn).toContain(`Reason: ${fireCode}`);

    // Another organizer asks for the Beixinqiao hall the same Friday morning; the district is
    // asked, for the subdistrict.
    const corner = await request(organizer2, {
      venueId: hallId,
      title: CORNER,
      startsAt: on(3, 5, '10:00'),
      endsAt: on(3, 5, '12:00'),
      attendees: 25,
    });
    expect(corner.status).toBe('PENDING_APPROVAL');
    await admin.receives('APPROVAL_REQUESTED', corner.id);

    // The hall's roof leaks: the district takes it out of service. Both its bookings are left in
    // place, listed for the district to follow up.
    const leak = '屋顶漏水 The roof leaks';
    const suspended = (await admin.call(SUSPEND_VENUE, { id: hallId, reason: leak })).suspendVenue;
    expect(suspended).toEqual({
      status: 'SUSPENDED',
      statusReason: leak,
      affectedBookings: [
        {
          id: corner.id,
          title: CORNER,
          status: 'PENDING_APPROVAL',
          startsAt: new Date(on(3, 5, '10:00')).toISOString(),
        },
        {
          id: dialogue.id,
          title: DIALOGUE,
          status: 'APPROVED',
          startsAt: new Date(on(3, 5, '15:00')).toISOString(),
        },
      ],
    });
    // The dialogue's organizer is told the booking stands until they move or cancel it.
    const closed = await organizer.receives('VENUE_SUSPENDED', dialogue.id);
    expect(closed).toMatchObject({ subjectEn: `Venue suspended: ${DIALOGUE}`, critical: true });
    expect(closed.bodyEn).toContain(`Why suspended: ${leak}`);
    expect(closed.bodyEn).toContain(
      'The booking stays as it is until its organizer moves or cancels it',
    );
    // The waiting request cannot be approved at a hall out of service; it can be turned down.
    const notThere = await admin.refused(APPROVE, { id: corner.id });
    expect(notThere.code).toBe('VENUE_NOT_ACTIVE');
    expect(notThere.message).toContain('主办方可以把预订改到其他场地或取消'); // in the admin's language, Chinese
    const turnedDown = (
      await admin.call(REJECT, { id: corner.id, reason: `${leak}; please choose another venue` })
    ).rejectBooking;
    expect(turnedDown.status).toBe('REJECTED');
    expect(trail(turnedDown.auditTrail).at(-1)).toBe(
      `rejected PENDING_APPROVAL→REJECTED by admin@demo.local for SUBDISTRICT: ${leak}; please choose another venue`,
    );
    await organizer2.receives('BOOKING_REJECTED', corner.id);

    // The admin has the planner staff the forum: two simultaneous interpreters, three officers
    // and two for VIP protection, every place filled.
    const plan = (await admin.call(AUTO_STAFF, { id: forum.id })).autoStaffBooking;
    expect(plan.statistics).toEqual({ places: 7, covered: 7 });
    expect(plan.unfilled).toEqual([]);
    expect(
      plan.assigned
        .map(
          (a: any) =>
            `${a.requirement.kind}${a.requirement.skill ? ` ${a.requirement.skill}` : ''}`,
        )
        .sort(),
    ).toEqual([
      'INTERPRETER',
      'INTERPRETER',
      'SECURITY_OFFICER',
      'SECURITY_OFFICER',
      'SECURITY_OFFICER',
      'SECURITY_OFFICER VIP_PROTECTION',
      'SECURITY_OFFICER VIP_PROTECTION',
    ]);

    // Security has not acknowledged the HIGH forum's notice in time: the admin is told.
    const escalation = await admin.receives('SECURITY_ESCALATION', forum.id);
    expect(escalation).toMatchObject({
      subjectEn: `Not acknowledged by security: Security notice: ${FORUM}`,
      critical: true,
    });
    expect(escalation.bodyEn).toContain('Attendees: 120, of them foreign guests: 30');

    // The week's figures across the district: both events count, one of each protocol level.
    const range = { from: on(3, 1, '00:00'), to: on(4, 1, '00:00') };
    const report = (await admin.call(REPORT, range)).serviceCapacityReport;
    expect(report.subdistrictId).toBeNull();
    expect(report.totals).toMatchObject({
      events: 2,
      approvals: 2,
      foreignGuests: 40,
      bookingsByProtocol: { standard: 1, high: 1, state: 0 },
    });
    expect(
      report.bySubdistrict.filter((s: any) => s.events > 0).map((s: any) => [s.nameEn, s.events]),
    ).toEqual([
      ['Beixinqiao', 1],
      ['Chaoyangmen', 1],
    ]);
    // And as a spreadsheet, one row per subdistrict.
    const rows = await admin.csv('subdistricts', range);
    expect(
      rows.filter((r) => r.events !== '0').map((r) => [r.name_en, r.events, r.high_events]),
    ).toEqual([
      ['Beixinqiao', '1', '0'],
      ['Chaoyangmen', '1', '1'],
    ]);
  });
});
