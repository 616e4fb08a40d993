export * from './assigned-staff.reader';
export { ACTIVE_ASSIGNMENT_STATUSES, AssignmentStatus } from './assignment.entity';
export type { AssignmentEntity } from './assignment.entity';
export * from './assignment.service';
export * from './requirement-rules';
export * from './staff-access.policy';
export * from './staff-calendar.service';
export * from './staff-directory.service';
export * from './staff-management.service';
export * from './staff-profile';
export * from './staff-filter';
export type {
  StaffAvailabilityEntity,
  StaffLanguagePairEntity,
  StaffLeaveEntity,
  StaffMemberEntity,
  StaffSkillEntity,
} from './staff.entities';
export * from './staffing-enums';
export { RequirementStatus } from './staffing-requirement.entity';
export type { StaffingRequirementEntity } from './staffing-requirement.entity';
export * from './staffing-requirements.service';
export * from './staffing.errors';
export * from './staffing.module';
export * from './planner/plan-problem';
export * from './planner/plan-staffing';
export * from './planner/staffing-planner.service';
export * from './schedule-rules';
export * from './staffing.jobs';
export type { StaffProfile } from './staff-eligibility';
