export enum StaffKind {
  INTERPRETER = 'INTERPRETER',
  SECURITY_OFFICER = 'SECURITY_OFFICER',
}

export enum SecuritySkill {
  VIP_PROTECTION = 'VIP_PROTECTION',
  CROWD_CONTROL = 'CROWD_CONTROL',
  SCREENING = 'SCREENING',
}

export enum RequirementStatus {
  /** The booking stands and needs this staff (an event that has ended keeps its record). */
  OPEN = 'OPEN',
  /**
   * A change of the approved booking waits for approval: the staff stay put until it is decided,
   * but their time is not held and the planner leaves the place alone.
   */
  ON_HOLD = 'ON_HOLD',
  /** The booking no longer needs it (cancelled, rejected, or the need was dropped). */
  RELEASED = 'RELEASED',
}

export enum AssignmentStatus {
  PROPOSED = 'PROPOSED',
  ACCEPTED = 'ACCEPTED',
  DECLINED = 'DECLINED',
  CANCELLED = 'CANCELLED',
}

/** Assignments that hold the staff member's time. */
export const ACTIVE_ASSIGNMENT_STATUSES = [AssignmentStatus.PROPOSED, AssignmentStatus.ACCEPTED];
