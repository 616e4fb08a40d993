import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { BookingEntity, BookingStatus } from '@app/bookings';
import { APP_CONFIG, AppConfig, ReminderRule } from '@app/config';
import { DataSource } from 'typeorm';
import { LATE_END_REMINDER_MS } from './reminder-rules';
import { ReminderScheduler } from './reminder-scheduler';

/** Bookings read per reconciliation batch. */
const RECONCILE_BATCH = 500;

/**
 * Puts back the reminder jobs Redis lost (flushed, or restarted empty), periodically: those that
 * fell due meanwhile go out late while they are still of use.
 */
@Injectable()
export class ReminderReconciler {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly scheduler: ReminderScheduler,
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
    const windows: { statuses: BookingStatus[]; column: string; from: number; to: number }[] = [];
    const start = offsets('start');
    // A start reminder is of use until the start: the events starting before the horizon plus
    // the longest lead.
    if (start.length)
      windows.push({
        statuses: [BookingStatus.APPROVED],
        column: 'starts_at',
        from: now.getTime(),
        to: until - Math.min(...start),
      });
    const end = offsets('end');
    // A feedback request is of use for a day after its time.
    if (end.length)
      windows.push({
        statuses: [BookingStatus.APPROVED, BookingStatus.COMPLETED],
        column: 'ends_at',
        from: now.getTime() - LATE_END_REMINDER_MS - Math.max(...end),
        to: until - Math.min(...end),
      });
    // A request may wait any time: every waiting one (there are few).
    if (offsets('requested').length)
      windows.push({
        statuses: [BookingStatus.PENDING_APPROVAL],
        column: 'submitted_at',
        from: 0,
        to: until,
      });
    let added = 0;
    for (const window of windows)
      for (const status of window.statuses)
        added += await this.reconcileWindow(status, window.column, window, until, now);
    return added;
  }

  /** Keyset over an index led by (status, column): ix_bookings_report, _status_ends, _pending. */
  private async reconcileWindow(
    status: BookingStatus,
    column: string,
    window: { from: number; to: number },
    until: number,
    now: Date,
  ): Promise<number> {
    let added = 0;
    let after = { at: new Date(window.from), id: '0' };
    for (;;) {
      const batch = await this.dataSource
        .getRepository(BookingEntity)
        .createQueryBuilder('b')
        .where('b.status = :status', { status })
        .andWhere(`(b.${column} > :at OR (b.${column} = :at AND b.id > :id))`, after)
        .andWhere(`b.${column} <= :to`, { to: new Date(window.to) })
        .orderBy(`b.${column}`, 'ASC')
        .addOrderBy('b.id', 'ASC')
        .limit(RECONCILE_BATCH)
        .getMany();
      if (!batch.length) break;
      added += await this.scheduler.addCurrentJobs(batch, now, until);
      const last = batch[batch.length - 1];
      const at =
        column === 'starts_at'
          ? last.startsAt
          : column === 'ends_at'
            ? last.endsAt
            : last.submittedAt;
      after = { at: at!, id: last.id };
      if (batch.length < RECONCILE_BATCH) break;
    }
    return added;
  }
}
