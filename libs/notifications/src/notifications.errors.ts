import { DomainError } from '@app/common';

export enum NotificationErrorCode {
  NOT_FOUND = 'NOT_FOUND',
  BAD_USER_INPUT = 'BAD_USER_INPUT',
  /** Acknowledging a notice that asks for none. */
  NOT_ACKNOWLEDGEABLE = 'NOT_ACKNOWLEDGEABLE',
  /** Redelivering a webhook delivery that has not failed, or to a retired endpoint. */
  INVALID_TRANSITION = 'INVALID_TRANSITION',
}

export class NotificationError extends DomainError<NotificationErrorCode> {}

/** A webhook URL that may not be called: its host is private, loopback or otherwise internal. */
export class WebhookTargetRefusedError extends Error {
  constructor(
    readonly host: string,
    readonly address: string,
  ) {
    super(`${host} points at ${address}, a private, loopback or reserved address`);
    this.name = 'WebhookTargetRefusedError';
  }
}
