import { InjectQueue } from '@nestjs/bullmq';
import { Inject, Injectable } from '@nestjs/common';
import { Queue } from 'bullmq';
import { BookingEntity, BookingReader, BookingStatus } from '@app/bookings';
import { APP_CONFIG, AppConfig, HOLD_EXPIRING_RULE, ReminderRule } from '@app/config';
import {
  NOTIFICATIONS_QUEUE,
  NotificationJob,
  NewNotificationJob,
  notificationJobs,
  reminderJobId,
} from './notifications.jobs';
import { holdWarningAt, SERVES, usefulUntil } from './reminder-rules';

/**
 * Reminder plans as delayed BullMQ jobs, one per booking version and rule. A new version removes
 * the jobs of the older ones, and a job checks the booking's version and status before it sends
 * (ReminderDeliveryService), so a moved or cancelled booking's reminders never fire stale. A rule
 * whose time has passed when the booking changes is skipped, not sent late.
 */
@Injectable()
export class ReminderSchedulingService {
  constructor(
    private readonly bookings: BookingReader,
    @InjectQueue(NOTIFICATIONS_QUEUE) private readonly queue: Queue,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * After bookings changed (read as they are now; the relay passes a batch at a time): replaces
   * their reminder jobs with the current version's, in a few round trips.
   */
  async schedule(bookings: BookingEntity[], now = new Date()): Promise<number> {
    if (!bookings.length) return 0;
    const rules = this.rules();
    await Promise.all(
      bookings.flatMap((booking) =>
        Array.from({ length: booking.version - 1 }, (_, i) => i + 1).flatMap((version) =>
          rules.map((rule) => this.queue.remove(reminderJobId(booking.id, version, rule))),
        ),
      ),
    );
    return this.addCurrentJobs(bookings, now);
  }

  /**
   * The one place reminder jobs are made: the current version's rules that fell due after the
   * booking took its current form (and, given `until`, no later than that). Those still ahead
   * wait for their time; one whose time has passed (its job was lost with Redis, or the change
   * reached the worker late) goes out now, if it is still of use: before the event starts,
   * within a day for a feedback request, and while a request still waits. A rule already due
   * when the booking changed is never sent. Job ids are deterministic, so adding a job that is
   * there (waiting, or done within the last day) changes nothing.
   */
  async addCurrentJobs(
    bookings: BookingEntity[],
    now: Date,
    until = Number.POSITIVE_INFINITY,
  ): Promise<number> {
    // When each request's current wait began (the hand-over to the district starts a new one).
    const waitingSince = await this.bookings.approvalWaitsSince(
      bookings.filter((b) => b.status === BookingStatus.PENDING_APPROVAL).map((b) => b.id),
    );
    const jobs = bookings.flatMap((booking) =>
      this.rules()
        .filter((rule) => SERVES[rule.anchor].includes(booking.status))
        .map((rule) => ({ rule, anchor: this.anchorOf(booking, rule, waitingSince) }))
        .filter(({ anchor }) => anchor !== null)
        .map(({ rule, anchor }) => ({ rule, at: anchor! + rule.offsetMs }))
        .filter(({ at }) => at > booking.updatedAt.getTime() && at <= until)
        .filter(({ rule, at }) => now.getTime() < usefulUntil(booking, rule, at))
        .map(({ rule, at }): NewNotificationJob => ({
          name: NotificationJob.REMINDER,
          data: { bookingId: booking.id, version: booking.version, rule },
          opts: {
            jobId: reminderJobId(booking.id, booking.version, rule),
            delay: Math.max(0, at - now.getTime()),
            attempts: 5,
            backoff: { type: 'exponential', delay: 1000 },
            removeOnComplete: { age: 86_400 },
            removeOnFail: { age: 7 * 86_400 },
          },
        })),
    );
    if (jobs.length) await notificationJobs(this.queue).addBulk(jobs);
    return jobs.length;
  }

  /** The configured plan, and the built-in warning of a hold running out. */
  private rules(): ReminderRule[] {
    return [...this.config.reminders, HOLD_EXPIRING_RULE];
  }

  private anchorOf(
    booking: BookingEntity,
    rule: ReminderRule,
    waitingSince: Map<string, Date>,
  ): number | null {
    if (rule.anchor === 'start') return booking.startsAt.getTime();
    if (rule.anchor === 'end') return booking.endsAt.getTime();
    if (rule.anchor === 'hold') return holdWarningAt(booking);
    return waitingSince.get(booking.id)?.getTime() ?? null;
  }
}
