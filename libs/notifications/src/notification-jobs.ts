import { ReminderRule } from '@app/config';

export const NOTIFICATIONS_QUEUE = 'notifications';

export enum NotificationJob {
  /** Relay committed outbox events to the queue (a job scheduler, every second). */
  RELAY_OUTBOX = 'relay-outbox',
  /** Turn one outbox event into notifications. */
  OUTBOX_EVENT = 'outbox-event',
  /** Send one planned reminder, unless its booking has changed since. */
  REMINDER = 'reminder',
  /** Tell the district when no coordinator acknowledged a HIGH or STATE notice in time. */
  ESCALATE = 'escalate',
  /** Send one notification by e-mail. */
  EMAIL = 'email',
  /** POST one notification to one registered webhook endpoint. */
  WEBHOOK = 'webhook',
}

export const RELAY_SCHEDULER_ID = 'relay-outbox';
export const RELAY_EVERY_MS = 1000;

export interface OutboxEventJob {
  eventId: string;
}

export interface ReminderJob {
  bookingId: string;
  version: number;
  rule: ReminderRule;
}

export interface EscalationJob {
  eventId: string;
}

export interface EmailJob {
  notificationId: string;
}

export interface WebhookJob {
  deliveryId: string;
}
