import { InjectQueue, OnWorkerEvent, Processor, WorkerHost } from '@nestjs/bullmq';
import { BeforeApplicationShutdown, Inject, Logger, OnApplicationBootstrap } from '@nestjs/common';
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
  RemindersService,
  WebhookChannel,
  WebhookJob,
} from '@app/notifications';
import { Job, Queue, UnrecoverableError } from 'bullmq';
import { JobSchedulerKeeper } from '../schedulers/job-scheduler-keeper';

/** Relays the outbox every second, turns each relayed event into notifications and reminder
 * jobs, sends reminders when they fall due, and puts back reminder jobs Redis lost. */
// Notification jobs take milliseconds: a short lock lets another worker take over those of a
// worker that died within seconds, not the default half minute. They mostly wait on the database
// and Redis, so several run at once (WORKER_CONCURRENCY; each is idempotent on its own keys).
@Processor(NOTIFICATIONS_QUEUE, { lockDuration: 10_000, stalledInterval: 5_000 })
export class NotificationsProcessor
  extends WorkerHost
  implements OnApplicationBootstrap, BeforeApplicationShutdown
{
  private readonly logger = new Logger(NotificationsProcessor.name);

  constructor(
    private readonly relay: OutboxRelayService,
    private readonly notifications: NotificationsService,
    private readonly reminders: RemindersService,
    private readonly email: EmailChannel,
    private readonly webhooks: WebhookChannel,
    @InjectQueue(NOTIFICATIONS_QUEUE) private readonly queue: Queue,
    private readonly schedulers: JobSchedulerKeeper,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    super();
  }

  /** One scheduler of each kind for all workers, kept in Redis even if Redis loses it. */
  async onApplicationBootstrap(): Promise<void> {
    // Connected before the app counts as started: closing a worker still connecting leaves an
    // unhandled error behind.
    await this.worker.waitUntilReady();
    this.worker.concurrency = this.config.workerConcurrency;
    // Removed outright: a count or age here applies to the queue's whole completed set, and a
    // pass every second keeping 100 dropped every other job's day of history, which the job-id
    // deduplication of relayed events relies on. Failed ones age like the others.
    const opts = { removeOnComplete: true, removeOnFail: { age: 7 * 86_400 } };
    await this.schedulers.keep({
      queue: this.queue,
      id: RELAY_SCHEDULER_ID,
      everyMs: RELAY_EVERY_MS,
      name: NotificationJob.RELAY_OUTBOX,
      opts,
    });
    await this.schedulers.keep({
      queue: this.queue,
      id: REMINDER_RECONCILE_SCHEDULER_ID,
      everyMs: this.config.reminderReconcileSeconds * 1000,
      name: NotificationJob.RECONCILE_REMINDERS,
      opts,
    });
  }

  /**
   * Lets the jobs in flight finish before anything they need closes: Nest would close the
   * database, the queues and the mail transport first, and the worker last.
   */
  async beforeApplicationShutdown(): Promise<void> {
    await this.worker.close();
  }

  /** Connection trouble (Redis away, or closing): logged, never an unhandled 'error' event. */
  @OnWorkerEvent('error')
  onWorkerError(error: Error): void {
    this.logger.warn(`${NOTIFICATIONS_QUEUE} worker: ${error.message}`);
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
        return { notified: await this.reminders.fire(job.data as ReminderJob) };
      case NotificationJob.RECONCILE_REMINDERS:
        return { added: await this.reminders.reconcile() };
      default:
        this.logger.error(`unknown job ${job.name} in ${NOTIFICATIONS_QUEUE}`);
        throw new UnrecoverableError(`unknown job ${job.name}`);
    }
  }
}
