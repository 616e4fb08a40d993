import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import { Actor } from '@app/auth';
import { BookingReader } from '@app/bookings';
import { groupsFor } from '@app/common';
import { APP_CONFIG, AppConfig } from '@app/config';
import { TransactionRunner, writeOutbox } from '@app/database';
import { assignmentEvent } from './assignment-events';
import { AssignmentEntity } from './assignment.entity';
import { AssignmentsRepository } from './assignments.repository';
import { REST_HOURS, scheduleProblem } from './schedule-rules';
import { canManageStaff } from './staff-access.policy';
import { availabilityProblem, qualificationProblem } from './staff-eligibility';
import { StaffMemberEntity } from './staff-member.entity';
import { AssignmentStatus, RequirementStatus } from './staffing-enums';
import { StaffingRequirementEntity } from './staffing-requirement.entity';
import { StaffingError, StaffingErrorCode } from './staffing.errors';
import { staffingMessages } from './staffing.messages';

const HOUR = 3_600_000;
/** Shifts this far around a candidate can touch its daily hours or rest. */
const DAY = 24 * HOUR;

/**
 * Manual assignments and the staff member's answer. Every hard constraint is checked under the
 * staff member's row lock, so concurrent assignments of one person cannot overlap.
 */
@Injectable()
export class AssignmentService {
  constructor(
    private readonly assignments: AssignmentsRepository,
    private readonly transactions: TransactionRunner,
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly bookings: BookingReader,
  ) {}

  /**
   * READ COMMITTED: the conflict check after the staff lock must see what the previous holder of
   * the lock committed, not a snapshot taken by an earlier read in this transaction.
   */
  assign(actor: Actor, requirementId: string, staffId: string): Promise<AssignmentEntity> {
    return this.transactions.run(
      async (manager) => {
        // Written, not only selected FOR UPDATE: the headcount and status checks below must hold
        // against fillings through other nodes of a multi-primary cluster too.
        await this.assignments.lockRequirements(manager, [requirementId]);
        const requirement = await manager
          .getRepository(StaffingRequirementEntity)
          .findOneBy({ id: requirementId });
        if (!requirement)
          throw new StaffingError(
            StaffingErrorCode.NOT_FOUND,
            staffingMessages.noRequirement(requirementId),
            'requirementId',
          );
        if (!canManageStaff(actor, requirement.kind)) {
          throw new StaffingError(
            StaffingErrorCode.FORBIDDEN,
            staffingMessages.mayNotAssign(requirement.kind),
          );
        }
        if (requirement.status !== RequirementStatus.OPEN) {
          throw new StaffingError(
            StaffingErrorCode.REQUIREMENT_NOT_ASSIGNABLE,
            staffingMessages.requirementReleased(),
          );
        }
        const active = await this.assignments.activeFor(manager, requirement.id);
        if (active.some((assignment) => assignment.staffId === staffId)) {
          throw new StaffingError(
            StaffingErrorCode.REQUIREMENT_NOT_ASSIGNABLE,
            staffingMessages.alreadyAssignedHere(),
          );
        }
        if (active.length >= requirement.headcount) {
          throw new StaffingError(
            StaffingErrorCode.REQUIREMENT_NOT_ASSIGNABLE,
            staffingMessages.placesFilled(requirement.headcount),
          );
        }
        const profile = await this.assignments.lockStaff(manager, staffId);
        if (!profile)
          throw new StaffingError(
            StaffingErrorCode.NOT_FOUND,
            staffingMessages.noStaffMember(staffId),
            'staffId',
          );
        const unqualified = qualificationProblem(profile, requirement);
        if (unqualified)
          throw new StaffingError(StaffingErrorCode.STAFF_NOT_QUALIFIED, unqualified.message);
        const unavailable = availabilityProblem(profile, requirement.startsAt, requirement.endsAt);
        if (unavailable)
          throw new StaffingError(StaffingErrorCode.STAFF_UNAVAILABLE, unavailable.message);

        const booking = await this.bookings.byId(requirement.bookingId, manager);
        if (!booking) throw new Error(`requirement ${requirement.id} has no booking`);
        const shifts = await this.assignments.standingOverlapping(
          manager,
          staffId,
          new Date(requirement.startsAt.getTime() - DAY - REST_HOURS * HOUR),
          new Date(requirement.endsAt.getTime() + DAY + REST_HOURS * HOUR),
        );
        const problem = scheduleProblem(
          profile.member,
          shifts,
          { startsAt: requirement.startsAt, endsAt: requirement.endsAt, venueId: booking.venueId },
          this.config.staffing.travelMinutes,
        );
        if (problem) throw new StaffingError(problem.code, problem.message);

        const now = new Date();
        const assignment = await manager.getRepository(AssignmentEntity).save(
          Object.assign(new AssignmentEntity(), {
            requirementId: requirement.id,
            staffId,
            venueId: booking.venueId,
            status: AssignmentStatus.PROPOSED,
            startsAt: requirement.startsAt,
            endsAt: requirement.endsAt,
            reason: null,
            version: 1,
            createdBy: actor.userId,
            createdAt: now,
            updatedAt: now,
          }),
        );
        await this.record(manager, assignment, 'assignment.made', actor.userId);
        return assignment;
        // READ COMMITTED: the conflict check after the staff lock must see what the previous lock
        // holder committed, not a snapshot taken by an earlier read in this transaction.
      },
      { isolation: 'READ COMMITTED' },
    );
  }

