import { Queue } from 'bullmq';
import { ReminderRule } from '@app/config';
import { JobQueue, NewJob, NoPayload } from '@app/database';

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
  /** Add again the reminder jobs Redis may have lost (a job scheduler, REMINDER_RECONCILE_SECONDS). */
  RECONCILE_REMINDERS = 'reconcile-reminders',
}

export const RELAY_SCHEDULER_ID = 'relay-outbox';
export const RELAY_EVERY_MS = 1000;
export const REMINDER_RECONCILE_SCHEDULER_ID = 'reconcile-reminders';

export interface OutboxEventPayload {
  eventId: string;
  /** The relay has planned the booking's reminders already (jobs queued before it did not). */
  remindersPlanned?: boolean;
}

export interface ReminderPayload {
  bookingId: string;
  version: number;
  rule: ReminderRule;
}

/** One job per booking version and rule: adding it twice adds nothing. */
export const reminderJobId = (bookingId: string, version: number, rule: ReminderRule) =>
  `reminder-${bookingId}-v${version}-${rule.audience}-${rule.label}`;

export interface EscalationPayload {
  eventId: string;
}

export interface EmailPayload {
  notificationId: string;
}

export interface WebhookPayload {
  deliveryId: string;
}

export interface NotificationJobPayloads {
  [NotificationJob.RELAY_OUTBOX]: NoPayload;
  [NotificationJob.OUTBOX_EVENT]: OutboxEventPayload;
  [NotificationJob.REMINDER]: ReminderPayload;
  [NotificationJob.ESCALATE]: EscalationPayload;
  [NotificationJob.EMAIL]: EmailPayload;
  [NotificationJob.WEBHOOK]: WebhookPayload;
  [NotificationJob.RECONCILE_REMINDERS]: NoPayload;
}

/** A notification job to add in bulk, its payload the one its name takes. */
export type NewNotificationJob = NewJob<NotificationJobPayloads>;

/** The notifications queue, taking each job with its own payload only. */
export const notificationJobs = (queue: Queue) => new JobQueue<NotificationJobPayloads>(queue);
