import { Injectable } from '@nestjs/common';
import { EntityManager, In } from 'typeorm';
import { AssignmentEntity } from './assignment.entity';
import { StaffAvailabilityEntity } from './staff-availability.entity';
import { StaffProfile } from './staff-eligibility';
import { StaffLanguagePairEntity } from './staff-language-pair.entity';
import { StaffLeaveEntity } from './staff-leave.entity';
import { StaffMemberEntity } from './staff-member.entity';
import { StaffSkillEntity } from './staff-skill.entity';
import { ACTIVE_ASSIGNMENT_STATUSES, RequirementStatus } from './staffing-enums';

const ACTIVE = ACTIVE_ASSIGNMENT_STATUSES.map((status) => `'${status}'`).join(', ');

/**
 * An assignment holds its person's time only while its requirement is open: every change of the
 * booking brings its requirements along in the same transaction (released when it is cancelled,
 * on hold while a change waits for approval).
 */
const STANDING = `a.status IN (${ACTIVE}) AND EXISTS (SELECT 1 FROM staffing_requirements r
  WHERE r.id = a.requirement_id AND r.status = '${RequirementStatus.OPEN}')`;

@Injectable()
export class AssignmentsRepository {
  /**
   * Takes the staff member's assignment lock (an UPDATE of their row, as for venues) and loads
   * their profile. Null when there is no such active staff member.
   */
  async lockStaff(manager: EntityManager, staffId: string): Promise<StaffProfile | null> {
    const result: { affectedRows?: number } = await manager.query(
      'UPDATE staff_members SET assignment_seq = assignment_seq + 1 WHERE id = ? AND active = 1',
      [staffId],
    );
    if (!result.affectedRows) return null;
    const member = await manager.getRepository(StaffMemberEntity).findOneByOrFail({ id: staffId });
    return this.profileOf(manager, member);
  }

  /**
   * Takes the assignment locks of requirements (an UPDATE of their rows, in id order, so that
   * concurrent fillings of one requirement queue on a single server and conflict in certification
   * on a multi-primary cluster).
   */
  async lockRequirements(manager: EntityManager, ids: readonly string[]): Promise<void> {
    if (!ids.length) return;
    await manager.query(
      'UPDATE staffing_requirements SET assignment_seq = assignment_seq + 1 WHERE id IN (?)',
      [[...ids]],
    );
  }

  /** The member with everything the hard constraints look at, read through `manager`. */
  async profileOf(manager: EntityManager, member: StaffMemberEntity): Promise<StaffProfile> {
    const staffId = member.id;
    const [pairs, skills, availability, leave] = await Promise.all([
      manager.getRepository(StaffLanguagePairEntity).findBy({ staffId }),
      manager.getRepository(StaffSkillEntity).findBy({ staffId }),
      manager.getRepository(StaffAvailabilityEntity).findBy({ staffId }),
      manager.getRepository(StaffLeaveEntity).findBy({ staffId }),
    ]);
    return { member, pairs, skills, availability, leave };
  }

  /** Standing assignments of the staff member that overlap [from, to). */
  standingOverlapping(
    manager: EntityManager,
    staffId: string,
    from: Date,
    to: Date,
  ): Promise<AssignmentEntity[]> {
    return manager
      .getRepository(AssignmentEntity)
      .createQueryBuilder('a')
      .where(`a.staff_id = :staffId AND ${STANDING}`, { staffId })
      .andWhere('a.ends_at > :from AND a.starts_at < :to', { from, to })
      .getMany();
  }

  activeFor(manager: EntityManager, requirementId: string): Promise<AssignmentEntity[]> {
    return manager
      .getRepository(AssignmentEntity)
      .findBy({ requirementId, status: In(ACTIVE_ASSIGNMENT_STATUSES) });
  }
}
