import { Injectable } from '@nestjs/common';
import { Actor } from '@app/auth';
import { groupsFor } from '@app/common';
import { Page, PageRequest } from '@app/database';
import { canReadStaffPools } from './staff-access.policy';
import { StaffAvailabilityEntity } from './staff-availability.entity';
import { StaffFilter } from './staff-filter';
import { StaffLanguagePairEntity } from './staff-language-pair.entity';
import { StaffLeaveEntity } from './staff-leave.entity';
import { StaffMemberEntity } from './staff-member.entity';
import { StaffSkillEntity } from './staff-skill.entity';
import { StaffRepository } from './staff.repository';
import { StaffingRequirementEntity } from './staffing-requirement.entity';
import { StaffingError, StaffingErrorCode } from './staffing.errors';
import { staffingMessages } from './staffing.messages';

const byStaff = (row: { staffId: string }) => row.staffId;

@Injectable()
export class StaffDirectoryService {
  constructor(private readonly staff: StaffRepository) {}

  list(actor: Actor, filter: StaffFilter, page: PageRequest): Promise<Page<StaffMemberEntity>> {
    if (!canReadStaffPools(actor)) {
      throw new StaffingError(StaffingErrorCode.FORBIDDEN, staffingMessages.poolsForPlanners());
    }
    return this.staff.list(filter, page);
  }

  /** Batch functions for per-request DataLoaders. */
  async membersByIds(ids: readonly string[]): Promise<(StaffMemberEntity | undefined)[]> {
    return groupsFor(ids, await this.staff.membersOf(ids), (row) => row.id).map(
      (group) => group[0],
    );
  }

  async requirementsByIds(
    ids: readonly string[],
  ): Promise<(StaffingRequirementEntity | undefined)[]> {
    return groupsFor(ids, await this.staff.requirementsOf(ids), (row) => row.id).map(
      (group) => group[0],
    );
  }

  async languagePairsByStaffIds(ids: readonly string[]): Promise<StaffLanguagePairEntity[][]> {
    return groupsFor(ids, await this.staff.languagePairsOf(ids), byStaff);
  }

  async skillsByStaffIds(ids: readonly string[]): Promise<StaffSkillEntity[][]> {
    return groupsFor(ids, await this.staff.skillsOf(ids), byStaff);
  }

  async availabilityByStaffIds(ids: readonly string[]): Promise<StaffAvailabilityEntity[][]> {
    return groupsFor(ids, await this.staff.availabilityOf(ids), byStaff);
  }

  async leaveByStaffIds(ids: readonly string[]): Promise<StaffLeaveEntity[][]> {
    return groupsFor(ids, await this.staff.leaveOf(ids), byStaff);
  }
}
