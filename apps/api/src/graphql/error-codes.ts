import { AuthError, AuthErrorCode } from '@app/auth';
import { DomainError } from '@app/common';
import { VenueError, VenueErrorCode } from '@app/venues';

/** The `extensions.code` values clients see (API.md), generic ones first. */
export type GraphQLErrorCode =
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'BAD_USER_INPUT'
  | 'CONFLICT'
  | 'RATE_LIMITED'
  | 'INTERNAL_SERVER_ERROR';

/*
 * One table per lib. Each is a Record over the lib's whole code enum, so a new code that is not
 * mapped here fails the type check.
 */
const AUTH_CODES: Record<AuthErrorCode, GraphQLErrorCode> = {
  [AuthErrorCode.UNAUTHENTICATED]: 'UNAUTHENTICATED',
  [AuthErrorCode.INVALID_CREDENTIALS]: 'UNAUTHENTICATED',
  [AuthErrorCode.FORBIDDEN]: 'FORBIDDEN',
  [AuthErrorCode.NOT_FOUND]: 'NOT_FOUND',
  [AuthErrorCode.EMAIL_TAKEN]: 'CONFLICT',
  [AuthErrorCode.BAD_USER_INPUT]: 'BAD_USER_INPUT',
};

const VENUE_CODES: Record<VenueErrorCode, GraphQLErrorCode> = {
  [VenueErrorCode.NOT_FOUND]: 'NOT_FOUND',
  [VenueErrorCode.FORBIDDEN]: 'FORBIDDEN',
  [VenueErrorCode.BAD_USER_INPUT]: 'BAD_USER_INPUT',
  [VenueErrorCode.INVALID_STATE]: 'CONFLICT',
};

/** Errors raised at the API edge itself (input validation, paging arguments). */
export class ApiInputError extends DomainError<'BAD_USER_INPUT'> {
  constructor(field: string, message: string) {
    super('BAD_USER_INPUT', message, field);
  }
}

export function graphQLCodeOf(error: Error): GraphQLErrorCode | null {
  if (error instanceof AuthError) return AUTH_CODES[error.code];
  if (error instanceof VenueError) return VENUE_CODES[error.code];
  if (error instanceof ApiInputError) return 'BAD_USER_INPUT';
  return null;
}
