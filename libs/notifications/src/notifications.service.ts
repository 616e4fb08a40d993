import { InjectQueue } from '@nestjs/bullmq';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Queue } from 'bullmq';
import { DataSource, In, IsNull, Not, Like } from 'typeorm';
import { ActiveUsersReader, Actor, Role } from '@app/auth';
import {
  ApprovalStage,
  BookingEntity,
  BookingReader,
  decidingSubdistrictOf,
  pendingChangeOf,
  ProtocolLevel,
} from '@app/bookings';
import { APP_CONFIG, AppConfig } from '@app/config';
import { keysetPage, OutboxEventEntity, Page, PageRequest } from '@app/database';
import {
  ACTIVE_ASSIGNMENT_STATUSES,
  AssignmentService,
  StaffDirectoryService,
  StaffingRequirementsService,
  StaffKind,
} from '@app/staffing';
import { VenueCatalogService, VenueEntity } from '@app/venues';
import { renderApprovalRequest } from './approval-notice';
import {
  ASSIGNMENT_NOTICES,
  renderAssignmentNotice,
  renderWithdrawalNotice,
} from './assignment-notice';
import {
  BookingEventFacts,
  bookingEventFacts,
  BookingEventPayload,
  immediateNotices,
  notifiesAnyone,
} from './booking-event';
import { BookingNoticeKind, renderBookingNotice } from './booking-notice';
import { venueOf } from './notice-venue';
import { NotificationDeliveryService } from './notification-delivery.service';
import { NotificationKind } from './notification-enums';
import { NotificationEntity } from './notification.entity';
import { NotificationError, NotificationErrorCode } from './notifications.errors';
import { NOTIFICATIONS_QUEUE, NotificationJob, notificationJobs } from './notifications.jobs';
import { notificationMessages } from './notifications.messages';
import { ReminderSchedulingService } from './reminder-scheduling.service';
import {
  EarlierPlace,
  renderSecurityNotice,
  SecurityNoticeKind,
  StaffingStatus,
  SUPERSEDED_BY_LATER,
} from './security-notice';
import { VenueNoticesService } from './venue-notices.service';

interface AssignmentEventPayload {
  requirementId: string;
  staffId: string;
  startsAt: string;
  endsAt: string;
  reason: string | null;
}

/** A wait as people say it, in both languages: "2 minutes", "90 seconds", "1 minute". */
export function spokenDuration(seconds: number): [string, string] {
  if (seconds % 60 !== 0) return [` ${seconds} 秒`, `${seconds} second${seconds === 1 ? '' : 's'}`];
  const minutes = seconds / 60;
  return [` ${minutes} 分钟`, `${minutes} minute${minutes === 1 ? '' : 's'}`];
}

