import { Actor, Role } from '@app/auth';
import { StaffKind } from './staffing-enums';
import { StaffingError, StaffingErrorCode } from './staffing.errors';
import { staffingMessages } from './staffing.messages';

/** Those who plan events read the pools: the district, subdistricts and security coordinators. */
export function canReadStaffPools(actor: Actor): boolean {
  return [Role.DISTRICT_ADMIN, Role.SUBDISTRICT_MANAGER, Role.SECURITY_COORDINATOR].includes(
    actor.role,
  );
}

/**
 * A person's leave (with its reasons) and working hours: the planners and the person. Others who
 * meet them through an assignment, such as the event's organizer, see who they are, not these.
 */
export function canSeeStaffSchedule(actor: Actor, member: { userId: string }): boolean {
  return canReadStaffPools(actor) || member.userId === actor.userId;
}

export function assertMaySeeStaffSchedule(actor: Actor, member: { userId: string }): void {
  if (!canSeeStaffSchedule(actor, member)) {
    throw new StaffingError(
      StaffingErrorCode.FORBIDDEN,
      staffingMessages.scheduleForPlannersAndSelf(),
    );
  }
}

/** Who manages and staffs which pool: the district admin both, security coordinators officers. */
export function canManageStaff(actor: Actor, kind: StaffKind): boolean {
  if (actor.role === Role.DISTRICT_ADMIN) return true;
  return kind === StaffKind.SECURITY_OFFICER && actor.role === Role.SECURITY_COORDINATOR;
}

export function assertMayManageStaff(actor: Actor, kind: StaffKind): void {
  if (!canManageStaff(actor, kind)) {
    throw new StaffingError(
      StaffingErrorCode.FORBIDDEN,
      kind === StaffKind.INTERPRETER
        ? staffingMessages.onlyAdminManagesInterpreters()
        : staffingMessages.onlyAdminAndCoordinatorsManageOfficers(),
    );
  }
}
