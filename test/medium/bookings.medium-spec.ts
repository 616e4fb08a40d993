import { AuthModule, AuthService, Role, UsersService } from '@app/auth';
import { actorOf, newUser, QIANMEN, TEST_PASSWORD } from '@app/auth/testing';
import {
  ApprovalStage,
  BOOKINGS_QUEUE,
  BookingErrorCode,
  BookingHousekeepingService,
  BookingQueriesService,
  BookingReader,
  BookingsModule,
  BookingStatus,
  expireHoldJobId,
  InterpretationMode,
  ReservationService,
} from '@app/bookings';
import { newBooking } from '@app/bookings/testing';
import {
  StaffDirectoryService,
  StaffingModule,
  StaffingRequirementsService,
  StaffKind,
} from '@app/staffing';
import { newStaff } from '@app/staffing/testing';
import { BookableVenueReader, VenueStatus, VenuesModule } from '@app/venues';
import { newVenue } from '@app/venues/testing';
import { MediumContext } from './support/medium-context';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const MODULES = [AuthModule, VenuesModule, BookingsModule, StaffingModule];

/** A whole hour `hours` from now: times the tests reason about. */
const hoursAhead = (hours: number) => new Date(Math.ceil(Date.now() / HOUR) * HOUR + hours * HOUR);

/** The outbox events of these bookings, in order, as `type id version` (the event's own). */
async function outbox(ctx: MediumContext, bookingIds: string[]): Promise<string[]> {
  const rows = await ctx.dataSource.query<{ eventType: string; payload: string }[]>(
    `SELECT event_type AS eventType, payload FROM outbox_events
      WHERE aggregate_type = 'booking' AND aggregate_id IN (?) ORDER BY id`,
    [bookingIds],
  );
  return rows.map(({ eventType, payload }) => {
    const { bookingId, version } = JSON.parse(payload) as { bookingId: string; version: number };
    return `${eventType} ${bookingId} v${version}`;
  });
}