/** Turns outbox events into inbox notifications, and serves each recipient their inbox. */
@Injectable()
export class NotificationsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly bookings: BookingReader,
    private readonly venues: VenueCatalogService,
    private readonly users: ActiveUsersReader,
    private readonly staffDirectory: StaffDirectoryService,
    private readonly requirements: StaffingRequirementsService,
    private readonly assignments: AssignmentService,
    private readonly reminders: ReminderSchedulingService,
    private readonly writer: NotificationDeliveryService,
    private readonly venueNotices: VenueNoticesService,
    @InjectQueue(NOTIFICATIONS_QUEUE) private readonly queue: Queue,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * The notifications one outbox event causes; written at most once per recipient (the
   * delivery key is unique), so a redelivered event changes nothing. Returns how many are new.
   */
  async handleOutboxEvent(eventId: string, remindersPlanned = false): Promise<number> {
    const event = await this.dataSource.getRepository(OutboxEventEntity).findOneBy({ id: eventId });
    if (!event) return 0;
    if (event.aggregateType === 'assignment') return this.assignmentNotice(event);
    if (event.aggregateType === 'venue') return this.venueNotices.handle(event);
    if (event.aggregateType !== 'booking') return 0;
    const facts = bookingEventFacts(
      event.eventType,
      JSON.parse(event.payload) as BookingEventPayload,
    );
    const booking = await this.bookings.byId(facts.bookingId);
    if (!booking) return 0;
    if (!remindersPlanned) await this.reminders.schedule([booking]);
    const notices = immediateNotices(facts, booking);
    // Most changes tell nobody at once (their reminders are planned above): no more reads.
    if (!notifiesAnyone(notices)) return 0;
    const venue = await venueOf(this.venues, booking);
    return (
      (notices.organizer
        ? await this.organizerNotice(event, facts, booking, venue, notices.organizer)
        : 0) +
      (notices.security
        ? await this.securityNotice(event, facts, booking, venue, notices.security)
        : 0) +
      (notices.approvers ? await this.approverNotice(event, booking, venue) : 0)
    );
  }

  /**
   * The approvers of the step a request (or an approved booking's change) now waits at hear of it
   * at once: the subdistrict managers of the venue asked for, or the district admins at the
   * district's step and where the subdistrict has none.
   */
  private async approverNotice(
    event: OutboxEventEntity,
    booking: BookingEntity,
    venue: VenueEntity,
  ): Promise<number> {
    const change = pendingChangeOf(booking);
    const asked = change ? (await this.venues.venuesByIds([change.venueId]))[0] : venue;
    if (!asked) throw new Error(`Booking ${booking.id}'s change names no venue ${change?.venueId}`);
    const managers =
      booking.approvalStage === ApprovalStage.SUBDISTRICT
        ? await this.users.withRole(Role.SUBDISTRICT_MANAGER, decidingSubdistrictOf(booking))
        : [];
    const approvers = managers.length ? managers : await this.users.withRole(Role.DISTRICT_ADMIN);
    return this.writer.deliver(
      approvers.map((approver) => ({
        recipientId: approver.id,
        kind: NotificationKind.APPROVAL_REQUESTED,
        deliveryKey: `approvers:${event.id}:${approver.id}`,
        bookingId: booking.id,
        critical: false,
        needsAcknowledgement: false,
        ...renderApprovalRequest(booking, asked, approver.timeZone, change ? venue : null),
      })),
    );
  }

  /** The organizer hears of decisions on their request and of a cancellation by someone else. */
  private async organizerNotice(
    event: OutboxEventEntity,
    payload: BookingEventFacts,
    booking: BookingEntity,
    venue: VenueEntity,
    kind: BookingNoticeKind,
  ): Promise<number> {
    const [organizer] = await this.users.byIds([payload.organizerId]);
    if (!organizer) return 0;
    return this.writer.deliver([
      {
        recipientId: organizer.id,
        kind,
        deliveryKey: `organizer:${event.id}:${organizer.id}`,
        bookingId: booking.id,
        critical:
          kind === NotificationKind.BOOKING_REJECTED || kind === NotificationKind.BOOKING_CANCELLED,
        needsAcknowledgement: false,
        ...renderBookingNotice(
          kind,
          booking,
          venue,
          payload.reason,
          organizer.timeZone,
          payload.kind === 'rescheduled',
        ),
      },
    ]);
  }

  /**
   * Every security coordinator hears when a foreign-related event is approved, changed or
   * cancelled, once per change. A change or cancellation names what no longer holds and replaces
   * the earlier notices of the event, which then need no acknowledgement.
   */
  private async securityNotice(
    event: OutboxEventEntity,
    facts: BookingEventFacts,
    booking: BookingEntity,
    venue: VenueEntity,
    kind: SecurityNoticeKind,
  ): Promise<number> {
    const [coordinators, staffing, earlier] = await Promise.all([
      this.users.withRole(Role.SECURITY_COORDINATOR),
      this.securityStaffing(booking.id),
      this.earlierPlace(facts),
    ]);
    if (kind !== NotificationKind.SECURITY_APPROVED) await this.supersede(booking.id, event.id);
    if (!coordinators.length) return 0;
    const delivered = await this.writer.deliver(
      coordinators.map((coordinator) => ({
        recipientId: coordinator.id,
        kind,
        deliveryKey: `outbox:${event.id}:${coordinator.id}`,
        bookingId: booking.id,
        critical: true,
        needsAcknowledgement: true,
        ...renderSecurityNotice(kind, booking, venue, staffing, coordinator.timeZone, earlier),
      })),
    );
    if (booking.protocolLevel !== ProtocolLevel.STANDARD) {
      await notificationJobs(this.queue).add(
        NotificationJob.ESCALATE,
        { eventId: event.id },
        {
          jobId: `escalate-${event.id}`,
          delay: this.config.securityEscalationSeconds * 1000,
          attempts: 5,
          backoff: { type: 'exponential', delay: 1000 },
          removeOnComplete: { age: 86_400 },
          removeOnFail: { age: 7 * 86_400 },
        },
      );
    }
    return delivered;
  }

  /** Where a moved event was, as its change's event says. */
  private async earlierPlace(facts: BookingEventFacts): Promise<EarlierPlace | null> {
    if (!facts.previous) return null;
    const [venue] = await this.venues.venuesByIds([facts.previous.venueId]);
    if (!venue) return null;
    return {
      startsAt: new Date(facts.previous.startsAt),
      endsAt: new Date(facts.previous.endsAt),
      venue,
    };
  }

  /** The event's earlier security notices no longer ask for acknowledgement (idempotent). */
  private async supersede(bookingId: string, eventId: string): Promise<void> {
    await this.dataSource.getRepository(NotificationEntity).update(
      {
        bookingId,
        kind: In(SUPERSEDED_BY_LATER),
        supersededAt: IsNull(),
        deliveryKey: Not(Like(`outbox:${eventId}:%`)),
      },
      { supersededAt: new Date(), needsAcknowledgement: false },
    );
  }

  /** The assigned person hears of a proposal, a move or a cancellation, in their zone. */
  private async assignmentNotice(event: OutboxEventEntity): Promise<number> {
    if (event.eventType === 'assignment.withdrawn') return this.withdrawalNotice(event);
    const kind = ASSIGNMENT_NOTICES[event.eventType];
    if (!kind) return 0;
    const payload = JSON.parse(event.payload) as AssignmentEventPayload;
    const [[requirement], [member]] = await Promise.all([
      this.staffDirectory.requirementsByIds([payload.requirementId]),
      this.staffDirectory.membersByIds([payload.staffId]),
    ]);
    if (!requirement || !member)
      throw new Error(`Assignment event ${event.id}: no requirement or staff member`);
    const [booking, [user]] = await Promise.all([
      this.bookings.byId(requirement.bookingId),
      this.users.byIds([member.userId]),
    ]);
    if (!booking) throw new Error(`Assignment event ${event.id}: no booking`);
    if (!user) return 0;
    const venue = await venueOf(this.venues, booking);
    const assignment = {
      startsAt: new Date(payload.startsAt),
      endsAt: new Date(payload.endsAt),
      reason: payload.reason,
    };
    return this.writer.deliver([
      {
        recipientId: user.id,
        kind,
        deliveryKey: `outbox:${event.id}:${user.id}`,
        bookingId: booking.id,
        critical: kind === NotificationKind.ASSIGNMENT_CANCELLED,
        needsAcknowledgement: false,
        ...renderAssignmentNotice(kind, requirement, booking, venue, assignment, user.timeZone),
      },
    ]);
  }

  /**
   * A place given back: the planners hear who, what, when and why at once (security coordinators
   * for officers, the district for interpreters), so they can fill it.
   */
  private async withdrawalNotice(event: OutboxEventEntity): Promise<number> {
    const payload = JSON.parse(event.payload) as AssignmentEventPayload;
    const [[requirement], [member]] = await Promise.all([
      this.staffDirectory.requirementsByIds([payload.requirementId]),
      this.staffDirectory.membersByIds([payload.staffId]),
    ]);
    if (!requirement || !member)
      throw new Error(`Assignment event ${event.id}: no requirement or staff member`);
    const booking = await this.bookings.byId(requirement.bookingId);
    if (!booking) throw new Error(`Assignment event ${event.id}: no booking`);
    const [venue, planners] = await Promise.all([
      venueOf(this.venues, booking),
      this.users.withRole(
        requirement.kind === StaffKind.INTERPRETER
          ? Role.DISTRICT_ADMIN
          : Role.SECURITY_COORDINATOR,
      ),
    ]);
    const assignment = {
      startsAt: new Date(payload.startsAt),
      endsAt: new Date(payload.endsAt),
      reason: payload.reason,
    };
    return this.writer.deliver(
      planners.map((planner) => ({
        recipientId: planner.id,
        kind: NotificationKind.ASSIGNMENT_WITHDRAWN,
        deliveryKey: `outbox:${event.id}:${planner.id}`,
        bookingId: booking.id,
        critical: true,
        needsAcknowledgement: false,
        ...renderWithdrawalNotice(
          requirement,
          booking,
          venue,
          member,
          assignment,
          planner.timeZone,
        ),
      })),
    );
  }

  /**
   * When no coordinator has acknowledged the notice of a HIGH or STATE event in time, the
   * district admins get it, once each.
   */
  async escalate(eventId: string): Promise<number> {
    const notices = await this.dataSource
      .getRepository(NotificationEntity)
      .createQueryBuilder('n')
      .where('n.delivery_key LIKE :cause', { cause: `outbox:${eventId}:%` })
      .getMany();
    // Acknowledged, or replaced by a later notice (which escalates on its own).
    if (!notices.length || notices.some((n) => n.acknowledgedAt || n.supersededAt)) return 0;
    const admins = await this.users.withRole(Role.DISTRICT_ADMIN);
    if (!admins.length) return 0;
    const [notice] = notices;
    const [waitedZh, waitedEn] = spokenDuration(this.config.securityEscalationSeconds);
    return this.writer.deliver(
      admins.map((admin) => ({
        recipientId: admin.id,
        kind: NotificationKind.SECURITY_ESCALATION,
        deliveryKey: `escalation:${eventId}:${admin.id}`,
        bookingId: notice.bookingId,
        critical: true,
        needsAcknowledgement: false,
        subjectZh: `安保通知未确认：${notice.subjectZh}`,
        subjectEn: `Not acknowledged by security: ${notice.subjectEn}`,
        bodyZh: `安保协调员在${waitedZh}内未确认以下通知。\n\n${notice.bodyZh}`,
        bodyEn: `No security coordinator acknowledged this notice within ${waitedEn}.\n\n${notice.bodyEn}`,
      })),
    );
  }

  /** The caller's inbox, newest first. */
  async inbox(
    actor: Actor,
    unreadOnly: boolean,
    page: PageRequest,
  ): Promise<Page<NotificationEntity>> {
    const query = this.dataSource
      .getRepository(NotificationEntity)
      .createQueryBuilder('n')
      .where('n.recipient_id = :me', { me: actor.userId });
    if (unreadOnly) query.andWhere('n.read_at IS NULL');
    return keysetPage(query, page, { direction: 'DESC' });
  }

  markRead(actor: Actor, id: string): Promise<NotificationEntity> {
    return this.update(actor, id, (n) => ({ readAt: n.readAt ?? new Date() }));
  }

  /** Acknowledging also marks it read. */
  acknowledge(actor: Actor, id: string): Promise<NotificationEntity> {
    return this.update(actor, id, (n) => {
      if (!n.needsAcknowledgement) {
        throw new NotificationError(
          NotificationErrorCode.NOT_ACKNOWLEDGEABLE,
          notificationMessages.noAcknowledgementAsked(id),
        );
      }
      const now = new Date();
      return { readAt: n.readAt ?? now, acknowledgedAt: n.acknowledgedAt ?? now };
    });
  }

  /** Someone else's notification is NOT_FOUND: whether it exists is not the caller's business. */
  private async update(
    actor: Actor,
    id: string,
    change: (n: NotificationEntity) => Partial<NotificationEntity>,
  ): Promise<NotificationEntity> {
    const repository = this.dataSource.getRepository(NotificationEntity);
    const notification = await repository.findOneBy({ id, recipientId: actor.userId });
    if (!notification) {
      throw new NotificationError(
        NotificationErrorCode.NOT_FOUND,
        notificationMessages.noNotification(id),
        'id',
      );
    }
    const changes = change(notification);
    await repository.update({ id }, changes);
    return Object.assign(notification, changes);
  }

  /** Security places the booking needs (its requirements brought up to date) and those filled. */
  private async securityStaffing(bookingId: string): Promise<StaffingStatus> {
    const security = (await this.requirements.openOf(bookingId)).filter(
      (r) => r.kind === StaffKind.SECURITY_OFFICER,
    );
    const assignments = await this.assignments.byRequirementIds(security.map((r) => r.id));
    return {
      needed: security.reduce((sum, r) => sum + r.headcount, 0),
      assigned: assignments.flat().filter((a) => ACTIVE_ASSIGNMENT_STATUSES.includes(a.status))
        .length,
    };
  }
}
