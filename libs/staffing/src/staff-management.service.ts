import { Injectable } from '@nestjs/common';
import { EntityManager, In, MoreThan } from 'typeorm';
import { Actor, Locale, Role, UsersService } from '@app/auth';
import { DEFAULT_TIME_ZONE, inputMessages } from '@app/common';
import { TransactionRunner, writeOutbox } from '@app/database';
import { assignmentEvent } from './assignment-events';
import { AssignmentEntity } from './assignment.entity';
import { AssignmentsRepository } from './assignments.repository';
import { assertMayManageStaff } from './staff-access.policy';
import { StaffAvailabilityEntity } from './staff-availability.entity';
import { availabilityProblem, qualificationProblem } from './staff-eligibility';
import { StaffLanguagePairEntity } from './staff-language-pair.entity';
import { StaffLeaveEntity } from './staff-leave.entity';
import { StaffMemberEntity } from './staff-member.entity';
import {
  badStaffInput,
  CheckedProfile,
  checkNewProfile,
  checkProfileChanges,
  NewStaffMember,
  StaffProfileChanges,
} from './staff-profile';
import { StaffSkillEntity } from './staff-skill.entity';
import { ACTIVE_ASSIGNMENT_STATUSES, AssignmentStatus, StaffKind } from './staffing-enums';
import { StaffingRequirementEntity } from './staffing-requirement.entity';
import { StaffingError, StaffingErrorCode } from './staffing.errors';
import { staffingMessages } from './staffing.messages';

const ROLE_OF: Record<StaffKind, Role> = {
  [StaffKind.INTERPRETER]: Role.INTERPRETER,
  [StaffKind.SECURITY_OFFICER]: Role.SECURITY_OFFICER,
};

const MAX_REASON_LENGTH = 1000;

/**
 * The pools' upkeep: the district admin manages interpreters and officers, security coordinators
 * their officers. Every change runs in one transaction under the staff member's row lock, the
 * lock assignments take too, so an assignment sees a change whole or not at all. The person's
 * upcoming assignments that no longer fit (out of the pool, on leave, off duty, no longer
 * qualified) are cancelled in the same transaction, each with its reason; the planner refills.
 */
@Injectable()
export class StaffManagementService {
  constructor(
    private readonly users: UsersService,
    private readonly transactions: TransactionRunner,
    private readonly assignments: AssignmentsRepository,
  ) {}

  /** The person's sign-in account (role INTERPRETER or SECURITY_OFFICER) and profile, together. */
  async create(actor: Actor, input: NewStaffMember): Promise<StaffMemberEntity> {
    assertMayManageStaff(actor, input.kind);
    const timeZone = input.timeZone ?? DEFAULT_TIME_ZONE;
    const checked = checkNewProfile({ ...input, timeZone });
    // Hashing is slow: done once, before the transaction (which may be retried).
    const account = await this.users.build({
      email: input.email,
      password: input.password,
      role: ROLE_OF[input.kind],
      displayName: `${checked.scalars.nameZh} ${checked.scalars.nameEn}`,
      locale: input.locale ?? Locale.ZH_CN,
      timeZone,
    });
    return this.transactions.run(async (manager) => {
      const user = await this.users.insert(account, manager);
      const now = new Date();
      const member = await manager.getRepository(StaffMemberEntity).save(
        Object.assign(new StaffMemberEntity(), {
          userId: user.id,
          kind: input.kind,
          accreditationLevel: null,
          unit: null,
          clearanceLevel: null,
          ...checked.scalars,
          active: true,
          createdAt: now,
          updatedAt: now,
        }),
      );
      await this.replaceLists(manager, member.id, checked);
      return member;
    });
  }

  /** Names, levels, hours, time zone; a list that is given (pairs, skills, availability) replaces the old one. */
  update(actor: Actor, id: string, changes: StaffProfileChanges): Promise<StaffMemberEntity> {
    return this.transactions.run(async (manager) => {
      const member = await this.lockMember(manager, actor, id, 'id');
      const checked = checkProfileChanges(member.kind, changes);
      Object.assign(member, checked.scalars, { updatedAt: new Date() });
      const saved = await manager.getRepository(StaffMemberEntity).save(member);
      await this.replaceLists(manager, member.id, checked);
      await this.releaseUnfit(manager, saved, actor);
      return saved;
    });
  }

  /** Takes the person out of the pool (no new assignments) or back in; their account stays. */
  setActive(actor: Actor, id: string, active: boolean): Promise<StaffMemberEntity> {
    return this.transactions.run(async (manager) => {
      const member = await this.lockMember(manager, actor, id, 'id');
      Object.assign(member, { active, updatedAt: new Date() });
      const saved = await manager.getRepository(StaffMemberEntity).save(member);
      await this.releaseUnfit(manager, saved, actor);
      return saved;
    });
  }

