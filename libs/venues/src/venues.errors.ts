import { DomainError, Message } from '@app/common';

export enum VenueErrorCode {
  NOT_FOUND = 'NOT_FOUND',
  FORBIDDEN = 'FORBIDDEN',
  BAD_USER_INPUT = 'BAD_USER_INPUT',
  /** The venue's lifecycle state does not allow the change (e.g. submitting an ACTIVE venue). */
  INVALID_STATE = 'INVALID_STATE',
}

export class VenueError extends DomainError<VenueErrorCode> {}

export const badVenueInput = (field: string, message: Message) =>
  new VenueError(VenueErrorCode.BAD_USER_INPUT, message, field);
