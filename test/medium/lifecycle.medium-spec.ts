import { Actor, AuthModule, Role } from '@app/auth';
import { actorOf, districtAdmin, newUser } from '@app/auth/testing';
import {
  ApprovalService,
  BookingChange,
  BookingHousekeepingService,
  BookingLifecycle,
  BookingParticipant,
  BookingQueriesService,
  BookingReader,
  BookingsModule,
  BookingStatus,
  BookingTransitionKind,
  InterpretationMode,
  NOTHING_IN_THIS_PHASE,
  ReservationService,
} from '@app/bookings';
import { newBooking } from '@app/bookings/testing';
import {
  AssignmentService,
  AssignmentStatus,
  RequirementStatus,
  StaffDirectoryService,
  StaffingModule,
  StaffingRequirementsService,
} from '@app/staffing';
import { newStaff } from '@app/staffing/testing';
import { VenuesModule } from '@app/venues';
import { newVenue } from '@app/venues/testing';
import { MediumContext } from './support/medium-context';

const HOUR = 3_600_000;
/** Every kind: the record that names them all for a participant doing nothing. */
const KINDS = Object.keys(NOTHING_IN_THIS_PHASE) as BookingTransitionKind[];

/** A whole hour `hours` from now. */
const hoursAhead = (hours: number) => new Date(Math.ceil(Date.now() / HOUR) * HOUR + hours * HOUR);

interface Seen {
  phase: 'inTransaction' | 'afterCommit';
  kind: BookingTransitionKind;
  bookingId: string;
  from: BookingStatus | null;
  to: BookingStatus;
  actorId: string | null;
}

/**
 * A participant that writes down every change it is shown, in both phases, and can be told to
 * fail in one of them.
 */
function recorder(seen: Seen[], failing: { phase: Seen['phase'] | null }): BookingParticipant {
  const note = (phase: Seen['phase']) => async (change: BookingChange) => {
    if (failing.phase === phase) throw new Error(`recorder fails ${phase}`);
    seen.push({
      phase,
      kind: change.transition.kind,
      bookingId: change.booking.id,
      from: change.from,
      to: change.booking.status,
      actorId: change.actorId,
    });
  };
  const inTransaction = note('inTransaction');
  const afterCommit = note('afterCommit');
  return {
    name: 'test.recorder',
    inTransaction: Object.fromEntries(
      KINDS.map((kind) => [
        kind,
        (_manager: unknown, change: BookingChange) => inTransaction(change),
      ]),
    ) as unknown as BookingParticipant['inTransaction'],
    afterCommit: Object.fromEntries(
      KINDS.map((kind) => [kind, afterCommit]),
    ) as unknown as BookingParticipant['afterCommit'],
  };
}

