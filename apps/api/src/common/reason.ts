import { inputMessages } from '@app/common';
import { ApiInputError } from '../graphql/error-codes';

/** Reasons are free text stored in VARCHAR(1000) columns. */
export const MAX_REASON_LENGTH = 1000;

/** Refuses an over-long reason (or comment) at the edge, naming the argument. */
export function checkedReason<T extends string | null | undefined>(reason: T, field = 'reason'): T {
  if (reason !== undefined && reason !== null && reason.length > MAX_REASON_LENGTH) {
    throw new ApiInputError(field, inputMessages.atMostCharacters(field, MAX_REASON_LENGTH));
  }
  return reason;
}
