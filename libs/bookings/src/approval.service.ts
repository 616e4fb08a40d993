import { Injectable } from '@nestjs/common';
import { Actor, Role, UsersService } from '@app/auth';
import { Page, PageRequest } from '@app/database';
import { BookableVenueReader } from '@app/venues';
import { canDecide } from './booking-access.policy';
import { ApprovalStage, BookingStatus, ProtocolLevel } from './booking-enums';
import { BookingTransition } from './booking-transition';
import { BookingEntity } from './booking.entity';
import { BookingLifecycle } from './booking.lifecycle';
import { BookingError, BookingErrorCode, badBookingInput } from './bookings.errors';
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

  /** Approves the step the booking waits at; the comment goes to the audit trail and the organizer. */
  approve(actor: Actor, id: string, comment?: string | null): Promise<BookingEntity> {
    const note = comment?.trim() || null;
    return this.decide(actor, id, (booking, onBehalfOf) => {
      const needsDistrict = booking.protocolLevel !== ProtocolLevel.STANDARD;
      if (booking.approvalStage === ApprovalStage.SUBDISTRICT && needsDistrict) {
        booking.approvalStage = ApprovalStage.DISTRICT;
        return { kind: 'approved-by-subdistrict', comment: note, onBehalfOf };
      }
      booking.status = BookingStatus.APPROVED;
      booking.approvalStage = null;
      booking.approvedAt = new Date();
      return { kind: 'approved', comment: note, onBehalfOf };
    });
  }

  reject(actor: Actor, id: string, reason: string): Promise<BookingEntity> {
    const why = reason.trim();
    if (!why) throw badBookingInput('reason', 'Say why the booking is rejected');
    return this.decide(actor, id, (booking, onBehalfOf) => {
      booking.status = BookingStatus.REJECTED;
      booking.approvalStage = null;
      return { kind: 'rejected', reason: why, onBehalfOf };
    });
  }

  /**
   * A decision at the step the booking waits at. The district may take any step: at a
   * subdistrict's, it acts for the subdistrict, and the audit trail says so.
   */
  private decide(
    actor: Actor,
    id: string,
    apply: (booking: BookingEntity, onBehalfOf: ApprovalStage | null) => BookingTransition,
  ): Promise<BookingEntity> {
    return this.lifecycle.change(id, actor.userId, async (manager, booking) => {
      if (booking.status !== BookingStatus.PENDING_APPROVAL) {
        throw new BookingError(
          BookingErrorCode.INVALID_TRANSITION,
          `Booking ${id} is ${booking.status}, not waiting for approval`,
        );
      }
      const [{ venue }] = await this.venues.load(manager, [booking.venueId]);
      if (!canDecide(actor, booking)) {
        throw new BookingError(
          BookingErrorCode.FORBIDDEN,
          booking.approvalStage === ApprovalStage.DISTRICT
            ? 'This booking waits for the district Foreign Affairs Office'
            : "This booking waits for the venue's subdistrict",
        );
      }
      const onBehalfOf =
        booking.approvalStage === ApprovalStage.SUBDISTRICT && actor.role === Role.DISTRICT_ADMIN
          ? ApprovalStage.SUBDISTRICT
          : null;
      return { transition: apply(booking, onBehalfOf), venue };
    });
  }
}
