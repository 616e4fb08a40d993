import { InjectQueue, Processor } from '@nestjs/bullmq';
import { Inject } from '@nestjs/common';
import { Queue } from 'bullmq';
import { APP_CONFIG, AppConfig } from '@app/config';
import { JobHandlers } from '@app/database';
import {
  EmailChannel,
  NOTIFICATIONS_QUEUE,
  NotificationJob,
  NotificationJobPayloads,
  NotificationsService,
  OutboxRelayService,
  RELAY_EVERY_MS,
  RELAY_SCHEDULER_ID,
  REMINDER_RECONCILE_SCHEDULER_ID,
  ReminderDeliveryService,
  ReminderReconciliationService,
  WebhookChannel,
} from '@app/notifications';
import { QueueProcessor, SCHEDULED_JOB_OPTIONS } from '../queue-processor';
import { JobSchedulersService } from '../schedulers/job-schedulers.service';

/** Relays the outbox every second, turns each relayed event into notifications and reminder
 * jobs, sends reminders when they fall due, and puts back reminder jobs Redis lost. */
// Notification jobs take milliseconds: a short lock lets another worker take over those of a
// worker that died within seconds, not the default half minute. They mostly wait on the database
// and Redis, so several run at once (WORKER_CONCURRENCY; each is idempotent on its own keys).
@Processor(NOTIFICATIONS_QUEUE, { lockDuration: 10_000, stalledInterval: 5_000 })
export class NotificationsProcessor extends QueueProcessor<NotificationJobPayloads> {
  protected readonly handlers: JobHandlers<NotificationJobPayloads> = {
    [NotificationJob.RELAY_OUTBOX]: async () => ({ relayed: await this.relay.relayPending() }),
    [NotificationJob.OUTBOX_EVENT]: async ({ data }) => ({
      notified: await this.notifications.handleOutboxEvent(data.eventId, data.remindersPlanned),
    }),
    [NotificationJob.ESCALATE]: async ({ data }) => ({
      escalated: await this.notifications.escalate(data.eventId),
    }),
    [NotificationJob.EMAIL]: async ({ data }) => ({
      sent: await this.email.send(data.notificationId),
    }),
    [NotificationJob.WEBHOOK]: async (job) => {
      const lastAttempt = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
      return { status: await this.webhooks.attempt(job.data.deliveryId, lastAttempt) };
    },
    [NotificationJob.REMINDER]: async ({ data }) => ({
      notified: await this.reminders.send(data),
    }),
    [NotificationJob.RECONCILE_REMINDERS]: async () => ({
      added: await this.reconciler.reconcile(),
    }),
  };

  constructor(
    private readonly relay: OutboxRelayService,
    private readonly notifications: NotificationsService,
    private readonly reminders: ReminderDeliveryService,
    private readonly reconciler: ReminderReconciliationService,
    private readonly email: EmailChannel,
    private readonly webhooks: WebhookChannel,
    @InjectQueue(NOTIFICATIONS_QUEUE) private readonly queue: Queue,
    private readonly schedulers: JobSchedulersService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    super(NOTIFICATIONS_QUEUE, config);
  }

  protected async keepSchedulers(): Promise<void> {
    await this.schedulers.keep({
      queue: this.queue,
      id: RELAY_SCHEDULER_ID,
      everyMs: RELAY_EVERY_MS,
      name: NotificationJob.RELAY_OUTBOX,
      opts: SCHEDULED_JOB_OPTIONS,
    });
    await this.schedulers.keep({
      queue: this.queue,
      id: REMINDER_RECONCILE_SCHEDULER_ID,
      everyMs: this.config.reminderReconcileSeconds * 1000,
      name: NotificationJob.RECONCILE_REMINDERS,
      opts: SCHEDULED_JOB_OPTIONS,
    });
  }
}
