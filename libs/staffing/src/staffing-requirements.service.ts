import { Inject, Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { EntityManager, In, Repository } from 'typeorm';
import { Actor, Role } from '@app/auth';
import {
  BookingChange,
  BookingEntity,
  BookingLifecycle,
  BookingParticipant,
  BookingQueriesService,
  BookingReader,
  NOTHING_IN_THIS_PHASE,
  BookingStatus,
} from '@app/bookings';
import { APP_CONFIG, AppConfig } from '@app/config';
import { insertEntities, OutboxEvent, TransactionRunner, writeOutbox } from '@app/database';
import { BookableVenueReader, VenueEntity } from '@app/venues';
import { assignmentEvent } from './assignment-events';
import { AssignmentEntity } from './assignment.entity';
import { AssignmentsRepository } from './assignments.repository';
import { deriveRequirements, RequirementSpec, ruleKeyOf } from './requirement-rules';
import { REST_HOURS, scheduleProblem } from './schedule-rules';
import { availabilityProblem } from './staff-eligibility';
import { ACTIVE_ASSIGNMENT_STATUSES, AssignmentStatus, RequirementStatus } from './staffing-enums';
import { StaffingRequirementEntity } from './staffing-requirement.entity';
import { StaffingRequirementsRepository } from './staffing-requirements.repository';
import { StaffingError, StaffingErrorCode } from './staffing.errors';
import { REQUIREMENTS_RECONCILE_HORIZON_MS } from './staffing.jobs';
import { staffingMessages } from './staffing.messages';

/** Assignments this close to a moved one can clash with it, or touch its day or rest. */
const NEARBY = (24 + REST_HOURS) * 3_600_000;

/** Booking states that keep their requirements as they are until decided. */
const AWAITING = [BookingStatus.HELD, BookingStatus.PENDING_APPROVAL];

/**
 * The requirement a rule-table line asks of the booking now, updating `current` (the line's row)
 * where there is one: a headcount set by hand stays.
 */
function derived(
  booking: BookingEntity,
  spec: RequirementSpec,
  now: Date,
  current?: StaffingRequirementEntity,
): StaffingRequirementEntity {
  const requirement =
    current ??
    Object.assign(new StaffingRequirementEntity(), {
      bookingId: booking.id,
      ruleKey: ruleKeyOf(spec),
      overridden: false,
      createdAt: now,
    });
  const { headcount, ...rest } = spec;
  return Object.assign(requirement, rest, {
    headcount: requirement.overridden ? requirement.headcount : headcount,
    status: RequirementStatus.OPEN,
    derivedFromVersion: booking.version,
    updatedAt: now,
  });
}

/**
 * Keeps each booking's staffing requirements in line with the booking, as a participant in every
 * change of it: derived from the rule table while it is APPROVED (a move moves them, an override
 * keeps its headcount), released when it is not, and kept as they stand while a decision is
 * awaited and once the event is over. Reconciling is idempotent; the worker runs it periodically
 * over the coming weeks as a safety net, and the planner before it plans.
 */
@Injectable()
export class StaffingRequirementsService implements OnModuleInit {
  private readonly logger = new Logger(StaffingRequirementsService.name);

  constructor(
    private readonly bookings: BookingQueriesService,
    private readonly reader: BookingReader,
    private readonly venues: BookableVenueReader,
    private readonly transactions: TransactionRunner,
    private readonly assignments: AssignmentsRepository,
    private readonly requirements: StaffingRequirementsRepository,
    private readonly lifecycle: BookingLifecycle,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    const follow = (manager: EntityManager, change: BookingChange) =>
      this.reconcileLocked(manager, change.booking, change.venue).then(() => undefined);
    const participant: BookingParticipant = {
      name: 'staffing.requirements',
      inTransaction: {
        requested: (manager, { booking, venue }) => this.deriveForNew(manager, booking, venue),
        submitted: follow,
        // A request still waiting for the district has nothing to staff yet; an approved booking
        // whose change waits keeps its staff (following only keeps the derived version current).
        'approved-by-subdistrict': follow,
        approved: follow,
        rejected: follow,
        cancelled: follow,
        rescheduled: follow,
        'change-proposed': follow,
        'change-rejected': follow,
        'change-withdrawn': follow,
        // A hold never has requirements.
        expired: null,
        // The staffing of a finished event stays as it was: its record, and the report's.
        completed: null,
      },
      afterCommit: NOTHING_IN_THIS_PHASE,
    };
    this.lifecycle.register(participant);
  }

  /** The open requirements of a booking the caller may see, as stored: reading writes nothing. */
  async forBooking(actor: Actor, bookingId: string): Promise<StaffingRequirementEntity[]> {
    const booking = await this.bookingOf(actor, bookingId);
    // A booking awaiting a decision needs nothing yet; its rows wait to follow the decision.
    if (booking.status !== BookingStatus.APPROVED) return [];
    return this.requirements.openOf(booking.id);
  }

  /** A booking's open requirements as stored, for the system's own readers (notices). */
  openOf(bookingId: string): Promise<StaffingRequirementEntity[]> {
    return this.requirements.openOf(bookingId);
  }

  /** The district admin sets a headcount by hand; re-deriving keeps it and follows only the times. */
  async override(actor: Actor, id: string, headcount: number): Promise<StaffingRequirementEntity> {
    if (actor.role !== Role.DISTRICT_ADMIN) {
      throw new StaffingError(StaffingErrorCode.FORBIDDEN, staffingMessages.onlyAdminOverrides());
    }
    if (!Number.isInteger(headcount) || headcount < 1 || headcount > 200) {
      throw new StaffingError(
        StaffingErrorCode.BAD_USER_INPUT,
        staffingMessages.badHeadcount(),
        'headcount',
      );
    }
    return this.transactions.run(async (manager) => {
      const repository = manager.getRepository(StaffingRequirementEntity);
      const requirement = await repository
        .createQueryBuilder('r')
        .setLock('pessimistic_write')
        .where('r.id = :id', { id })
        .getOne();
      if (!requirement)
        throw new StaffingError(
          StaffingErrorCode.NOT_FOUND,
          staffingMessages.noRequirement(id),
          'id',
        );
      if (requirement.status !== RequirementStatus.OPEN) {
        throw new StaffingError(
          StaffingErrorCode.REQUIREMENT_NOT_ASSIGNABLE,
          staffingMessages.requirementReleased(),
        );
      }
      Object.assign(requirement, { headcount, overridden: true, updatedAt: new Date() });
      return repository.save(requirement);
    });
  }

  async bookingOf(actor: Actor, bookingId: string): Promise<BookingEntity> {
    const booking = await this.bookings.get(actor, bookingId);
    if (!booking)
      throw new StaffingError(
        StaffingErrorCode.NOT_FOUND,
        staffingMessages.noBooking(bookingId),
        'bookingId',
      );
    return booking;
  }

  /** Brings one booking's requirements up to date, under the booking's row lock. */
  reconcile(bookingId: string): Promise<StaffingRequirementEntity[]> {
    // READ COMMITTED, as in a change: the staff's conflict checks after their locks must see
    // what the previous lock holders committed, not a snapshot from before the locks.
    return this.transactions.run(
      async (manager) => {
        const booking = await this.reader.lockForSystem(manager, bookingId);
        if (!booking)
          throw new StaffingError(
            StaffingErrorCode.NOT_FOUND,
            staffingMessages.noBooking(bookingId),
            'bookingId',
          );
        return this.reconcileLocked(manager, booking);
      },
      { isolation: 'READ COMMITTED' },
    );
  }

  /** As reconcile, for a booking whose row the caller has locked (and whose venue it may know). */
  private async reconcileLocked(
    manager: EntityManager,
    booking: BookingEntity,
    venue?: VenueEntity,
  ): Promise<StaffingRequirementEntity[]> {
    const repository = manager.getRepository(StaffingRequirementEntity);
    const existing = await repository.find({
      where: { bookingId: booking.id },
      order: { id: 'ASC' },
    });
    if (existing.length && existing.every((r) => r.derivedFromVersion === booking.version))
      return existing;
    const now = new Date();
    // Awaiting a decision (a reschedule back in approval): the staff stay put until it comes.
    if (AWAITING.includes(booking.status)) return this.putOnHold(repository, existing, now);

    const specs =
      booking.status === BookingStatus.APPROVED
        ? deriveRequirements(
            booking,
            (venue ?? (await this.venueOf(manager, booking))).securityLevel,
          )
        : [];
    const byKey = new Map(existing.map((requirement) => [requirement.ruleKey, requirement]));
    const wanted = new Set<string>();
    for (const spec of specs) {
      const requirement = derived(booking, spec, now, byKey.get(ruleKeyOf(spec)));
      wanted.add(requirement.ruleKey);
      byKey.set(requirement.ruleKey, requirement);
    }
    for (const [ruleKey, requirement] of byKey) {
      if (wanted.has(ruleKey)) continue;
      Object.assign(requirement, {
        status: RequirementStatus.RELEASED,
        derivedFromVersion: booking.version,
        updatedAt: now,
      });
    }
    const saved = await repository.save([...byKey.values()]);
    await this.followRequirements(manager, booking, saved, now);
    return saved;
  }

  private putOnHold(
    repository: Repository<StaffingRequirementEntity>,
    requirements: StaffingRequirementEntity[],
    now: Date,
  ): Promise<StaffingRequirementEntity[]> {
    const open = requirements.filter((r) => r.status === RequirementStatus.OPEN);
    for (const requirement of open)
      Object.assign(requirement, { status: RequirementStatus.ON_HOLD, updatedAt: now });
    return open.length ? repository.save(requirements) : Promise.resolve(requirements);
  }

  /**
   * Brings approved bookings overlapping [from, to) up to date before planning them: those
   * whose requirements were never derived, or derived from an older version.
   */
  /** The worker's periodic safety net: the approved bookings of the coming weeks. */
  reconcileUpcoming(now = new Date()): Promise<number> {
    return this.reconcileApprovedBetween(
      now,
      new Date(now.getTime() + REQUIREMENTS_RECONCILE_HORIZON_MS),
    );
  }

  async reconcileApprovedBetween(from: Date, to: Date): Promise<number> {
    const approved = await this.reader.approvedVersionsBetween(from, to);
    const current = await this.requirements.derivedAt(approved);
    const stale = approved.filter((booking) => !current.has(booking.id));
    for (const { id } of stale) await this.reconcile(id);
    return stale.length;
  }

  /**
   * Assignments follow their requirement: when the booking moves, each person moves with it if
   * they can (on duty, free, within their hours; PROPOSED again, to confirm the new time), and is
   * released otherwise, as everyone is when the requirement is released. The planner refills.
   */
  private async followRequirements(
    manager: EntityManager,
    booking: BookingEntity,
    requirements: StaffingRequirementEntity[],
    now: Date,
  ) {
    const byId = new Map(requirements.map((r) => [r.id, r]));
    const active = byId.size
      ? await manager.getRepository(AssignmentEntity).findBy({
          requirementId: In([...byId.keys()]),
          status: In(ACTIVE_ASSIGNMENT_STATUSES),
        })
      : [];
    const events: OutboxEvent[] = [];
    const changed: AssignmentEntity[] = [];
    for (const assignment of active) {
      const requirement = byId.get(assignment.requirementId)!;
      const moved =
        assignment.startsAt.getTime() !== requirement.startsAt.getTime() ||
        assignment.endsAt.getTime() !== requirement.endsAt.getTime() ||
        assignment.venueId !== booking.venueId;
      if (requirement.status === RequirementStatus.OPEN && !moved) continue;
      const problem =
        requirement.status === RequirementStatus.RELEASED
          ? 'The booking no longer needs this'
          : await this.cannotFollow(manager, assignment, requirement, booking.venueId);
      if (problem) {
        Object.assign(assignment, { status: AssignmentStatus.CANCELLED, reason: problem });
      } else {
        Object.assign(assignment, {
          status: AssignmentStatus.PROPOSED,
          startsAt: requirement.startsAt,
          endsAt: requirement.endsAt,
          venueId: booking.venueId,
          reason: 'The booking moved; please confirm the new time',
        });
      }
      Object.assign(assignment, { version: assignment.version + 1, updatedAt: now });
      changed.push(assignment);
      events.push(
        assignmentEvent(assignment, problem ? 'assignment.cancelled' : 'assignment.moved', null),
      );
    }
    if (!changed.length) return;
    await manager.getRepository(AssignmentEntity).save(changed);
    await writeOutbox(manager, events);
  }

  /** Why the person cannot take the requirement's new time, under their lock; null if they can. */
  private async cannotFollow(
    manager: EntityManager,
    assignment: AssignmentEntity,
    requirement: StaffingRequirementEntity,
    venueId: string,
  ): Promise<string | null> {
    const profile = await this.assignments.lockStaff(manager, assignment.staffId);
    if (!profile) return 'The staff member is no longer active';
    const offDuty = availabilityProblem(profile, requirement.startsAt, requirement.endsAt);
    if (offDuty) return `The booking moved: ${offDuty.message.en}`;
    const others = (
      await this.assignments.standingOverlapping(
        manager,
        assignment.staffId,
        new Date(requirement.startsAt.getTime() - NEARBY),
        new Date(requirement.endsAt.getTime() + NEARBY),
      )
    ).filter((other) => other.id !== assignment.id);
    const problem = scheduleProblem(
      profile.member,
      others,
      { startsAt: requirement.startsAt, endsAt: requirement.endsAt, venueId },
      this.config.staffing.travelMinutes,
    );
    return problem ? `The booking moved: ${problem.message.en}` : null;
  }

  /**
   * A booking approved as it is made needs its requirements from the start: written in the
   * booking's transaction, from the venue it read, with nobody assigned yet to follow.
   */
  private async deriveForNew(
    manager: EntityManager,
    booking: BookingEntity,
    venue: VenueEntity,
  ): Promise<void> {
    if (booking.status !== BookingStatus.APPROVED) return;
    const now = new Date();
    const requirements = deriveRequirements(booking, venue.securityLevel).map((spec) =>
      derived(booking, spec, now),
    );
    await insertEntities(manager, StaffingRequirementEntity, requirements);
  }

  private async venueOf(manager: EntityManager, booking: BookingEntity): Promise<VenueEntity> {
    const [bookable] = await this.venues.load(manager, [booking.venueId]);
    return bookable.venue;
  }
}
