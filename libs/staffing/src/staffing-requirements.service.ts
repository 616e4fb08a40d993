import { Inject, Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { APP_CONFIG, AppConfig } from '@app/config';
import { OutboxEvent } from '@app/database';
import { Repository } from 'typeorm';
import { assignmentEvent } from './assignment-events';
import { AssignmentsRepository } from './assignments.repository';
import { REST_HOURS, scheduleProblem } from './schedule-rules';
import { availabilityProblem } from './staff-eligibility';

/** Assignments this close to a moved one can clash with it, or touch its day or rest. */
const NEARBY = (24 + REST_HOURS) * 3_600_000;
import { Actor, Role } from '@app/auth';
import {
  BookingCreationHooks,
  BookingEntity,
  BookingQueriesService,
  BookingStatus,
} from '@app/bookings';
import { insertEntities, TransactionRunner, writeOutbox } from '@app/database';
import { BookableVenueReader, VenueEntity } from '@app/venues';
import { EntityManager, In } from 'typeorm';
import {
  ACTIVE_ASSIGNMENT_STATUSES,
  AssignmentEntity,
  AssignmentStatus,
} from './assignment.entity';
import { deriveRequirements, RequirementSpec, ruleKeyOf } from './requirement-rules';
import { RequirementStatus, StaffingRequirementEntity } from './staffing-requirement.entity';
import { StaffingError, StaffingErrorCode } from './staffing.errors';

/**
 * Keeps each booking's staffing requirements in line with the booking: derived from the rule
 * table while it is APPROVED (a reschedule moves them, an override keeps its headcount), and
 * released when it is not. Reconciling is idempotent, so it may run whenever it is needed.
 */
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

@Injectable()
export class StaffingRequirementsService implements OnModuleInit {
  private readonly logger = new Logger(StaffingRequirementsService.name);

  constructor(
    private readonly bookings: BookingQueriesService,
    private readonly venues: BookableVenueReader,
    private readonly transactions: TransactionRunner,
    private readonly assignments: AssignmentsRepository,
    @InjectRepository(BookingEntity) private readonly bookingRepository: Repository<BookingEntity>,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly creationHooks: BookingCreationHooks,
  ) {}

  onModuleInit(): void {
    this.creationHooks.register((manager, booking, venue) =>
      this.deriveForNew(manager, booking, venue),
    );
  }

  /** The open requirements of a booking the caller may see. */
  async forBooking(actor: Actor, bookingId: string): Promise<StaffingRequirementEntity[]> {
    const booking = await this.bookings.get(actor, bookingId);
    if (!booking)
      throw new StaffingError(StaffingErrorCode.NOT_FOUND, `No booking ${bookingId}`, 'bookingId');
    const requirements = await this.reconcile(booking.id);
    // A booking awaiting a decision needs nothing yet; its rows wait to follow the decision.
    if (booking.status !== BookingStatus.APPROVED) return [];
    return requirements.filter((requirement) => requirement.status === RequirementStatus.OPEN);
  }

  /** The district admin sets a headcount by hand; re-deriving keeps it and follows only the times. */
  async override(actor: Actor, id: string, headcount: number): Promise<StaffingRequirementEntity> {
    if (actor.role !== Role.DISTRICT_ADMIN) {
      throw new StaffingError(
        StaffingErrorCode.FORBIDDEN,
        'Only the district admin overrides requirements',
      );
    }
    if (!Number.isInteger(headcount) || headcount < 1 || headcount > 200) {
      throw new StaffingError(
        StaffingErrorCode.BAD_USER_INPUT,
        'headcount must be 1 to 200',
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
        throw new StaffingError(StaffingErrorCode.NOT_FOUND, `No requirement ${id}`, 'id');
      if (requirement.status !== RequirementStatus.OPEN) {
        throw new StaffingError(
          StaffingErrorCode.REQUIREMENT_NOT_ASSIGNABLE,
          'This requirement has been released',
        );
      }
      Object.assign(requirement, { headcount, overridden: true, updatedAt: new Date() });
      return repository.save(requirement);
    });
  }

  async bookingOf(actor: Actor, bookingId: string): Promise<BookingEntity> {
    const booking = await this.bookings.get(actor, bookingId);
    if (!booking)
      throw new StaffingError(StaffingErrorCode.NOT_FOUND, `No booking ${bookingId}`, 'bookingId');
    return booking;
  }

  /**
   * Called after each booking change, so requirements and assignments follow at once. Best
   * effort: the change has committed, and reading the requirements reconciles them again.
   * Given the status the change left, a booking awaiting a decision is skipped: reconcile keeps
   * its requirements as they are (see there), so its transaction would change nothing.
   */
  async follow(bookingId: string, status?: BookingStatus): Promise<void> {
    if (status && AWAITING.includes(status)) return;
    try {
      await this.reconcile(bookingId);
    } catch (error) {
      this.logger.warn(`staffing of booking ${bookingId} not yet reconciled: ${String(error)}`);
    }
  }

  /** Brings one booking's requirements up to date, under the booking's row lock. */
  reconcile(bookingId: string): Promise<StaffingRequirementEntity[]> {
    return this.transactions.run(async (manager) => {
      const booking = await manager
        .getRepository(BookingEntity)
        .createQueryBuilder('b')
        .setLock('pessimistic_write')
        .where('b.id = :bookingId', { bookingId })
        .getOneOrFail();
      const repository = manager.getRepository(StaffingRequirementEntity);
      const existing = await repository.find({ where: { bookingId }, order: { id: 'ASC' } });
      if (existing.length && existing.every((r) => r.derivedFromVersion === booking.version))
        return existing;
      // Awaiting a decision (a reschedule back in approval): the staff stay put until it comes.
      if (AWAITING.includes(booking.status)) return existing;

      const now = new Date();
      const specs =
        booking.status === BookingStatus.APPROVED ? await this.specsFor(manager, booking) : [];
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
    });
  }

  /**
   * Brings approved bookings overlapping [from, to) up to date before planning them: those
   * whose requirements were never derived, or derived from an older version.
   */
  async reconcileApprovedBetween(from: Date, to: Date): Promise<void> {
    const stale: { id: string }[] = await this.bookingRepository
      .createQueryBuilder('b')
      .select('b.id', 'id')
      .where('b.status = :approved AND b.starts_at < :to AND b.ends_at > :from', {
        approved: BookingStatus.APPROVED,
        from,
        to,
      })
      .andWhere(
        'NOT EXISTS (SELECT 1 FROM staffing_requirements r WHERE r.booking_id = b.id AND r.derived_from_version = b.version)',
      )
      .getRawMany();
    for (const { id } of stale) await this.reconcile(String(id));
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
    if (offDuty) return `The booking moved: ${offDuty}`;
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
    return problem ? `The booking moved: ${problem.message}` : null;
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

  private async specsFor(manager: EntityManager, booking: BookingEntity) {
    const [bookable] = await this.venues.load(manager, [booking.venueId]);
    return deriveRequirements(booking, bookable.venue.securityLevel);
  }
}
