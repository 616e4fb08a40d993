import { ApiInputError } from '../graphql/error-codes';

/** Reasons are free text stored in VARCHAR(1000) columns. */
export const MAX_REASON_LENGTH = 1000;

/** Refuses an over-long reason at the edge, naming the argument. */
export function checkedReason<T extends string | undefined>(reason: T): T {
  if (reason !== undefined && reason.length > MAX_REASON_LENGTH) {
    throw new ApiInputError('reason', `reason may be at most ${MAX_REASON_LENGTH} characters`);
  }
  return reason;
}
