import { Injectable } from '@nestjs/common';
import { Actor, Role } from '@app/auth';
import { BookingEntity, BookingQueriesService, BookingStatus } from '@app/bookings';
import { TransactionRunner, writeOutbox } from '@app/database';
import { BookableVenueReader } from '@app/venues';
import { EntityManager, In } from 'typeorm';
import {
  ACTIVE_ASSIGNMENT_STATUSES,
  AssignmentEntity,
  AssignmentStatus,
} from './assignment.entity';
import { deriveRequirements, ruleKeyOf } from './requirement-rules';
import { RequirementStatus, StaffingRequirementEntity } from './staffing-requirement.entity';
import { StaffingError, StaffingErrorCode } from './staffing.errors';

/**
 * Keeps each booking's staffing requirements in line with the booking: derived from the rule
 * table while it is APPROVED (a reschedule moves them, an override keeps its headcount), and
 * released when it is not. Reconciling is idempotent, so it may run whenever it is needed.
 */
@Injectable()
export class StaffingRequirementsService {
  constructor(
    private readonly bookings: BookingQueriesService,
    private readonly venues: BookableVenueReader,
    private readonly transactions: TransactionRunner,
  ) {}

  /** The open requirements of a booking the caller may see. */
  async forBooking(actor: Actor, bookingId: string): Promise<StaffingRequirementEntity[]> {
    const booking = await this.bookings.get(actor, bookingId);
    if (!booking)
      throw new StaffingError(StaffingErrorCode.NOT_FOUND, `No booking ${bookingId}`, 'bookingId');
    const requirements = await this.reconcile(booking.id);
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

      const now = new Date();
      const specs =
        booking.status === BookingStatus.APPROVED ? await this.specsFor(manager, booking) : [];
      const byKey = new Map(existing.map((requirement) => [requirement.ruleKey, requirement]));
      const wanted = new Set<string>();
      for (const spec of specs) {
        const ruleKey = ruleKeyOf(spec);
        wanted.add(ruleKey);
        const current =
          byKey.get(ruleKey) ??
          Object.assign(new StaffingRequirementEntity(), {
            bookingId,
            ruleKey,
            overridden: false,
            createdAt: now,
          });
        const { headcount, ...rest } = spec;
        Object.assign(current, rest, {
          headcount: current.overridden ? current.headcount : headcount,
          status: RequirementStatus.OPEN,
          derivedFromVersion: booking.version,
          updatedAt: now,
        });
        byKey.set(ruleKey, current);
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
      await this.releaseStaleAssignments(manager, saved, now);
      return saved;
    });
  }

  /**
   * Assignments of a released requirement, or made for times the requirement no longer has
   * (the booking moved), are cancelled: the person is free again and the planner refills.
   */
  private async releaseStaleAssignments(
    manager: EntityManager,
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
    const stale = active.filter((assignment) => {
      const requirement = byId.get(assignment.requirementId)!;
      return (
        requirement.status === RequirementStatus.RELEASED ||
        assignment.startsAt.getTime() !== requirement.startsAt.getTime() ||
        assignment.endsAt.getTime() !== requirement.endsAt.getTime()
      );
    });
    for (const assignment of stale) {
      const released = byId.get(assignment.requirementId)!.status === RequirementStatus.RELEASED;
      Object.assign(assignment, {
        status: AssignmentStatus.CANCELLED,
        reason: released
          ? 'The booking no longer needs this'
          : 'The booking moved; to be replanned',
        version: assignment.version + 1,
        updatedAt: now,
      });
    }
    if (!stale.length) return;
    await manager.getRepository(AssignmentEntity).save(stale);
    await writeOutbox(
      manager,
      stale.map((assignment) => ({
        aggregateType: 'assignment',
        aggregateId: assignment.id,
        eventType: 'assignment.cancelled',
        payload: {
          assignmentId: assignment.id,
          version: assignment.version,
          staffId: assignment.staffId,
          reason: assignment.reason,
        },
      })),
    );
  }

  private async specsFor(manager: EntityManager, booking: BookingEntity) {
    const [bookable] = await this.venues.load(manager, [booking.venueId]);
    return deriveRequirements(booking, bookable.venue.securityLevel);
  }
}
