import { Actor, Role } from '@app/auth';
import { StaffKind } from './staffing-enums';
import { StaffingError, StaffingErrorCode } from './staffing.errors';

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
        ? 'Only the district admin manages interpreters'
        : 'Only the district admin and security coordinators manage security officers',
    );
  }
}
