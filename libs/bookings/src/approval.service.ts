import { Injectable } from '@nestjs/common';
import { Actor, Role, UsersService } from '@app/auth';
import { namesOf } from '@app/common';
import { Page, PageRequest } from '@app/database';
import { BookableVenueReader, VenueStatus } from '@app/venues';
import { canDecide, canSeeBooking } from './booking-access.policy';
import { ApprovalStage, BookingStatus, ProtocolLevel } from './booking-enums';
import {
  decidingSubdistrictOf,
  pendingChangeOf,
  placeOf,
  setPendingChange,
} from './booking-proposal';
import { BookingTransition } from './booking-transition';
import { BookingEntity } from './booking.entity';
import { BookingLifecycle } from './booking.lifecycle';
import { BookingError, BookingErrorCode, badBookingInput } from './bookings.errors';
import { bookingMessages } from './bookings.messages';
import { BookingsRepository } from './bookings.repository';

/**
 * Decisions on bookings: the venue's subdistrict decides first; HIGH and STATE events then go to
 * the district, in that order.
 */
@Injectable()
export class ApprovalService {
  constructor(
    private readonly bookings: BookingsRepository,
    private readonly venues: BookableVenueReader,
    private readonly lifecycle: BookingLifecycle,
    private readonly users: UsersService,
  ) {}

  /**
   * What the caller may decide now. The district's queue holds what waits for it, and the
   * requests waiting at a subdistrict that has no active manager to decide them.
   */
  async pending(actor: Actor, page: PageRequest): Promise<Page<BookingEntity>> {
    const managed =
      actor.role === Role.DISTRICT_ADMIN ? await this.users.managedSubdistrictIds() : [];
    return this.bookings.pendingFor(actor, page, managed);
  }

  /**
   * Approves the step the booking (or its pending change) waits at; the comment goes to the audit
   * trail and the organizer. Approving a pending change's last step moves the booking there.
   */
  approve(actor: Actor, id: string, comment?: string | null): Promise<BookingEntity> {
    const note = comment?.trim() || null;
    return this.decide(actor, id, 'approve', (booking, onBehalfOf, now) => {
      const needsDistrict = booking.protocolLevel !== ProtocolLevel.STANDARD;
      if (booking.approvalStage === ApprovalStage.SUBDISTRICT && needsDistrict) {
        booking.approvalStage = ApprovalStage.DISTRICT;
        return { kind: 'approved-by-subdistrict', comment: note, onBehalfOf };
      }
      booking.approvalStage = null;
      booking.approvedAt = now;
      const change = pendingChangeOf(booking);
      if (change) {
        const previous = placeOf(booking);
        Object.assign(booking, {
          venueId: change.venueId,
          subdistrictId: change.subdistrictId,
          startsAt: change.startsAt,
          endsAt: change.endsAt,
          occupiedFrom: change.occupiedFrom,
          occupiedUntil: change.occupiedUntil,
        });
        setPendingChange(booking, null);
        return { kind: 'rescheduled', previous, comment: note, onBehalfOf };
      }
      booking.status = BookingStatus.APPROVED;
      return { kind: 'approved', comment: note, onBehalfOf };
    });
  }

  /** Rejects the request; of an approved booking, only its pending change (the booking stands). */
  reject(actor: Actor, id: string, reason: string): Promise<BookingEntity> {
    const why = reason.trim();
    if (!why) throw badBookingInput('reason', bookingMessages.sayWhyRejected());
    return this.decide(actor, id, 'reject', (booking, onBehalfOf) => {
      booking.approvalStage = null;
      const change = pendingChangeOf(booking);
      if (change) {
        setPendingChange(booking, null);
        return { kind: 'change-rejected', reason: why, proposal: change, onBehalfOf };
      }
      booking.status = BookingStatus.REJECTED;
      return { kind: 'rejected', reason: why, onBehalfOf };
    });
  }

  /**
   * A decision at the step the booking waits at. The district may take any step: at a
   * subdistrict's, it acts for the subdistrict, and the audit trail says so. Nothing is approved
   * at a venue that is not ACTIVE (suspended since the request): the organizer moves or cancels.
   */
  private decide(
    actor: Actor,
    id: string,
    decision: 'approve' | 'reject',
    apply: (
      booking: BookingEntity,
      onBehalfOf: ApprovalStage | null,
      now: Date,
    ) => BookingTransition,
  ): Promise<BookingEntity> {
    return this.lifecycle.change(id, actor.userId, async (manager, booking, now) => {
      // Someone who may not see the booking learns nothing of it, not even its status.
      if (!canSeeBooking(actor, booking))
        throw new BookingError(BookingErrorCode.NOT_FOUND, bookingMessages.noBooking(id), 'id');
      if (!booking.approvalStage) {
        throw new BookingError(
          BookingErrorCode.INVALID_TRANSITION,
          bookingMessages.notWaitingForApproval(id, booking.status),
        );
      }
      const deciding = { ...booking, subdistrictId: decidingSubdistrictOf(booking) };
      if (!canDecide(actor, deciding)) {
        throw new BookingError(
          BookingErrorCode.FORBIDDEN,
          booking.approvalStage === ApprovalStage.DISTRICT
            ? bookingMessages.waitsForDistrict()
            : bookingMessages.waitsForSubdistrict(),
        );
      }
      const asked = pendingChangeOf(booking)?.venueId ?? booking.venueId;
      const [{ venue }] = await this.venues.load(manager, [asked]);
      if (decision === 'approve' && venue.status !== VenueStatus.ACTIVE) {
        throw new BookingError(
          BookingErrorCode.VENUE_NOT_ACTIVE,
          bookingMessages.nothingApprovedAt(namesOf(venue), venue.status),
        );
      }
      const onBehalfOf =
        booking.approvalStage === ApprovalStage.SUBDISTRICT && actor.role === Role.DISTRICT_ADMIN
          ? ApprovalStage.SUBDISTRICT
          : null;
      const transition = apply(booking, onBehalfOf, now);
      // The venue the booking is at once decided (the one asked for, if a change was approved).
      return booking.venueId === venue.id ? { transition, venue } : { transition };
    });
  }
}
