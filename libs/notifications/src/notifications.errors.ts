import { DomainError } from '@app/common';

export enum NotificationErrorCode {
  NOT_FOUND = 'NOT_FOUND',
  BAD_USER_INPUT = 'BAD_USER_INPUT',
  /** Acknowledging a notice that asks for none. */
  NOT_ACKNOWLEDGEABLE = 'NOT_ACKNOWLEDGEABLE',
}

export class NotificationError extends DomainError<NotificationErrorCode> {}
