import { InjectQueue, Processor, WorkerHost } from '@nestjs/bullmq';
import { Logger, OnApplicationBootstrap } from '@nestjs/common';
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
  ReminderJob,
  RemindersService,
  WebhookChannel,
  WebhookJob,
} from '@app/notifications';
import { Job, Queue, UnrecoverableError } from 'bullmq';

/** Relays the outbox every second, turns each relayed event into notifications and reminder
 * jobs, and sends reminders when they fall due. */
// Notification jobs take milliseconds: a short lock lets another worker take over those of a
// worker that died within seconds, not the default half minute. They mostly wait on the database
// and Redis, so several run at once (each is idempotent on its own keys).
@Processor(NOTIFICATIONS_QUEUE, { lockDuration: 10_000, stalledInterval: 5_000, concurrency: 8 })
export class NotificationsProcessor extends WorkerHost implements OnApplicationBootstrap {
  private readonly logger = new Logger(NotificationsProcessor.name);

  constructor(
    private readonly relay: OutboxRelayService,
    private readonly notifications: NotificationsService,
    private readonly reminders: RemindersService,
    private readonly email: EmailChannel,
    private readonly webhooks: WebhookChannel,
    @InjectQueue(NOTIFICATIONS_QUEUE) private readonly queue: Queue,
  ) {
    super();
  }

  /** One scheduler for all workers: upserting it by id is idempotent. */
  async onApplicationBootstrap(): Promise<void> {
    await this.queue.upsertJobScheduler(
      RELAY_SCHEDULER_ID,
      { every: RELAY_EVERY_MS },
      {
        name: NotificationJob.RELAY_OUTBOX,
        // Removed outright: a count or age here applies to the queue's whole completed set, and a
        // pass every second keeping 100 dropped every other job's day of history, which the
        // job-id deduplication of relayed events relies on. Failed ones age like the others.
        opts: { removeOnComplete: true, removeOnFail: { age: 7 * 86_400 } },
      },
    );
  }

  async process(job: Job): Promise<unknown> {
    switch (job.name as NotificationJob) {
      case NotificationJob.RELAY_OUTBOX:
        return { relayed: await this.relay.relayPending() };
      case NotificationJob.OUTBOX_EVENT: {
        const { eventId } = job.data as OutboxEventJob;
        return { notified: await this.notifications.handleOutboxEvent(eventId) };
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
        return { notified: await this.reminders.fire(job.data as ReminderJob) };
      default:
        this.logger.error(`unknown job ${job.name} in ${NOTIFICATIONS_QUEUE}`);
        throw new UnrecoverableError(`unknown job ${job.name}`);
    }
  }
}
