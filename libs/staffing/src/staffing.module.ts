import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuthModule } from '@app/auth';
import { BookingsModule } from '@app/bookings';
import { VenuesModule } from '@app/venues';
import { AssignedStaffReader } from './assigned-staff.reader';
import { AssignmentEntity } from './assignment.entity';
import { AssignmentService } from './assignment.service';
import { AssignmentsRepository } from './assignments.repository';
import { PlanReader } from './planner/plan.reader';
import { StaffingPlannerService } from './planner/staffing-planner.service';
import { StaffAvailabilityEntity } from './staff-availability.entity';
import { StaffCalendarService } from './staff-calendar.service';
import { StaffDirectoryService } from './staff-directory.service';
import { StaffLanguagePairEntity } from './staff-language-pair.entity';
import { StaffLeaveEntity } from './staff-leave.entity';
import { StaffManagementService } from './staff-management.service';
import { StaffMemberEntity } from './staff-member.entity';
import { StaffSkillEntity } from './staff-skill.entity';
import { StaffRepository } from './staff.repository';
import { StaffingRequirementEntity } from './staffing-requirement.entity';
import { StaffingRequirementsRepository } from './staffing-requirements.repository';
import { StaffingRequirementsService } from './staffing-requirements.service';

@Module({
  imports: [
    TypeOrmModule.forFeature([
      StaffMemberEntity,
      StaffLanguagePairEntity,
      StaffSkillEntity,
      StaffAvailabilityEntity,
      StaffLeaveEntity,
      StaffingRequirementEntity,
      AssignmentEntity,
    ]),
    AuthModule,
    BookingsModule,
    VenuesModule,
  ],
  providers: [
    StaffRepository,
    StaffDirectoryService,
    StaffingRequirementsService,
    StaffingRequirementsRepository,
    AssignmentsRepository,
    AssignmentService,
    PlanReader,
    StaffingPlannerService,
    StaffManagementService,
    StaffCalendarService,
    AssignedStaffReader,
  ],
  exports: [
    StaffDirectoryService,
    StaffingRequirementsService,
    AssignmentService,
    StaffingPlannerService,
    StaffManagementService,
    StaffCalendarService,
    AssignedStaffReader,
  ],
})
export class StaffingModule {}
