import { InjectQueue, Processor } from '@nestjs/bullmq';
import { Inject } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@app/config';
import {
  EmailChannel,
  EmailJob,
  EscalationJob,
  NOTIFICATIONS_QUEUE,
  NotificationJob,
  NotificationsService,
  OutboxEventJob,
  OutboxRelayService,
  RELAY_EVERY_MS,
  RELAY_SCHEDULER_ID,
  REMINDER_RECONCILE_SCHEDULER_ID,
  ReminderJob,
  ReminderReconciler,
  ReminderSender,
  WebhookChannel,
  WebhookJob,
} from '@app/notifications';
import { Job, Queue, UnrecoverableError } from 'bullmq';
import { QueueProcessor, SCHEDULED_JOB_OPTIONS } from '../queue-processor';
import { JobSchedulerKeeper } from '../schedulers/job-scheduler-keeper';

/** Relays the outbox every second, turns each relayed event into notifications and reminder
 * jobs, sends reminders when they fall due, and puts back reminder jobs Redis lost. */
// Notification jobs take milliseconds: a short lock lets another worker take over those of a
// worker that died within seconds, not the default half minute. They mostly wait on the database
// and Redis, so several run at once (WORKER_CONCURRENCY; each is idempotent on its own keys).
@Processor(NOTIFICATIONS_QUEUE, { lockDuration: 10_000, stalledInterval: 5_000 })
export class NotificationsProcessor extends QueueProcessor {
  constructor(
    private readonly relay: OutboxRelayService,
    private readonly notifications: NotificationsService,
    private readonly reminders: ReminderSender,
    private readonly reconciler: ReminderReconciler,
    private readonly email: EmailChannel,
    private readonly webhooks: WebhookChannel,
    @InjectQueue(NOTIFICATIONS_QUEUE) private readonly queue: Queue,
    private readonly schedulers: JobSchedulerKeeper,
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

  async process(job: Job): Promise<unknown> {
    switch (job.name as NotificationJob) {
      case NotificationJob.RELAY_OUTBOX:
        return { relayed: await this.relay.relayPending() };
      case NotificationJob.OUTBOX_EVENT: {
        const { eventId, remindersPlanned } = job.data as OutboxEventJob;
        return {
          notified: await this.notifications.handleOutboxEvent(eventId, remindersPlanned),
        };
      }
      case NotificationJob.ESCALATE: {
        const { eventId } = job.data as EscalationJob;
        return { escalated: await this.notifications.escalate(eventId) };
      }
      case NotificationJob.EMAIL: {
        const { notificationId } = job.data as EmailJob;
        return { sent: await this.email.send(notificationId) };
      }
      case NotificationJob.WEBHOOK: {
        const { deliveryId } = job.data as WebhookJob;
        const lastAttempt = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
        return { status: await this.webhooks.attempt(deliveryId, lastAttempt) };
      }
      case NotificationJob.REMINDER:
        return { notified: await this.reminders.send(job.data as ReminderJob) };
      case NotificationJob.RECONCILE_REMINDERS:
        return { added: await this.reconciler.reconcile() };
      default:
        this.logger.error(`unknown job ${job.name} in ${NOTIFICATIONS_QUEUE}`);
        throw new UnrecoverableError(`unknown job ${job.name}`);
    }
  }
}
