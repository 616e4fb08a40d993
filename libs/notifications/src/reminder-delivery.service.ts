import { Injectable } from '@nestjs/common';
import { ActiveUsersReader, Role, UserEntity } from '@app/auth';
import { ApprovalStage, BookingEntity, BookingReader } from '@app/bookings';
import { ReminderRule } from '@app/config';
import { AssignedStaffReader, StaffKind } from '@app/staffing';
import { VenueCatalogService, VenueEntity } from '@app/venues';
import { venueOf } from './notice-venue';
import { NotificationDeliveryService } from './notification-delivery.service';
import { NotificationKind } from './notification-enums';
import { reminderJobId, ReminderPayload } from './notifications.jobs';
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
export class ReminderDeliveryService {
  constructor(
    private readonly bookings: BookingReader,
    private readonly venues: VenueCatalogService,
    private readonly users: ActiveUsersReader,
    private readonly staff: AssignedStaffReader,
    private readonly writer: NotificationDeliveryService,
  ) {}

  /** Sends one reminder, unless the booking has changed since it was planned. */
  async send({ bookingId, version, rule }: ReminderPayload): Promise<number> {
    const booking = await this.bookings.byId(bookingId);
    if (!booking || booking.version !== version || !SERVES[rule.anchor].includes(booking.status))
      return 0;
    // Read once, for the text and (for the approvers) the subdistrict.
    const venueRead = venueOf(this.venues, booking);
    const [venue, recipients] = await Promise.all([
      venueRead,
      this.recipientsOf(booking, rule, venueRead),
    ]);
    if (!recipients.length) return 0;
    return this.writer.deliver(
      recipients.map((recipient) => ({
        recipientId: recipient.id,
        kind: rule.anchor === 'hold' ? NotificationKind.HOLD_EXPIRING : KIND_OF[rule.audience],
        deliveryKey: `${reminderJobId(bookingId, version, rule)}-${recipient.id}`,
        bookingId,
        critical: false,
        needsAcknowledgement: false,
        ...renderReminder(rule, booking, venue, recipient.timeZone),
      })),
    );
  }

  private async recipientsOf(
    booking: BookingEntity,
    rule: ReminderRule,
    venue: Promise<VenueEntity>,
  ): Promise<UserEntity[]> {
    switch (rule.audience) {
      case 'organizer':
      case 'feedback':
        return this.users.byIds([booking.organizerId]);
      case 'approvers':
        return booking.approvalStage === ApprovalStage.DISTRICT
          ? this.users.withRole(Role.DISTRICT_ADMIN)
          : this.users.withRole(Role.SUBDISTRICT_MANAGER, (await venue).subdistrictId);
      case 'interpreters':
        return this.assigned(booking, StaffKind.INTERPRETER);
      case 'security': {
        const [coordinators, officers] = await Promise.all([
          this.users.withRole(Role.SECURITY_COORDINATOR),
          this.assigned(booking, StaffKind.SECURITY_OFFICER),
        ]);
        return [...coordinators, ...officers];
      }
    }
  }

  /** The active users behind the booking's standing assignments of one kind. */
  private async assigned(booking: BookingEntity, kind: StaffKind): Promise<UserEntity[]> {
    return this.users.byIds(await this.staff.userIdsOn(booking.id, kind));
  }
}
