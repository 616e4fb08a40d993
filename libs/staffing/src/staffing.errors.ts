import { DomainError } from '@app/common';

export enum StaffingErrorCode {
  NOT_FOUND = 'NOT_FOUND',
  FORBIDDEN = 'FORBIDDEN',
  BAD_USER_INPUT = 'BAD_USER_INPUT',
}

export class StaffingError extends DomainError<StaffingErrorCode> {}