describe('factories', () => {
  let ctx: MediumContext;
  beforeAll(async () => (ctx = await MediumContext.start({ imports: MODULES })));
  afterAll(() => ctx?.close());

  const stored = async (id: string) => (await ctx.get(BookingReader).byId(id))!;

  it('newUser: an organizer by default, a manager bound to Qianmen, both able to sign in', async () => {
    const organizer = await newUser(ctx);
    const manager = await newUser(ctx, { role: Role.SUBDISTRICT_MANAGER });
    expect(organizer).toMatchObject({ role: Role.ORGANIZER, subdistrictId: null, active: true });
    expect(manager).toMatchObject({ role: Role.SUBDISTRICT_MANAGER, subdistrictId: QIANMEN });
    const auth = ctx.get(AuthService);
    expect(await auth.verifyPassword(manager.email, TEST_PASSWORD, '127.0.0.1')).toEqual(
      actorOf(manager),
    );
  });

  it('newVenue: ACTIVE and open all day every day, or stopped earlier in review', async () => {
    const venue = await newVenue(ctx, { subdistrictId: '2', requiresApproval: true });
    expect(venue).toMatchObject({ status: VenueStatus.ACTIVE, subdistrictId: '2' });
    expect(venue.requiresApproval).toBe(true);
    const hours = await ctx.get(BookableVenueReader).openingPeriodsOf([venue.id]);
    expect(hours.get(venue.id)?.sort((a, b) => a.weekday - b.weekday)).toEqual(
      [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({
        venueId: venue.id,
        weekday,
        opensMinute: 0,
        closesMinute: 1440,
      })),
    );
    const draft = await newVenue(ctx, { status: VenueStatus.DRAFT });
    expect(draft.status).toBe(VenueStatus.DRAFT);
  });

  it('newBooking: each status as the lifecycle would leave it, made as every new booking is', async () => {
    const venue = await newVenue(ctx, { setupMinutes: 30, teardownMinutes: 15 });
    const before = Date.now();
    const held = await newBooking(ctx, { venue, status: BookingStatus.HELD });
    const pending = await newBooking(ctx, { venue, status: BookingStatus.PENDING_APPROVAL });
    const district = await newBooking(ctx, {
      venue,
      status: BookingStatus.PENDING_APPROVAL,
      approvalStage: ApprovalStage.DISTRICT,
    });
    const approved = await newBooking(ctx, { venue });

    const heldRow = await stored(held.id);
    expect(heldRow).toMatchObject({ status: BookingStatus.HELD, submittedAt: null, version: 1 });
    const holdMs = ctx.config.bookings.holdMinutes * MINUTE;
    expect(heldRow.holdExpiresAt!.getTime()).toBeGreaterThanOrEqual(before + holdMs - 1);
    expect(heldRow.holdExpiresAt!.getTime()).toBeLessThanOrEqual(Date.now() + holdMs);
    expect(await stored(pending.id)).toMatchObject({
      status: BookingStatus.PENDING_APPROVAL,
      approvalStage: ApprovalStage.SUBDISTRICT,
      holdExpiresAt: null,
    });
    expect((await stored(pending.id)).submittedAt).toBeInstanceOf(Date);
    expect((await stored(district.id)).approvalStage).toBe(ApprovalStage.DISTRICT);
    const approvedRow = await stored(approved.id);
    expect(approvedRow).toMatchObject({
      status: BookingStatus.APPROVED,
      approvalStage: null,
      holdExpiresAt: null,
      organizerId: approved.organizerId,
    });
    // Each made without times has an hour of its own; the venue's buffers around it.
    expect(approvedRow.endsAt.getTime() - approvedRow.startsAt.getTime()).toBe(HOUR);
    expect(approvedRow.occupiedFrom).toEqual(
      new Date(approvedRow.startsAt.getTime() - 30 * MINUTE),
    );
    expect(approvedRow.occupiedUntil).toEqual(new Date(approvedRow.endsAt.getTime() + 15 * MINUTE));

    // One `requested` entry each, in the audit trail and the outbox; the hold's expiry planned.
    const ids = [held.id, pending.id, district.id, approved.id];
    const trails = await ctx.get(BookingQueriesService).auditTrails(ids);
    expect(
      trails.map((trail) => trail.map((a) => `${a.action} ${a.fromStatus}>${a.toStatus}`)),
    ).toEqual([
      ['requested null>HELD'],
      ['requested null>PENDING_APPROVAL'],
      ['requested null>PENDING_APPROVAL'],
      ['requested null>APPROVED'],
    ]);
    expect(await outbox(ctx, ids)).toEqual(ids.map((id) => `booking.requested ${id} v1`));
    const expiry = await ctx
      .queue(BOOKINGS_QUEUE)
      .getJob(expireHoldJobId({ bookingId: held.id, version: 1 }));
    expect(expiry?.data).toEqual({ bookingId: held.id, version: 1 });
  });

  it('newBooking refuses to overlap a blocking booking, but not a hold that ran out', async () => {
    const venue = await newVenue(ctx);
    const startsAt = hoursAhead(48);
    const endsAt = new Date(startsAt.getTime() + HOUR);
    await newBooking(ctx, {
      venue,
      status: BookingStatus.HELD,
      startsAt,
      endsAt,
      holdExpiresAt: new Date(Date.now() - MINUTE),
    });
    await newBooking(ctx, { venue, status: BookingStatus.APPROVED, startsAt, endsAt });
    await expect(
      newBooking(ctx, { venue, status: BookingStatus.PENDING_APPROVAL, startsAt, endsAt }),
    ).rejects.toThrow(`venue ${venue.id} is taken`);
    // Ends do not block.
    await newBooking(ctx, { venue, status: BookingStatus.CANCELLED, startsAt, endsAt });
  });

  it("newBooking writes what the booking's creation implies: staffing requirements", async () => {
    const booking = await newBooking(ctx, {
      attendees: 40,
      foreignGuests: 10,
      interpretation: [{ from: 'zh', to: 'en', mode: InterpretationMode.CONSECUTIVE }],
    });
    const requirements = await ctx.get(StaffingRequirementsService).openOf(booking.id);
    expect(requirements.filter((r) => r.kind === StaffKind.INTERPRETER)).toEqual([
      expect.objectContaining({ languageFrom: 'zh', languageTo: 'en', headcount: 1 }),
    ]);
    expect(requirements.some((r) => r.kind === StaffKind.SECURITY_OFFICER)).toBe(true);
  });

  it('newStaff: an interpreter of the languages asked for, an officer of the clearance asked for', async () => {
    const interpreter = await newStaff(ctx, { languages: ['en', 'fr'] });
    const officer = await newStaff(ctx, { kind: StaffKind.SECURITY_OFFICER, clearance: 3 });
    expect(interpreter).toMatchObject({ kind: StaffKind.INTERPRETER, accreditationLevel: 2 });
    expect(officer).toMatchObject({ kind: StaffKind.SECURITY_OFFICER, clearanceLevel: 3 });
    const [pairs] = await ctx.get(StaffDirectoryService).languagePairsByStaffIds([interpreter.id]);
    // Both directions with Chinese, in each of the three modes.
    expect(pairs).toHaveLength(12);
    expect(pairs).toContainEqual(
      expect.objectContaining({ languageFrom: 'fr', languageTo: 'zh', mode: 'SIMULTANEOUS' }),
    );
    const auth = ctx.get(AuthService);
    const [account] = await ctx.get(UsersService).findByIds([officer.userId]);
    expect(account.role).toBe(Role.SECURITY_OFFICER);
    expect((await auth.verifyPassword(account.email, TEST_PASSWORD, '127.0.0.1')).role).toBe(
      Role.SECURITY_OFFICER,
    );
  });
});

