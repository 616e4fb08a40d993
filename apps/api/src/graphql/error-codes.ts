import { HttpStatus } from '@nestjs/common';
import { AuthError, AuthErrorCode } from '@app/auth';
import { BookingError, BookingErrorCode } from '@app/bookings';
import { DomainError, Message } from '@app/common';
import { NotificationError, NotificationErrorCode } from '@app/notifications';
import { ReportError, ReportErrorCode } from '@app/reports';
import { StaffingError, StaffingErrorCode } from '@app/staffing';
import { VenueError, VenueErrorCode } from '@app/venues';

/**
 * The error catalogue of every transport: the codes clients see (API.md), generic ones first, as
 * GraphQL's `extensions.code` and as the `code` of a REST error body, which answers with the
 * code's HTTP status (HTTP_STATUS_OF).
 */
export type GraphQLErrorCode =
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'BAD_USER_INPUT'
  | 'CONFLICT'
  | 'RATE_LIMITED'
  | 'SERVICE_UNAVAILABLE'
  | 'INTERNAL_SERVER_ERROR'
  // A request body the API cannot read (see request-body.ts).
  | 'BAD_REQUEST'
  | 'PAYLOAD_TOO_LARGE'
  // Booking rules, each its own code (API.md, bookings issue).
  | 'VENUE_NOT_ACTIVE'
  | 'OUTSIDE_OPENING_HOURS'
  | 'IN_BLACKOUT'
  | 'TOO_SHORT_NOTICE'
  | 'TOO_FAR_AHEAD'
  | 'DURATION_OUT_OF_RANGE'
  | 'OVER_CAPACITY'
  | 'MISSING_FACILITY'
  | 'SECURITY_LEVEL_TOO_LOW'
  | 'SLOT_TAKEN'
  | 'HOLD_EXPIRED'
  // Staffing (staffing issue).
  | 'STAFF_NOT_QUALIFIED'
  | 'STAFF_UNAVAILABLE'
  | 'STAFF_CONFLICT'
  | 'STAFF_OVER_HOURS';

/** A Record over every code, so a new code without a status fails the type check. */
export const HTTP_STATUS_OF: Record<GraphQLErrorCode, HttpStatus> = {
  UNAUTHENTICATED: HttpStatus.UNAUTHORIZED,
  FORBIDDEN: HttpStatus.FORBIDDEN,
  NOT_FOUND: HttpStatus.NOT_FOUND,
  BAD_USER_INPUT: HttpStatus.BAD_REQUEST,
  CONFLICT: HttpStatus.CONFLICT,
  RATE_LIMITED: HttpStatus.TOO_MANY_REQUESTS,
  SERVICE_UNAVAILABLE: HttpStatus.SERVICE_UNAVAILABLE,
  INTERNAL_SERVER_ERROR: HttpStatus.INTERNAL_SERVER_ERROR,
  BAD_REQUEST: HttpStatus.BAD_REQUEST,
  PAYLOAD_TOO_LARGE: HttpStatus.PAYLOAD_TOO_LARGE,
  // A well-formed request that a rule refuses; taken or expired slots conflict with another's.
  VENUE_NOT_ACTIVE: HttpStatus.UNPROCESSABLE_ENTITY,
  OUTSIDE_OPENING_HOURS: HttpStatus.UNPROCESSABLE_ENTITY,
  IN_BLACKOUT: HttpStatus.UNPROCESSABLE_ENTITY,
  TOO_SHORT_NOTICE: HttpStatus.UNPROCESSABLE_ENTITY,
  TOO_FAR_AHEAD: HttpStatus.UNPROCESSABLE_ENTITY,
  DURATION_OUT_OF_RANGE: HttpStatus.UNPROCESSABLE_ENTITY,
  OVER_CAPACITY: HttpStatus.UNPROCESSABLE_ENTITY,
  MISSING_FACILITY: HttpStatus.UNPROCESSABLE_ENTITY,
  SECURITY_LEVEL_TOO_LOW: HttpStatus.UNPROCESSABLE_ENTITY,
  SLOT_TAKEN: HttpStatus.CONFLICT,
  HOLD_EXPIRED: HttpStatus.CONFLICT,
  STAFF_NOT_QUALIFIED: HttpStatus.UNPROCESSABLE_ENTITY,
  STAFF_UNAVAILABLE: HttpStatus.CONFLICT,
  STAFF_CONFLICT: HttpStatus.CONFLICT,
  STAFF_OVER_HOURS: HttpStatus.UNPROCESSABLE_ENTITY,
};

/** Nest's own HTTP errors (a guard's 401, 403 or 429) take the generic code of their status. */
const GENERIC_CODES: readonly GraphQLErrorCode[] = [
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'BAD_USER_INPUT',
  'CONFLICT',
  'RATE_LIMITED',
];
const CODE_OF_HTTP_STATUS = new Map(GENERIC_CODES.map((code) => [HTTP_STATUS_OF[code], code]));

export function codeOfHttpStatus(status: number): GraphQLErrorCode | null {
  return CODE_OF_HTTP_STATUS.get(status) ?? null;
}

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
  [AuthErrorCode.RATE_LIMITED]: 'RATE_LIMITED',
};

