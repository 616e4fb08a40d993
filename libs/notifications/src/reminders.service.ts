import { InjectQueue } from '@nestjs/bullmq';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Role, UserEntity } from '@app/auth';
import { ApprovalStage, BookingAuditEntity, BookingEntity, BookingStatus } from '@app/bookings';
import { APP_CONFIG, AppConfig, ReminderRule } from '@app/config';
import { VenueEntity } from '@app/venues';
import { Queue } from 'bullmq';
import { DataSource, In } from 'typeorm';
import { NotificationKind } from './notification.entity';
import { NotificationWriter } from './notification-writer';
import { localTime, timeRange } from './notice-time';
import {
  NewNotificationJob,
  NOTIFICATIONS_QUEUE,
  NotificationJob,
  notificationJobs,
  ReminderJob,
} from './notification-jobs';

/** Which booking states a rule's reminders serve (the feedback request outlives completion). */
const SERVES: Record<ReminderRule['anchor'], BookingStatus[]> = {
  start: [BookingStatus.APPROVED],
  end: [BookingStatus.APPROVED, BookingStatus.COMPLETED],
  requested: [BookingStatus.PENDING_APPROVAL],
};

const KIND_OF: Record<ReminderRule['audience'], NotificationKind> = {
  organizer: NotificationKind.REMINDER,
  interpreters: NotificationKind.REMINDER,
  security: NotificationKind.REMINDER,
  approvers: NotificationKind.APPROVAL_WAITING,
  feedback: NotificationKind.FEEDBACK_REQUEST,
};

/** How long after its time a feedback request is still worth sending. */
const LATE_END_REMINDER_MS = 86_400_000;

/** Until when a reminder due at `at` is worth sending, should it be late. */
function usefulUntil(booking: BookingEntity, rule: ReminderRule, at: number): number {
  if (rule.anchor === 'start') return booking.startsAt.getTime();
  if (rule.anchor === 'end') return at + LATE_END_REMINDER_MS;
  return Number.POSITIVE_INFINITY; // a waiting request: the job checks it still waits
}

const reminderJobId = (bookingId: string, version: number, rule: ReminderRule) =>
  `reminder-${bookingId}-v${version}-${rule.audience}-${rule.label}`;

/** Bookings read per reconciliation batch. */
const RECONCILE_BATCH = 500;

/**
 * Reminder plans as delayed BullMQ jobs, one per booking version and rule. A new version removes
 * the jobs of the older ones, and a job checks the booking's version and status before it sends,
 * so a moved or cancelled booking's reminders never fire stale. A rule whose time has passed when
 * the booking changes is skipped, not sent late. A periodic reconciliation adds the current
 * version's jobs again, so jobs Redis lost (flushed, or restarted empty) come back, and those
 * that fell due meanwhile go out late while they are still of use.
 */