  /** The assigned person accepts, or declines with a reason. */
  respond(
    actor: Actor,
    id: string,
    accept: boolean,
    reason?: string | null,
  ): Promise<AssignmentEntity> {
    const why = reason?.trim() || null;
    if (!accept && !why)
      throw new StaffingError(
        StaffingErrorCode.BAD_USER_INPUT,
        staffingMessages.sayWhyDecline(),
        'reason',
      );
    return this.transactions.run(async (manager) => {
      const assignment = await this.ownForChange(manager, actor, id);
      if (assignment.status !== AssignmentStatus.PROPOSED) {
        throw new StaffingError(
          StaffingErrorCode.INVALID_TRANSITION,
          staffingMessages.assignmentIs(id, assignment.status),
        );
      }
      assignment.status = accept ? AssignmentStatus.ACCEPTED : AssignmentStatus.DECLINED;
      assignment.reason = why;
      assignment.version += 1;
      assignment.updatedAt = new Date();
      const saved = await manager.getRepository(AssignmentEntity).save(assignment);
      await this.record(
        manager,
        saved,
        accept ? 'assignment.accepted' : 'assignment.declined',
        actor.userId,
      );
      return saved;
    });
  }

  /**
   * The assigned person gives back an accepted assignment (illness, say): it is cancelled with
   * the reason, the place is open again, and the planners hear of it.
   */
  withdraw(actor: Actor, id: string, reason: string): Promise<AssignmentEntity> {
    const why = reason.trim();
    if (!why)
      throw new StaffingError(
        StaffingErrorCode.BAD_USER_INPUT,
        staffingMessages.sayWhyWithdraw(),
        'reason',
      );
    return this.transactions.run(async (manager) => {
      const assignment = await this.ownForChange(manager, actor, id);
      if (assignment.status !== AssignmentStatus.ACCEPTED) {
        throw new StaffingError(
          StaffingErrorCode.INVALID_TRANSITION,
          assignment.status === AssignmentStatus.PROPOSED
            ? staffingMessages.onlyProposed(id)
            : staffingMessages.assignmentIs(id, assignment.status),
        );
      }
      assignment.status = AssignmentStatus.CANCELLED;
      assignment.reason = why;
      assignment.version += 1;
      assignment.updatedAt = new Date();
      const saved = await manager.getRepository(AssignmentEntity).save(assignment);
      await this.record(manager, saved, 'assignment.withdrawn', actor.userId);
      return saved;
    });
  }

  /** The caller's own assignment, locked for a change; only the assigned person may. */
  private async ownForChange(
    manager: EntityManager,
    actor: Actor,
    id: string,
  ): Promise<AssignmentEntity> {
    const assignment = await manager
      .getRepository(AssignmentEntity)
      .createQueryBuilder('a')
      .setLock('pessimistic_write')
      .where('a.id = :id', { id })
      .getOne();
    const me = await manager.getRepository(StaffMemberEntity).findOneBy({ userId: actor.userId });
    if (!assignment)
      throw new StaffingError(StaffingErrorCode.NOT_FOUND, staffingMessages.noAssignment(id), 'id');
    if (!me || assignment.staffId !== me.id) {
      throw new StaffingError(StaffingErrorCode.FORBIDDEN, staffingMessages.onlyAssigneeAnswers());
    }
    return assignment;
  }

  /** The caller's own assignments (interpreters and officers), by start. */
  async mine(actor: Actor, from?: Date, to?: Date): Promise<AssignmentEntity[]> {
    const me = await this.dataSource
      .getRepository(StaffMemberEntity)
      .findOneBy({ userId: actor.userId });
    if (!me) return [];
    const query = this.dataSource
      .getRepository(AssignmentEntity)
      .createQueryBuilder('a')
      .where('a.staff_id = :staffId', { staffId: me.id });
    if (from) query.andWhere('a.ends_at > :from', { from });
    if (to) query.andWhere('a.starts_at < :to', { to });
    return query.orderBy('a.starts_at', 'ASC').limit(500).getMany();
  }

  /** Batch function for the requirement → assignments loader. */
  async byRequirementIds(ids: readonly string[]): Promise<AssignmentEntity[][]> {
    const rows = await this.dataSource.getRepository(AssignmentEntity).find({
      where: { requirementId: In([...ids]) },
      order: { id: 'ASC' },
    });
    return groupsFor(ids, rows, (row) => row.requirementId);
  }

  private record(
    manager: EntityManager,
    assignment: AssignmentEntity,
    eventType: string,
    actorId: string,
  ): Promise<void> {
    return writeOutbox(manager, [assignmentEvent(assignment, eventType, actorId)]);
  }
}
