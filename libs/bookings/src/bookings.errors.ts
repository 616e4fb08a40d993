import { DomainError, Message } from '@app/common';

export enum BookingErrorCode {
  NOT_FOUND = 'NOT_FOUND',
  FORBIDDEN = 'FORBIDDEN',
  BAD_USER_INPUT = 'BAD_USER_INPUT',
  VENUE_NOT_ACTIVE = 'VENUE_NOT_ACTIVE',
  OUTSIDE_OPENING_HOURS = 'OUTSIDE_OPENING_HOURS',
  IN_BLACKOUT = 'IN_BLACKOUT',
  TOO_SHORT_NOTICE = 'TOO_SHORT_NOTICE',
  TOO_FAR_AHEAD = 'TOO_FAR_AHEAD',
  DURATION_OUT_OF_RANGE = 'DURATION_OUT_OF_RANGE',
  OVER_CAPACITY = 'OVER_CAPACITY',
  MISSING_FACILITY = 'MISSING_FACILITY',
  SECURITY_LEVEL_TOO_LOW = 'SECURITY_LEVEL_TOO_LOW',
  SLOT_TAKEN = 'SLOT_TAKEN',
  HOLD_EXPIRED = 'HOLD_EXPIRED',
  /** The booking's status does not allow the change (e.g. approving a cancelled booking). */
  INVALID_TRANSITION = 'INVALID_TRANSITION',
  /** The idempotency key was used before for a different request. */
  IDEMPOTENCY_KEY_REUSED = 'IDEMPOTENCY_KEY_REUSED',
}

export class BookingError extends DomainError<BookingErrorCode> {}

export const badBookingInput = (field: string, message: Message) =>
  new BookingError(BookingErrorCode.BAD_USER_INPUT, message, field);