@Injectable()
export class RemindersService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectQueue(NOTIFICATIONS_QUEUE) private readonly queue: Queue,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly writer: NotificationWriter,
  ) {}

  /**
   * After bookings changed (read as they are now; the relay passes a batch at a time): replaces
   * their reminder jobs with the current version's, in a few round trips.
   */
  async schedule(bookings: BookingEntity[], now = new Date()): Promise<number> {
    if (!bookings.length) return 0;
    const rules = this.config.reminders;
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
   * Adds again the current version's reminder jobs that fall due before the pass after next (and
   * those missed that are still of use); reminders further ahead come back on a later pass, so a
   * pass reads only the bookings near their reminders, however many lie far ahead. Job ids are
   * deterministic, so adding a job that is there (waiting, or done within the last day) changes
   * nothing. A booking that changes meanwhile may get jobs for the version just replaced; they
   * find a newer version when they fire and send nothing.
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
      added += await this.addCurrentJobs(batch, now, until);
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

  /**
   * The one place reminder jobs are made: the current version's rules that fell due after the
   * booking took its current form. Those still ahead wait for their time; one whose time has
   * passed (its job was lost with Redis, or the change reached the worker late) goes out now,
   * if it is still of use: before the event starts, within a day for a feedback request, and
   * while a request still waits. A rule already due when the booking changed is never sent.
   */
  private async addCurrentJobs(
    bookings: BookingEntity[],
    now: Date,
    until = Number.POSITIVE_INFINITY,
  ): Promise<number> {
    const waitingSince = await this.approvalWaitsSince(
      bookings.filter((b) => b.status === BookingStatus.PENDING_APPROVAL).map((b) => b.id),
    );
    const jobs = bookings.flatMap((booking) =>
      this.config.reminders
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

  /**
   * When each booking's current wait for approval began: the audit trail's latest entry into
   * PENDING_APPROVAL. That is the submission, or the move that sent it back to approval, or the
   * subdistrict's hand-over to the district (whose admins begin to wait then); submitted_at
   * does not move at the hand-over.
   */
  private async approvalWaitsSince(bookingIds: string[]): Promise<Map<string, number>> {
    if (!bookingIds.length) return new Map();
    const rows: { bookingId: string; at: Date }[] = await this.dataSource
      .getRepository(BookingAuditEntity)
      .createQueryBuilder('a')
      .select('a.booking_id', 'bookingId')
      .addSelect('MAX(a.at)', 'at')
      .where('a.booking_id IN (:...ids)', { ids: bookingIds })
      .andWhere('a.to_status = :pending', { pending: BookingStatus.PENDING_APPROVAL })
      .groupBy('a.booking_id')
      .getRawMany();
    return new Map(rows.map((row) => [String(row.bookingId), new Date(row.at).getTime()]));
  }

  /** Sends one reminder, unless the booking has changed since it was planned. */
  async fire({ bookingId, version, rule }: ReminderJob): Promise<number> {
    const booking = await this.dataSource.getRepository(BookingEntity).findOneBy({ id: bookingId });
    if (!booking || booking.version !== version || !SERVES[rule.anchor].includes(booking.status))
      return 0;
    const [venue, recipients] = await Promise.all([
      this.dataSource.getRepository(VenueEntity).findOneByOrFail({ id: booking.venueId }),
      this.recipientsOf(booking, rule),
    ]);
    if (!recipients.length) return 0;
    return this.writer.deliver(
      recipients.map((recipient) => ({
        recipientId: recipient.id,
        kind: KIND_OF[rule.audience],
        deliveryKey: `${reminderJobId(bookingId, version, rule)}-${recipient.id}`,
        bookingId,
        critical: false,
        needsAcknowledgement: false,
        ...renderReminder(rule, booking, venue, recipient.timeZone),
      })),
    );
  }

  private anchorOf(
    booking: BookingEntity,
    rule: ReminderRule,
    waitingSince: Map<string, number>,
  ): number | null {
    if (rule.anchor === 'start') return booking.startsAt.getTime();
    if (rule.anchor === 'end') return booking.endsAt.getTime();
    return waitingSince.get(booking.id) ?? null;
  }

  private async recipientsOf(booking: BookingEntity, rule: ReminderRule): Promise<UserEntity[]> {
    const users = this.dataSource.getRepository(UserEntity);
    switch (rule.audience) {
      case 'organizer':
      case 'feedback':
        return users.findBy({ id: booking.organizerId, active: true });
      case 'approvers': {
        if (booking.approvalStage === ApprovalStage.DISTRICT)
          return users.findBy({ role: Role.DISTRICT_ADMIN, active: true });
        const venue = await this.dataSource
          .getRepository(VenueEntity)
          .findOneByOrFail({ id: booking.venueId });
        return users.findBy({
          role: Role.SUBDISTRICT_MANAGER,
          subdistrictId: venue.subdistrictId,
          active: true,
        });
      }
      case 'interpreters':
        return this.assignedStaff(booking.id, 'INTERPRETER');
      case 'security': {
        const [coordinators, officers] = await Promise.all([
          users.findBy({ role: Role.SECURITY_COORDINATOR, active: true }),
          this.assignedStaff(booking.id, 'SECURITY_OFFICER'),
        ]);
        return [...coordinators, ...officers];
      }
    }
  }

  /** The users behind the booking's standing assignments of one kind. */
  private async assignedStaff(bookingId: string, kind: string): Promise<UserEntity[]> {
    const rows: { userId: string }[] = await this.dataSource.query(
      `SELECT DISTINCT s.user_id AS userId FROM assignments a
         JOIN staffing_requirements r ON r.id = a.requirement_id
         JOIN staff_members s ON s.id = a.staff_id
        WHERE r.booking_id = ? AND r.kind = ? AND r.status = 'OPEN'
          AND a.status IN ('PROPOSED', 'ACCEPTED')`,
      [bookingId, kind],
    );
    if (!rows.length) return [];
    return this.dataSource
      .getRepository(UserEntity)
      .findBy({ id: In(rows.map((row) => String(row.userId))), active: true });
  }
}

/** A reminder in both languages, its times in the recipient's zone. */
export function renderReminder(
  rule: ReminderRule,
  booking: BookingEntity,
  venue: VenueEntity,
  zone: string | null,
) {
  const local = (date: Date) => localTime(date, zone ?? venue.timeZone);
  const when = timeRange(booking.startsAt, booking.endsAt, zone ?? venue.timeZone);
  const where = { zh: venue.nameZh, en: venue.nameEn };
  if (rule.audience === 'feedback') {
    return {
      subjectZh: `请评价：${booking.title}`,
      subjectEn: `How was it? ${booking.title}`,
      bodyZh: `活动已于 ${local(booking.endsAt)} 结束（${where.zh}）。请对场地、翻译和安保服务进行评价。`,
      bodyEn: `The event ended at ${local(booking.endsAt)} (${where.en}). Please rate the venue, interpretation and security.`,
    };
  }
  if (rule.audience === 'approvers') {
    return {
      subjectZh: `待审批：${booking.title}`,
      subjectEn: `Waiting for approval: ${booking.title}`,
      bodyZh: `预订申请仍待审批。时间：${when}；场地：${where.zh}。`,
      bodyEn: `This booking request is still waiting for approval. Time: ${when}; venue: ${where.en}.`,
    };
  }
  return {
    subjectZh: `活动提醒：${booking.title}`,
    subjectEn: `Reminder: ${booking.title}`,
    bodyZh: `时间：${when}\n场地：${where.zh}（${venue.addressZh}）`,
    bodyEn: `Time: ${when}\nVenue: ${where.en} (${venue.addressEn})`,
  };
}
