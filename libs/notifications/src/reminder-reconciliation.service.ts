import { Inject, Injectable } from '@nestjs/common';
import { BookingReader, BookingStatus, BookingTime } from '@app/bookings';
import { APP_CONFIG, AppConfig, ReminderRule } from '@app/config';
import { LATE_END_REMINDER_MS } from './reminder-rules';
import { ReminderSchedulingService } from './reminder-scheduling.service';

/** Bookings read per reconciliation batch. */
const RECONCILE_BATCH = 500;

/** The bookings in one of the states whose `time` lies in [from, to] (epoch milliseconds). */
interface ReconcileWindow {
  statuses: BookingStatus[];
  time: BookingTime;
  from: number;
  to: number;
}

/**
 * Puts back the reminder jobs Redis lost (flushed, or restarted empty), periodically: those that
 * fell due meanwhile go out late while they are still of use.
 */
@Injectable()
export class ReminderReconciliationService {
  constructor(
    private readonly bookings: BookingReader,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly scheduler: ReminderSchedulingService,
  ) {}

  /**
   * Adds again the current version's reminder jobs that fall due before the pass after next (and
   * those missed that are still of use); reminders further ahead come back on a later pass, so a
   * pass reads only the bookings near their reminders, however many lie far ahead. Adding a job
   * that is there changes nothing. A booking that changes meanwhile may get jobs for the version
   * just replaced; they find a newer version when they fire and send nothing.
   */
  async reconcile(now = new Date()): Promise<number> {
    const until = now.getTime() + 2 * this.config.reminderReconcileSeconds * 1000;
    const offsets = (anchor: ReminderRule['anchor']) =>
      this.config.reminders.filter((rule) => rule.anchor === anchor).map((rule) => rule.offsetMs);
    const windows: ReconcileWindow[] = [];
    const start = offsets('start');
    // A start reminder is of use until the start: the events starting before the horizon plus
    // the longest lead.
    if (start.length)
      windows.push({
        statuses: [BookingStatus.APPROVED],
        time: 'startsAt',
        from: now.getTime(),
        to: until - Math.min(...start),
      });
    const end = offsets('end');
    // A feedback request is of use for a day after its time.
    if (end.length)
      windows.push({
        statuses: [BookingStatus.APPROVED, BookingStatus.COMPLETED],
        time: 'endsAt',
        from: now.getTime() - LATE_END_REMINDER_MS - Math.max(...end),
        to: until - Math.min(...end),
      });
    // A request may wait any time: every waiting one (there are few).
    if (offsets('requested').length)
      windows.push({
        statuses: [BookingStatus.PENDING_APPROVAL],
        time: 'submittedAt',
        from: 0,
        to: until,
      });
    let added = 0;
    for (const { statuses, time, from, to } of windows)
      for (const status of statuses)
        for await (const batch of this.bookings.inTimeWindow(
          status,
          time,
          new Date(from),
          new Date(to),
          RECONCILE_BATCH,
        ))
          added += await this.scheduler.addCurrentJobs(batch, now, until);
    return added;
  }
}