describe('ReservationService.request against bookings the factory made', () => {
  let ctx: MediumContext;
  beforeAll(async () => (ctx = await MediumContext.start({ imports: MODULES })));
  afterAll(() => ctx?.close());

  const request = (
    organizer: { id: string },
    venue: { id: string },
    startsAt: Date,
    hold = false,
  ) =>
    ctx.get(ReservationService).request(
      actorOf({ id: organizer.id, role: Role.ORGANIZER, subdistrictId: null }),
      {
        venueId: venue.id,
        title: 'Delegation visit',
        attendees: 30,
        startsAt,
        endsAt: new Date(startsAt.getTime() + HOUR),
        hold,
      },
      `key-${startsAt.getTime()}-${venue.id}-${hold}`,
    );

  it('is refused the slot of an approved or pending booking, not the slot next to it or a run-out hold', async () => {
    const venue = await newVenue(ctx);
    const organizer = await newUser(ctx);
    const at = hoursAhead(30);
    const approved = await newBooking(ctx, {
      venue,
      status: BookingStatus.APPROVED,
      startsAt: at,
      endsAt: new Date(at.getTime() + HOUR),
    });
    await newBooking(ctx, {
      venue,
      status: BookingStatus.PENDING_APPROVAL,
      startsAt: new Date(at.getTime() + 4 * HOUR),
      endsAt: new Date(at.getTime() + 5 * HOUR),
    });
    await newBooking(ctx, {
      venue,
      status: BookingStatus.HELD,
      startsAt: new Date(at.getTime() + 6 * HOUR),
      endsAt: new Date(at.getTime() + 7 * HOUR),
      holdExpiresAt: new Date(Date.now() - MINUTE),
    });

    await expect(
      request(organizer, venue, new Date(at.getTime() + 30 * MINUTE)),
    ).rejects.toMatchObject({
      code: BookingErrorCode.SLOT_TAKEN,
      details: {
        busyFrom: approved.occupiedFrom.toISOString(),
        busyUntil: approved.occupiedUntil.toISOString(),
      },
    });
    await expect(
      request(organizer, venue, new Date(at.getTime() + 4 * HOUR)),
    ).rejects.toMatchObject({ code: BookingErrorCode.SLOT_TAKEN });
    // Half-open ranges: straight after the approved one is free, and so is the run-out hold's hour.
    const next = await request(organizer, venue, new Date(at.getTime() + HOUR));
    expect(next.status).toBe(BookingStatus.APPROVED);
    const overHold = await request(organizer, venue, new Date(at.getTime() + 6 * HOUR));
    expect(overHold.status).toBe(BookingStatus.APPROVED);
  });

  it("schedules a new hold's expiry as one job per version, due when the hold runs out", async () => {
    const venue = await newVenue(ctx);
    const organizer = await newUser(ctx);
    const held = await request(organizer, venue, hoursAhead(40), true);
    expect(held.status).toBe(BookingStatus.HELD);
    const job = await ctx
      .queue(BOOKINGS_QUEUE)
      .getJob(expireHoldJobId({ bookingId: held.id, version: 1 }));
    expect(job?.data).toEqual({ bookingId: held.id, version: 1 });
    // Due at the hold's expiry: its delay counts from when the job was added, a moment later.
    const due = job!.timestamp + job!.delay;
    expect(due).toBeGreaterThanOrEqual(held.holdExpiresAt!.getTime());
    expect(due).toBeLessThanOrEqual(held.holdExpiresAt!.getTime() + 1000);
  });
});

