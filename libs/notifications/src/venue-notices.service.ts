import { Injectable } from '@nestjs/common';
import { ActiveUsersReader, Role, UserEntity } from '@app/auth';
import { BookingEntity, BookingReader, isForeignRelated } from '@app/bookings';
import { OutboxEventEntity } from '@app/database';
import { AssignedStaffReader, StaffKind } from '@app/staffing';
import {
  BookableVenueReader,
  isOpenForLocalRange,
  localWeekRange,
  VenueCatalogService,
  VenueEntity,
  VenueEventPayload,
} from '@app/venues';
import { NewNotification, NotificationDeliveryService } from './notification-delivery.service';
import { NotificationKind } from './notification-enums';
import { RenderedNotice } from './security-notice';
import {
  renderVenueReviewed,
  renderVenueSubmitted,
  renderVenueSuspended,
  renderVenueUnavailable,
  VenueEventType,
} from './venue-notice';

/** A blackout's window, as its step's changes carry it. */
function blackoutWindow(payload: VenueEventPayload): { startsAt: Date; endsAt: Date } | null {
  const at = (field: string) => payload.changes.find((change) => change.field === field)?.to;
  const [startsAt, endsAt] = [at('blackoutStartsAt'), at('blackoutEndsAt')];
  return startsAt && endsAt ? { startsAt: new Date(startsAt), endsAt: new Date(endsAt) } : null;
}

/**
 * The notices of a venue's workflow: the district hears what waits for its review, the venue's
 * managers hear its decisions, and a suspension reaches everyone behind the venue's bookings.
 */
@Injectable()
export class VenueNoticesService {
  constructor(
    private readonly venues: VenueCatalogService,
    private readonly bookable: BookableVenueReader,
    private readonly bookings: BookingReader,
    private readonly users: ActiveUsersReader,
    private readonly staff: AssignedStaffReader,
    private readonly writer: NotificationDeliveryService,
  ) {}

  /** The notices one `venue.<action>` outbox event causes; each written once per recipient. */
  async handle(event: OutboxEventEntity): Promise<number> {
    const payload = JSON.parse(event.payload) as VenueEventPayload;
    const venue = await this.venues.byId(payload.venueId);
    if (!venue) return 0;
    const type = event.eventType as VenueEventType;
    switch (type) {
      case VenueEventType.SUBMITTED:
      case VenueEventType.CHANGE_REQUESTED: {
        const admins = await this.users.withRole(Role.DISTRICT_ADMIN);
        return this.writer.deliver(
          admins.map((admin) =>
            this.venueNotice(event, admin, NotificationKind.VENUE_SUBMITTED, {
              ...renderVenueSubmitted(type, venue, payload),
            }),
          ),
        );
      }
      case VenueEventType.APPROVED:
      case VenueEventType.REJECTED:
      case VenueEventType.CHANGE_APPROVED:
      case VenueEventType.CHANGE_REJECTED: {
        const managers = await this.users.withRole(Role.SUBDISTRICT_MANAGER, venue.subdistrictId);
        return this.writer.deliver(
          managers.map((manager) =>
            this.venueNotice(
              event,
              manager,
              NotificationKind.VENUE_REVIEWED,
              renderVenueReviewed(type, venue, payload),
            ),
          ),
        );
      }
      case VenueEventType.SUSPENDED:
        return this.toEveryoneBehind(
          event,
          venue,
          await this.bookings.blockingAtVenue(venue.id, event.createdAt),
          NotificationKind.VENUE_SUSPENDED,
          (booking, zone) => renderVenueSuspended(booking, venue, payload.reason, zone),
        );
      case VenueEventType.BLACKOUT_ADDED: {
        const window = blackoutWindow(payload);
        if (!window) return 0;
        return this.toEveryoneBehind(
          event,
          venue,
          await this.bookings.blockingOverlapping(venue.id, window.startsAt, window.endsAt),
          NotificationKind.VENUE_UNAVAILABLE,
          (booking, zone) =>
            renderVenueUnavailable(
              booking,
              venue,
              { kind: 'blackout', ...window, reason: payload.reason },
              zone,
            ),
        );
      }
      case VenueEventType.UPDATED:
        return this.toEveryoneBehind(
          event,
          venue,
          await this.outsideOpeningHours(venue, event.createdAt),
          NotificationKind.VENUE_UNAVAILABLE,
          (booking, zone) => renderVenueUnavailable(booking, venue, { kind: 'hours' }, zone),
        );
      default:
        return 0;
    }
  }

  /** The venue's standing bookings its opening hours, as they are now, no longer cover. */
  private async outsideOpeningHours(venue: VenueEntity, at: Date): Promise<BookingEntity[]> {
    const [bookings, periods] = await Promise.all([
      this.bookings.blockingAtVenue(venue.id, at),
      this.bookable.openingPeriodsOf([venue.id]),
    ]);
    const hours = periods.get(venue.id) ?? [];
    const zone = venue.timeZone;
    return bookings.filter(
      ({ occupiedFrom: from, occupiedUntil: until }) =>
        !isOpenForLocalRange(hours, localWeekRange(zone, from, until), zone, from, until),
    );
  }

  private venueNotice(
    event: OutboxEventEntity,
    recipient: UserEntity,
    kind: NotificationKind,
    rendered: Pick<NewNotification, 'subjectZh' | 'subjectEn' | 'bodyZh' | 'bodyEn'>,
  ): NewNotification {
    return {
      recipientId: recipient.id,
      kind,
      deliveryKey: `venue:${event.id}:${recipient.id}`,
      bookingId: null,
      critical: false,
      needsAcknowledgement: false,
      ...rendered,
    };
  }

  /**
   * Each booking the venue can no longer hold (all those still standing when it is suspended;
   * those a new blackout covers): its organizer, the security coordinators when it is
   * foreign-related, and the interpreters and officers assigned to it hear that it stays until
   * moved or cancelled. Critical: an event whose venue is closed must be moved whatever the
   * recipient muted.
   */
  private async toEveryoneBehind(
    event: OutboxEventEntity,
    venue: VenueEntity,
    bookings: BookingEntity[],
    kind: NotificationKind.VENUE_SUSPENDED | NotificationKind.VENUE_UNAVAILABLE,
    render: (booking: BookingEntity, zone: string | null) => RenderedNotice,
  ): Promise<number> {
    if (!bookings.length) return 0;
    const coordinators = bookings.some(isForeignRelated)
      ? await this.users.withRole(Role.SECURITY_COORDINATOR)
      : [];
    const rows: NewNotification[] = [];
    for (const booking of bookings) {
      const staffIds = (
        await Promise.all(
          [StaffKind.INTERPRETER, StaffKind.SECURITY_OFFICER].map((kind) =>
            this.staff.userIdsOn(booking.id, kind),
          ),
        )
      ).flat();
      const named = await this.users.byIds([booking.organizerId, ...staffIds]);
      const recipients = new Map<string, UserEntity>(
        [...named, ...(isForeignRelated(booking) ? coordinators : [])].map((user) => [
          user.id,
          user,
        ]),
      );
      for (const recipient of recipients.values()) {
        rows.push({
          recipientId: recipient.id,
          kind,
          deliveryKey: `venue:${event.id}:${booking.id}:${recipient.id}`,
          bookingId: booking.id,
          critical: true,
          needsAcknowledgement: false,
          ...render(booking, recipient.timeZone),
        });
      }
    }
    return this.writer.deliver(rows);
  }
}