  addLeave(
    actor: Actor,
    staffId: string,
    startsAt: Date,
    endsAt: Date,
    reason: string,
  ): Promise<StaffLeaveEntity> {
    return this.transactions.run(async (manager) => {
      const member = await this.lockMember(manager, actor, staffId, 'staffId');
      if (Number.isNaN(startsAt.getTime()))
        throw badStaffInput('startsAt', staffingMessages.notAValidTime('startsAt'));
      if (!(endsAt.getTime() > startsAt.getTime()))
        throw badStaffInput('endsAt', inputMessages.mustBeAfter('endsAt', 'startsAt'));
      const why = reason.trim();
      if (!why) throw badStaffInput('reason', staffingMessages.sayWhyAway());
      if (why.length > MAX_REASON_LENGTH)
        throw badStaffInput('reason', inputMessages.atMostCharacters('reason', MAX_REASON_LENGTH));
      await this.touch(manager, member);
      const leave = await manager.getRepository(StaffLeaveEntity).save(
        Object.assign(new StaffLeaveEntity(), {
          staffId: member.id,
          startsAt,
          endsAt,
          reason: why,
        }),
      );
      await this.releaseUnfit(manager, member, actor);
      return leave;
    });
  }

  /** Removes a leave entry; answers with what was removed. */
  removeLeave(actor: Actor, id: string): Promise<StaffLeaveEntity> {
    return this.transactions.run(async (manager) => {
      const leave = await manager.getRepository(StaffLeaveEntity).findOneBy({ id });
      if (!leave)
        throw new StaffingError(StaffingErrorCode.NOT_FOUND, staffingMessages.noLeave(id), 'id');
      const member = await this.lockMember(manager, actor, leave.staffId, 'id');
      await manager.getRepository(StaffLeaveEntity).delete({ id });
      await this.touch(manager, member);
      return leave;
    });
  }

  /** Cancels the member's upcoming assignments that the changed profile no longer fits. */
  private async releaseUnfit(
    manager: EntityManager,
    member: StaffMemberEntity,
    actor: Actor,
  ): Promise<void> {
    const now = new Date();
    const upcoming = await manager.getRepository(AssignmentEntity).findBy({
      staffId: member.id,
      status: In(ACTIVE_ASSIGNMENT_STATUSES),
      endsAt: MoreThan(now),
    });
    if (!upcoming.length) return;
    const profile = await this.assignments.profileOf(manager, member);
    const requirements = new Map(
      (
        await manager
          .getRepository(StaffingRequirementEntity)
          .findBy({ id: In(upcoming.map((a) => a.requirementId)) })
      ).map((r) => [r.id, r]),
    );
    const unfit = upcoming.flatMap((assignment) => {
      const reason = !member.active
        ? `${member.nameEn} is no longer in the pool`
        : (
            qualificationProblem(profile, requirements.get(assignment.requirementId)!) ??
            availabilityProblem(profile, assignment.startsAt, assignment.endsAt)
          )?.message.en;
      if (!reason) return [];
      return [
        Object.assign(assignment, {
          status: AssignmentStatus.CANCELLED,
          reason,
          version: assignment.version + 1,
          updatedAt: now,
        }),
      ];
    });
    if (!unfit.length) return;
    await manager.getRepository(AssignmentEntity).save(unfit);
    await writeOutbox(
      manager,
      unfit.map((a) => assignmentEvent(a, 'assignment.cancelled', actor.userId)),
    );
  }

  /**
   * Locks the staff member's row, as AssignmentService does before its checks, and refuses an
   * actor who may not manage their kind. An unknown id is NOT_FOUND naming `field`.
   */
  private async lockMember(
    manager: EntityManager,
    actor: Actor,
    id: string,
    field: string,
  ): Promise<StaffMemberEntity> {
    const member = await manager
      .getRepository(StaffMemberEntity)
      .createQueryBuilder('s')
      .setLock('pessimistic_write')
      .where('s.id = :id', { id })
      .getOne();
    if (!member)
      throw new StaffingError(
        StaffingErrorCode.NOT_FOUND,
        staffingMessages.noStaffMember(id),
        field,
      );
    assertMayManageStaff(actor, member.kind);
    return member;
  }

  /**
   * Writes the member's row even when only a child table changes: on multi-primary clusters a
   * row lock taken by SELECT ... FOR UPDATE does not reach other nodes, a written row does.
   */
  private async touch(manager: EntityManager, member: StaffMemberEntity): Promise<void> {
    await manager
      .getRepository(StaffMemberEntity)
      .update({ id: member.id }, { updatedAt: new Date() });
  }

  private async replaceLists(
    manager: EntityManager,
    staffId: string,
    checked: CheckedProfile,
  ): Promise<void> {
    const { languagePairs, skills, availability } = checked;
    if (languagePairs) {
      await manager.getRepository(StaffLanguagePairEntity).delete({ staffId });
      if (languagePairs.length)
        await manager
          .getRepository(StaffLanguagePairEntity)
          .insert(languagePairs.map((pair) => ({ staffId, ...pair })));
    }
    if (skills) {
      await manager.getRepository(StaffSkillEntity).delete({ staffId });
      if (skills.length)
        await manager
          .getRepository(StaffSkillEntity)
          .insert(skills.map((skill) => ({ staffId, skill })));
    }
    if (availability) {
      await manager.getRepository(StaffAvailabilityEntity).delete({ staffId });
      if (availability.length)
        await manager.getRepository(StaffAvailabilityEntity).insert(
          availability.map((period) => ({
            staffId,
            weekday: period.weekday,
            fromMinute: period.opensMinute,
            untilMinute: period.closesMinute,
          })),
        );
    }
  }
}