describe('BookingHousekeepingService.sweep at a given time', () => {
  let ctx: MediumContext;
  beforeAll(async () => (ctx = await MediumContext.start({ imports: MODULES })));
  afterAll(() => ctx?.close());

  it('expires holds that ran out and completes approved bookings that ended, journaling each', async () => {
    const now = Date.now();
    const venue = await newVenue(ctx);
    const at = (ms: number) => new Date(now + ms);
    const slot = (fromHours: number, hours = 1) => ({
      startsAt: at(fromHours * HOUR),
      endsAt: at((fromHours + hours) * HOUR),
    });
    const shortHold = await newBooking(ctx, {
      venue,
      status: BookingStatus.HELD,
      holdExpiresAt: at(10 * MINUTE),
      ...slot(24),
    });
    const longHold = await newBooking(ctx, {
      venue,
      status: BookingStatus.HELD,
      holdExpiresAt: at(60 * MINUTE),
      ...slot(26),
    });
    const endsSoon = await newBooking(ctx, { venue, status: BookingStatus.APPROVED, ...slot(1) });
    const endsLater = await newBooking(ctx, { venue, status: BookingStatus.APPROVED, ...slot(5) });
    const undecided = await newBooking(ctx, {
      venue,
      status: BookingStatus.PENDING_APPROVAL,
      ...slot(2.5),
    });
    const housekeeping = ctx.get(BookingHousekeepingService);

    expect(await housekeeping.sweep(at(30 * MINUTE))).toEqual({
      expired: 1,
      completed: 0,
      lapsedChanges: 0,
    });
    expect(await housekeeping.sweep(at(3 * HOUR))).toEqual({
      expired: 1,
      completed: 1,
      lapsedChanges: 0,
    });
    // Nothing is due twice.
    expect(await housekeeping.sweep(at(3 * HOUR))).toEqual({
      expired: 0,
      completed: 0,
      lapsedChanges: 0,
    });

    const status = async (id: string) => (await ctx.get(BookingReader).byId(id))!.status;
    expect(await status(shortHold.id)).toBe(BookingStatus.EXPIRED);
    expect(await status(longHold.id)).toBe(BookingStatus.EXPIRED);
    expect(await status(endsSoon.id)).toBe(BookingStatus.COMPLETED);
    expect(await status(endsLater.id)).toBe(BookingStatus.APPROVED);
    expect(await status(undecided.id)).toBe(BookingStatus.PENDING_APPROVAL);

    // The system acted: no actor. One audit entry and one outbox event per move, version 2 each.
    const moved = [shortHold.id, longHold.id, endsSoon.id];
    const trails = await ctx.get(BookingQueriesService).auditTrails(moved);
    expect(
      trails.map((trail) =>
        trail.slice(1).map((a) => `${a.action} ${a.fromStatus}>${a.toStatus} by ${a.actorId}`),
      ),
    ).toEqual([
      ['expired HELD>EXPIRED by null'],
      ['expired HELD>EXPIRED by null'],
      ['completed APPROVED>COMPLETED by null'],
    ]);
    expect(
      (await outbox(ctx, moved)).filter((event) => !event.startsWith('booking.requested')),
    ).toEqual([
      `booking.expired ${shortHold.id} v2`,
      `booking.expired ${longHold.id} v2`,
      `booking.completed ${endsSoon.id} v2`,
    ]);
  });
});
