import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Role, UserEntity } from '@app/auth';
import { ApprovalStage, BookingEntity } from '@app/bookings';
import { ReminderRule } from '@app/config';
import { VenueEntity } from '@app/venues';
import { DataSource, In } from 'typeorm';
import { NotificationKind } from './notification.entity';
import { NotificationWriter } from './notification-writer';
import { ReminderJob, reminderJobId } from './notification-jobs';
import { renderReminder } from './reminder-notice';
import { SERVES } from './reminder-rules';

const KIND_OF: Record<ReminderRule['audience'], NotificationKind> = {
  organizer: NotificationKind.REMINDER,
  interpreters: NotificationKind.REMINDER,
  security: NotificationKind.REMINDER,
  approvers: NotificationKind.APPROVAL_WAITING,
  feedback: NotificationKind.FEEDBACK_REQUEST,
};

/**
 * Sends a reminder whose job fell due, to the rule's audience as it is then, each recipient once
 * (the delivery key is the job's id and theirs).
 */
@Injectable()
export class ReminderSender {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly writer: NotificationWriter,
  ) {}

  /** Sends one reminder, unless the booking has changed since it was planned. */
  async send({ bookingId, version, rule }: ReminderJob): Promise<number> {
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
