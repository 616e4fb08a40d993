import { Shift } from '../schedule-rules';
import { StaffProfile } from '../staff-eligibility';
import { StaffingRequirementEntity } from '../staffing-requirement.entity';

/** An open requirement the plan may fill, with where and for whom its event takes place. */
export interface PlanRequirement extends Pick<
  StaffingRequirementEntity,
  | 'id'
  | 'kind'
  | 'headcount'
  | 'startsAt'
  | 'endsAt'
  | 'languageFrom'
  | 'languageTo'
  | 'mode'
  | 'minClearance'
  | 'skill'
> {
  venueId: string;
  organizerId: string;
  /** The venue's zone: reasons quote local times. */
  timeZone: string;
}

export interface PlanStaff {
  profile: StaffProfile;
  /** Standing assignments outside the plan: the plan works around them. */
  commitments: Shift[];
  /** Organizers this person has worked for recently: continuity prefers them again. */
  organizers: ReadonlySet<string>;
}

/** A standing assignment to a requirement inside the plan: kept if the plan can. */
export interface ExistingAssignment {
  id: string;
  requirementId: string;
  staffId: string;
}

export interface PlanProblem {
  requirements: PlanRequirement[];
  staff: PlanStaff[];
  existing: ExistingAssignment[];
  /** People who declined a requirement are not proposed for it again. */
  excluded: Omit<ExistingAssignment, 'id'>[];
  travelMinutes: number;
  /**
   * Wall-clock budget: each solve is limited to it, and rounds that make the model exact for
   * more staff start only in its first half. The bound reported is proven either way.
   */
  timeLimitSeconds?: number;
}

export interface Placement {
  requirementId: string;
  staffId: string;
  /** Set when the placement is an existing assignment the plan keeps. */
  existingId: string | null;
}

export interface DroppedAssignment extends ExistingAssignment {
  reason: string;
}

export interface UnfilledRequirement {
  requirementId: string;
  missing: number;
  reason: string;
}

export interface PlanStatistics {
  /** Places asked for, and places filled. */
  places: number;
  covered: number;
  /** A proven upper bound on the places any plan could fill. */
  bound: number;
  /** Whether the solver proved the weighted objective optimal. */
  optimal: boolean;
  candidates: number;
  /** Groups of interchangeable staff the model was built over, and its size. */
  staffGroups: number;
  columns: number;
  rows: number;
  solves: number;
  millis: number;
}

export interface PlanOutcome {
  placements: Placement[];
  dropped: DroppedAssignment[];
  unfilled: UnfilledRequirement[];
  statistics: PlanStatistics;
}
