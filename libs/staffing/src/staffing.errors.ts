import { DomainError } from '@app/common';

export enum StaffingErrorCode {
  NOT_FOUND = 'NOT_FOUND',
  FORBIDDEN = 'FORBIDDEN',
  BAD_USER_INPUT = 'BAD_USER_INPUT',
  STAFF_NOT_QUALIFIED = 'STAFF_NOT_QUALIFIED',
  STAFF_UNAVAILABLE = 'STAFF_UNAVAILABLE',
  STAFF_CONFLICT = 'STAFF_CONFLICT',
  STAFF_OVER_HOURS = 'STAFF_OVER_HOURS',
  /** The requirement is not open, already fully staffed, or already has this person. */
  REQUIREMENT_NOT_ASSIGNABLE = 'REQUIREMENT_NOT_ASSIGNABLE',
  INVALID_TRANSITION = 'INVALID_TRANSITION',
}

export class StaffingError extends DomainError<StaffingErrorCode> {}
