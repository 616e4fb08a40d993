import { InjectQueue } from '@nestjs/bullmq';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Role, UserEntity } from '@app/auth';
import { ApprovalStage, BookingEntity, BookingStatus } from '@app/bookings';
import { APP_CONFIG, AppConfig, ReminderRule } from '@app/config';
import { VenueEntity } from '@app/venues';
import { Queue } from 'bullmq';
import { DataSource, In } from 'typeorm';
import { NotificationKind } from './notification.entity';
import { NotificationWriter } from './notification-writer';
import { localTime, timeRange } from './notice-time';
import { NOTIFICATIONS_QUEUE, NotificationJob, ReminderJob } from './notification-jobs';

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

const reminderJobId = (bookingId: string, version: number, rule: ReminderRule) =>
  `reminder-${bookingId}-v${version}-${rule.audience}-${rule.label}`;

/**
 * Reminder plans as delayed BullMQ jobs, one per booking version and rule. A new version removes
 * the jobs of the older ones, and a job checks the booking's version and status before it sends,
 * so a moved or cancelled booking's reminders never fire stale. A rule whose time has passed when
 * the booking changes is skipped, not sent late.
 */
@Injectable()
export class RemindersService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectQueue(NOTIFICATIONS_QUEUE) private readonly queue: Queue,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly writer: NotificationWriter,
  ) {}

  /** After a booking changed (`changedAt` is when): replaces its reminder jobs. */
  async schedule(bookingId: string, changedAt: Date, now = new Date()): Promise<number> {
    const booking = await this.dataSource.getRepository(BookingEntity).findOneBy({ id: bookingId });
    if (!booking) return 0;
    const rules = this.config.reminders;
    for (let version = 1; version < booking.version; version++) {
      await Promise.all(
        rules.map((rule) => this.queue.remove(reminderJobId(bookingId, version, rule))),
      );
    }
    const due = rules
      .filter((rule) => SERVES[rule.anchor].includes(booking.status))
      .map((rule) => ({ rule, at: this.anchorOf(booking, rule, changedAt) + rule.offsetMs }))
      .filter(({ at }) => at > now.getTime());
    await this.queue.addBulk(
      due.map(({ rule, at }) => ({
        name: NotificationJob.REMINDER,
        data: { bookingId, version: booking.version, rule } satisfies ReminderJob,
        opts: {
          jobId: reminderJobId(bookingId, booking.version, rule),
          delay: at - now.getTime(),
          attempts: 5,
          backoff: { type: 'exponential', delay: 1000 },
          removeOnComplete: { age: 86_400 },
          removeOnFail: { age: 7 * 86_400 },
        },
      })),
    );
    return due.length;
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

  private anchorOf(booking: BookingEntity, rule: ReminderRule, changedAt: Date): number {
    if (rule.anchor === 'start') return booking.startsAt.getTime();
    if (rule.anchor === 'end') return booking.endsAt.getTime();
    return changedAt.getTime();
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