const VENUE_CODES: Record<VenueErrorCode, GraphQLErrorCode> = {
  [VenueErrorCode.NOT_FOUND]: 'NOT_FOUND',
  [VenueErrorCode.FORBIDDEN]: 'FORBIDDEN',
  [VenueErrorCode.BAD_USER_INPUT]: 'BAD_USER_INPUT',
  [VenueErrorCode.INVALID_STATE]: 'CONFLICT',
};

const BOOKING_CODES: Record<BookingErrorCode, GraphQLErrorCode> = {
  [BookingErrorCode.NOT_FOUND]: 'NOT_FOUND',
  [BookingErrorCode.FORBIDDEN]: 'FORBIDDEN',
  [BookingErrorCode.BAD_USER_INPUT]: 'BAD_USER_INPUT',
  [BookingErrorCode.VENUE_NOT_ACTIVE]: 'VENUE_NOT_ACTIVE',
  [BookingErrorCode.OUTSIDE_OPENING_HOURS]: 'OUTSIDE_OPENING_HOURS',
  [BookingErrorCode.IN_BLACKOUT]: 'IN_BLACKOUT',
  [BookingErrorCode.TOO_SHORT_NOTICE]: 'TOO_SHORT_NOTICE',
  [BookingErrorCode.TOO_FAR_AHEAD]: 'TOO_FAR_AHEAD',
  [BookingErrorCode.DURATION_OUT_OF_RANGE]: 'DURATION_OUT_OF_RANGE',
  [BookingErrorCode.OVER_CAPACITY]: 'OVER_CAPACITY',
  [BookingErrorCode.MISSING_FACILITY]: 'MISSING_FACILITY',
  [BookingErrorCode.SECURITY_LEVEL_TOO_LOW]: 'SECURITY_LEVEL_TOO_LOW',
  [BookingErrorCode.SLOT_TAKEN]: 'SLOT_TAKEN',
  [BookingErrorCode.HOLD_EXPIRED]: 'HOLD_EXPIRED',
  [BookingErrorCode.INVALID_TRANSITION]: 'CONFLICT',
  [BookingErrorCode.IDEMPOTENCY_KEY_REUSED]: 'CONFLICT',
};

const STAFFING_CODES: Record<StaffingErrorCode, GraphQLErrorCode> = {
  [StaffingErrorCode.NOT_FOUND]: 'NOT_FOUND',
  [StaffingErrorCode.FORBIDDEN]: 'FORBIDDEN',
  [StaffingErrorCode.BAD_USER_INPUT]: 'BAD_USER_INPUT',
  [StaffingErrorCode.STAFF_NOT_QUALIFIED]: 'STAFF_NOT_QUALIFIED',
  [StaffingErrorCode.STAFF_UNAVAILABLE]: 'STAFF_UNAVAILABLE',
  [StaffingErrorCode.STAFF_CONFLICT]: 'STAFF_CONFLICT',
  [StaffingErrorCode.STAFF_OVER_HOURS]: 'STAFF_OVER_HOURS',
  [StaffingErrorCode.REQUIREMENT_NOT_ASSIGNABLE]: 'CONFLICT',
  [StaffingErrorCode.INVALID_TRANSITION]: 'CONFLICT',
};

const NOTIFICATION_CODES: Record<NotificationErrorCode, GraphQLErrorCode> = {
  [NotificationErrorCode.NOT_FOUND]: 'NOT_FOUND',
  [NotificationErrorCode.BAD_USER_INPUT]: 'BAD_USER_INPUT',
  [NotificationErrorCode.NOT_ACKNOWLEDGEABLE]: 'CONFLICT',
  [NotificationErrorCode.INVALID_TRANSITION]: 'CONFLICT',
};

const REPORT_CODES: Record<ReportErrorCode, GraphQLErrorCode> = {
  [ReportErrorCode.NOT_FOUND]: 'NOT_FOUND',
  [ReportErrorCode.FORBIDDEN]: 'FORBIDDEN',
  [ReportErrorCode.BAD_USER_INPUT]: 'BAD_USER_INPUT',
  [ReportErrorCode.NOT_COMPLETED]: 'CONFLICT',
  [ReportErrorCode.ALREADY_RATED]: 'CONFLICT',
};

/** Errors raised at the API edge itself: input validation, paging arguments, a missing REST resource. */
export class ApiError extends DomainError<GraphQLErrorCode> {}

export class ApiInputError extends ApiError {
  constructor(field: string, message: Message) {
    super('BAD_USER_INPUT', message, field);
  }
}

export function graphQLCodeOf(error: Error): GraphQLErrorCode | null {
  if (error instanceof AuthError) return AUTH_CODES[error.code];
  if (error instanceof VenueError) return VENUE_CODES[error.code];
  if (error instanceof BookingError) return BOOKING_CODES[error.code];
  if (error instanceof StaffingError) return STAFFING_CODES[error.code];
  if (error instanceof NotificationError) return NOTIFICATION_CODES[error.code];
  if (error instanceof ReportError) return REPORT_CODES[error.code];
  if (error instanceof ApiError) return error.code;
  return null;
}