describe('booking lifecycle', () => {
  let ctx: MediumContext;
  const seen: Seen[] = [];
  const failing: { phase: Seen['phase'] | null } = { phase: null };
  let organizer: Actor;
  let manager: Actor;
  let admin: Actor;

  beforeAll(async () => {
    ctx = await MediumContext.start({
      imports: [AuthModule, VenuesModule, BookingsModule, StaffingModule],
    });
    ctx.get(BookingLifecycle).register(recorder(seen, failing));
    organizer = actorOf(await newUser(ctx));
    manager = actorOf(await newUser(ctx, { role: Role.SUBDISTRICT_MANAGER }));
    admin = actorOf(await districtAdmin(ctx));
  });
  afterAll(() => ctx?.close());
  beforeEach(() => {
    seen.length = 0;
    failing.phase = null;
  });

  const kindsSeen = (phase: Seen['phase'], bookingId: string) =>
    seen.filter((s) => s.phase === phase && s.bookingId === bookingId).map((s) => s.kind);
  const trail = async (id: string) =>
    (await ctx.get(BookingQueriesService).auditTrails([id]))[0].map((entry) => entry.action);
  const outbox = async (id: string) =>
    (
      await ctx.dataSource.query<{ eventType: string }[]>(
        `SELECT event_type AS eventType FROM outbox_events
          WHERE aggregate_type = 'booking' AND aggregate_id = ? ORDER BY id`,
        [id],
      )
    ).map((row) => row.eventType);

  it('has the participants of bookings and staffing registered', () => {
    expect(ctx.get(BookingLifecycle).participantNames).toEqual([
      'bookings.hold-expiry',
      'staffing.requirements',
      'test.recorder',
    ]);
  });

  it('takes every change through both phases, with the audit trail and the outbox, whoever makes it', async () => {
    const venue = await newVenue(ctx, { requiresApproval: true });
    const reservations = ctx.get(ReservationService);
    const approvals = ctx.get(ApprovalService);
    const startsAt = hoursAhead(30);
    const held = await reservations.request(
      organizer,
      {
        venueId: venue.id,
        startsAt,
        endsAt: new Date(startsAt.getTime() + 2 * HOUR),
        title: 'Consular briefing',
        attendees: 30,
        hold: true,
      },
      'lifecycle-1',
    );
    await reservations.submit(organizer, held.id);
    await approvals.approve(manager, held.id, 'Welcome');
    await reservations.reschedule(
      organizer,
      held.id,
      hoursAhead(50),
      new Date(hoursAhead(50).getTime() + HOUR),
    );
    await approvals.reject(manager, held.id, 'The hall is needed then');
    await reservations.reschedule(organizer, held.id, hoursAhead(52), hoursAhead(53));
    await approvals.approve(manager, held.id);
    await reservations.reschedule(organizer, held.id, hoursAhead(54), hoursAhead(55));
    await reservations.reschedule(organizer, held.id, hoursAhead(52), hoursAhead(53));

    const expiring = await newBooking(ctx, {
      venue,
      status: BookingStatus.HELD,
      holdExpiresAt: new Date(Date.now() - 60_000),
    });
    expect(await ctx.get(BookingHousekeepingService).expireHold(expiring.id)).toBe(true);
    const ended = await newBooking(ctx, {
      venue,
      startsAt: hoursAhead(70),
      endsAt: hoursAhead(71),
    });
    expect(await ctx.get(BookingHousekeepingService).complete(ended.id, hoursAhead(72))).toBe(true);
    const cancelled = await newBooking(ctx, { venue, organizer: { id: organizer.userId } });
    await reservations.cancel(organizer, cancelled.id, 'Postponed');
    const undecided = await newBooking(ctx, {
      venue,
      organizer: { id: organizer.userId },
      startsAt: hoursAhead(74),
      endsAt: hoursAhead(75),
    });
    await reservations.reschedule(organizer, undecided.id, hoursAhead(76), hoursAhead(77));
    expect(
      await ctx.get(BookingHousekeepingService).lapseChange(undecided.id, hoursAhead(76)),
    ).toBe(true);

    const flow = [
      'requested',
      'submitted',
      'approved',
      'change-proposed',
      'change-rejected',
      'change-proposed',
      'rescheduled',
      'change-proposed',
      'change-withdrawn',
    ];
    expect(kindsSeen('inTransaction', held.id)).toEqual(flow);
    expect(kindsSeen('afterCommit', held.id)).toEqual(flow);
    expect(await trail(held.id)).toEqual(flow);
    expect(await outbox(held.id)).toEqual(flow.map((kind) => `booking.${kind}`));
    expect(seen.filter((s) => s.bookingId === held.id && s.phase === 'afterCommit')).toEqual([
      expect.objectContaining({ from: null, to: 'HELD', actorId: organizer.userId }),
      expect.objectContaining({ from: 'HELD', to: 'PENDING_APPROVAL' }),
      expect.objectContaining({
        from: 'PENDING_APPROVAL',
        to: 'APPROVED',
        actorId: manager.userId,
      }),
      // A change to an approved booking waits beside it: the booking stays APPROVED throughout.
      ...flow.slice(3).map(() => expect.objectContaining({ from: 'APPROVED', to: 'APPROVED' })),
    ]);
    // The system's own changes, made as the worker makes them: no actor.
    for (const [booking, kind, to] of [
      [expiring, 'expired', 'EXPIRED'],
      [ended, 'completed', 'COMPLETED'],
      [undecided, 'change-rejected', 'APPROVED'],
    ] as const) {
      expect(kindsSeen('inTransaction', booking.id).at(-1)).toBe(kind);
      expect(kindsSeen('afterCommit', booking.id).at(-1)).toBe(kind);
      expect(seen.at(-1)).toBeDefined();
      expect(seen.find((s) => s.bookingId === booking.id && s.kind === kind)).toMatchObject({
        actorId: null,
        to,
      });
      expect((await trail(booking.id)).at(-1)).toBe(kind);
      expect((await outbox(booking.id)).at(-1)).toBe(`booking.${kind}`);
    }
    expect(kindsSeen('afterCommit', cancelled.id).at(-1)).toBe('cancelled');
  });

  it('refuses a change a participant fails in its transaction, writing nothing', async () => {
    const booking = await newBooking(ctx, { organizer: { id: organizer.userId } });
    failing.phase = 'inTransaction';
    await expect(
      ctx.get(ReservationService).cancel(organizer, booking.id, 'Postponed'),
    ).rejects.toThrow('recorder fails inTransaction');
    const stored = await ctx.get(BookingReader).byId(booking.id);
    expect(stored).toMatchObject({ status: BookingStatus.APPROVED, version: booking.version });
    expect(await trail(booking.id)).toEqual(['requested']);
    expect(await outbox(booking.id)).toEqual(['booking.requested']);
  });

  it('keeps a change whose after-commit work fails', async () => {
    const booking = await newBooking(ctx, { organizer: { id: organizer.userId } });
    failing.phase = 'afterCommit';
    const cancelled = await ctx.get(ReservationService).cancel(organizer, booking.id, 'Postponed');
    expect(cancelled.status).toBe(BookingStatus.CANCELLED);
    expect(await trail(booking.id)).toEqual(['requested', 'cancelled']);
    expect(kindsSeen('inTransaction', booking.id)).toEqual(['requested', 'cancelled']);
    // The failure was logged; the change stands.
    expect(kindsSeen('afterCommit', booking.id)).toEqual(['requested']);
  });

  describe('staffing follows every change, the worker’s as the API’s', () => {
    /** An approved event needing one interpreter, with one who has accepted. */
    async function staffed() {
      const venue = await newVenue(ctx);
      const booking = await newBooking(ctx, {
        venue,
        organizer: { id: organizer.userId },
        startsAt: hoursAhead(40),
        endsAt: hoursAhead(42),
        foreignGuests: 8,
        interpretation: [{ from: 'zh', to: 'en', mode: InterpretationMode.CONSECUTIVE }],
      });
      const [requirement] = await ctx.get(StaffingRequirementsService).openOf(booking.id);
      const interpreter = await newStaff(ctx, { languages: ['en'] });
      const assignments = ctx.get(AssignmentService);
      const proposed = await assignments.assign(admin, requirement.id, interpreter.id);
      const [user] = await ctx.get(StaffDirectoryService).membersByIds([interpreter.id]);
      await assignments.respond(
        { userId: user!.userId, role: Role.INTERPRETER, subdistrictId: null },
        proposed.id,
        true,
      );
      return { booking, requirement, assignmentId: proposed.id };
    }
    const assignmentOf = async (requirementId: string) =>
      (await ctx.get(AssignmentService).byRequirementIds([requirementId]))[0][0];
    const requirementStatus = async (bookingId: string, requirementId: string) => {
      const open = await ctx.get(StaffingRequirementsService).openOf(bookingId);
      return open.some((r) => r.id === requirementId) ? RequirementStatus.OPEN : 'not open';
    };

    it('a cancellation releases the places and cancels the staff, in the same transaction', async () => {
      const { booking, requirement } = await staffed();
      expect((await assignmentOf(requirement.id)).status).toBe(AssignmentStatus.ACCEPTED);
      await ctx.get(ReservationService).cancel(organizer, booking.id, 'Postponed');
      expect(await requirementStatus(booking.id, requirement.id)).toBe('not open');
      expect(await assignmentOf(requirement.id)).toMatchObject({
        status: AssignmentStatus.CANCELLED,
        reason: 'The booking no longer needs this',
      });
    });

    it('a completion by the housekeeping pass keeps the event’s staffing as its record', async () => {
      const { booking, requirement } = await staffed();
      const swept = await ctx.get(BookingHousekeepingService).sweep(hoursAhead(43));
      expect(swept.completed).toBeGreaterThanOrEqual(1);
      expect((await ctx.get(BookingReader).byId(booking.id))!.status).toBe(BookingStatus.COMPLETED);
      expect(await requirementStatus(booking.id, requirement.id)).toBe(RequirementStatus.OPEN);
      expect((await assignmentOf(requirement.id)).status).toBe(AssignmentStatus.ACCEPTED);
      // Reading the requirements, as the API does, changes none of it.
      await ctx.get(StaffingRequirementsService).forBooking(admin, booking.id);
      expect((await assignmentOf(requirement.id)).status).toBe(AssignmentStatus.ACCEPTED);
    });

    it('a move waiting for approval keeps the places as approved; a rejection keeps them, an approval moves them', async () => {
      const venue = await newVenue(ctx, { requiresApproval: true });
      const booking = await newBooking(ctx, {
        venue,
        organizer: { id: organizer.userId },
        startsAt: hoursAhead(60),
        endsAt: hoursAhead(61),
        foreignGuests: 4,
        interpretation: [{ from: 'zh', to: 'en', mode: InterpretationMode.CONSECUTIVE }],
      });
      const requirements = ctx.get(StaffingRequirementsService);
      const [requirement] = await requirements.openOf(booking.id);
      const places = async () =>
        (await requirements.openOf(booking.id)).map(({ id, status, startsAt }) => ({
          id,
          status,
          startsAt,
        }));
      const approved = await places();
      await ctx
        .get(ReservationService)
        .reschedule(organizer, booking.id, hoursAhead(62), hoursAhead(63));
      expect(await places()).toEqual(approved);
      await ctx.get(ApprovalService).reject(manager, booking.id, 'No');
      expect(await places()).toEqual(approved);

      await ctx
        .get(ReservationService)
        .reschedule(organizer, booking.id, hoursAhead(64), hoursAhead(65));
      await ctx.get(ApprovalService).approve(manager, booking.id);
      const [moved] = await requirements.openOf(booking.id);
      expect(moved.id).toBe(requirement.id);
      expect(moved.status).toBe(RequirementStatus.OPEN);
      expect(moved.startsAt.getTime()).toBeGreaterThan(requirement.startsAt.getTime());
    });
  });
});
