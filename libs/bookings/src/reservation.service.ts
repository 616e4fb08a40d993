import { Inject, Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Actor, Role } from '@app/auth';
import { inputMessages, namesOf } from '@app/common';
import { APP_CONFIG, AppConfig } from '@app/config';
import { isDuplicateKeyError } from '@app/database';
import { AlongWithVenue, BookableVenue, BookableVenueReader } from '@app/venues';
import { canCancel, canSeeBooking } from './booking-access.policy';
import { ApprovalStage, BookingStatus, ProtocolLevel } from './booking-enums';
import {
  NO_PENDING_CHANGE,
  pendingChangeOf,
  placeOf,
  samePlace,
  setPendingChange,
} from './booking-proposal';
import {
  BookingRequest,
  normaliseRequest,
  NormalisedRequest,
  requestHash,
} from './booking-request';
import { checkVenueRules, occupiedRange } from './booking-rules';
import { BookingPlace } from './booking-transition';
import { BookingEntity } from './booking.entity';
import { BookingLifecycle } from './booking.lifecycle';
import { BookingError, BookingErrorCode, badBookingInput } from './bookings.errors';
import { bookingMessages } from './bookings.messages';
import {
  BookingsRepository,
  obstaclesAlongWithVenue,
  readObstacles,
  SlotObstacles,
} from './bookings.repository';

const MINUTE = 60_000;

/** Whether the booking needs an approver's decision at this venue. */
function needsApproval(booking: BookingEntity, venue: BookableVenue['venue']): boolean {
  return venue.requiresApproval || booking.protocolLevel !== ProtocolLevel.STANDARD;
}

/** Where a submitted booking goes: straight to APPROVED, or to the subdistrict's decision. */
export function afterSubmission(booking: BookingEntity, venue: BookableVenue['venue']): void {
  if (!needsApproval(booking, venue)) {
    booking.status = BookingStatus.APPROVED;
    booking.approvalStage = null;
  } else {
    booking.status = BookingStatus.PENDING_APPROVAL;
    booking.approvalStage = ApprovalStage.SUBDISTRICT;
  }
  booking.submittedAt = new Date();
  booking.approvedAt = null;
  booking.holdExpiresAt = null;
}

/** Requesting, submitting, moving and cancelling bookings: the organizer's side. */
@Injectable()
export class ReservationService {
  constructor(
    private readonly bookings: BookingsRepository,
    private readonly venues: BookableVenueReader,
    private readonly lifecycle: BookingLifecycle,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * Books a slot, or returns the booking an earlier call with the same idempotency key made.
   * Everything is checked after taking the venue's lock, so concurrent requests cannot both win;
   * what the new booking implies (its staffing requirements) is written in the same transaction.
   */
  async request(
    actor: Actor,
    input: BookingRequest,
    idempotencyKey: string,
  ): Promise<BookingEntity> {
    if (actor.role !== Role.ORGANIZER)
      throw new BookingError(BookingErrorCode.FORBIDDEN, bookingMessages.onlyOrganizersBook());
    const key = idempotencyKey.trim();
    if (!/^[\w.:-]{1,100}$/.test(key)) {
      throw badBookingInput('idempotencyKey', bookingMessages.badIdempotencyKey());
    }
    const request = normaliseRequest(input, new Date());
    const hash = requestHash(request);
    try {
      return await this.lifecycle.create(
        actor.userId,
        async (manager, now) => {
          // The venue and what stands in the way, read in one statement under the lock.
          const bookable = await this.lockVenue(
            manager,
            request.venueId,
            obstaclesAlongWithVenue(request.startsAt, request.endsAt, {
              now,
              replayOf: { organizerId: actor.userId, idempotencyKey: key },
            }),
          );
          const obstacles = readObstacles(bookable.along);
          // A retry gets what the first call made, even if the rules have changed since.
          if (obstacles.replay) {
            this.assertSameRequest(obstacles.replay.requestHash, hash);
            return {
              booking: (await this.bookings.findById(manager, obstacles.replay.id))!,
              replay: true,
            };
          }
          checkVenueRules(bookable, request, now);
          this.assertFree(bookable.venue, obstacles);
          const booking = this.newBooking(actor, request, key, hash, bookable.venue, now);
          return { booking, venue: bookable.venue };
        },
        // REPEATABLE READ (the default: one statement fewer than asking for READ COMMITTED) sees
        // what earlier lock holders committed, because InnoDB takes its snapshot at the first
        // plain read: nothing may read before the lock (the concurrency tests fail if anything
        // does). Engines that take it when the transaction starts (TiDB) need READ COMMITTED as
        // their default; see docs/booking-rules.md.
      );
    } catch (error) {
      // The same key raced in through another venue's lock: the unique index kept one.
      if (isDuplicateKeyError(error)) {
        const winner = await this.bookings.findByIdempotencyKey(actor.userId, key);
        if (winner) {
          this.assertSameRequest(winner.requestHash, hash);
          return winner;
        }
      }
      throw error;
    }
  }

  /** HELD → PENDING_APPROVAL, or APPROVED where no approval is needed. */
  async submit(actor: Actor, id: string): Promise<BookingEntity> {
    return this.lifecycle.change(id, actor.userId, async (manager, booking, now) => {
      this.assertOwner(actor, booking);
      this.assertStatus(booking, [BookingStatus.HELD]);
      if (booking.holdExpiresAt && booking.holdExpiresAt.getTime() <= now.getTime()) {
        const [{ venue }] = await this.venues.load(manager, [booking.venueId]);
        throw new BookingError(
          BookingErrorCode.HOLD_EXPIRED,
          bookingMessages.holdExpired(booking.id, booking.holdExpiresAt, venue.timeZone),
          undefined,
          { holdExpiresAt: booking.holdExpiresAt.toISOString() },
        );
      }
      const bookable = await this.lockVenue(manager, booking.venueId);
      afterSubmission(booking, bookable.venue);
      return { transition: { kind: 'submitted' }, venue: bookable.venue };
    });
  }

  /**
   * Moves a booking in time or to another venue. Every rule is checked again at the new place,
   * under the lock of every venue involved; if one fails, nothing changes. A held or pending
   * booking moves (a pending one starts its approval again). An APPROVED booking moves at once
   * where the new place needs no approval; elsewhere the move is a pending change: the new place
   * is held for the approvers while the approved one stays in force. Moving it back to where it
   * is approved withdraws the pending change.
   */
  async reschedule(
    actor: Actor,
    id: string,
    startsAt: Date,
    endsAt: Date,
    venueId?: string,
  ): Promise<BookingEntity> {
    return this.lifecycle.change(id, actor.userId, async (manager, booking, now) => {
      this.assertOwner(actor, booking);
      this.assertStatus(booking, [
        BookingStatus.HELD,
        BookingStatus.PENDING_APPROVAL,
        BookingStatus.APPROVED,
      ]);
      if (!(endsAt.getTime() > startsAt.getTime()))
        throw badBookingInput('endsAt', inputMessages.mustBeAfter('endsAt', 'startsAt'));
      if (startsAt.getTime() <= now.getTime())
        throw badBookingInput('startsAt', inputMessages.mustBeInFuture('startsAt'));
      const target: BookingPlace = { venueId: venueId ?? booking.venueId, startsAt, endsAt };
      const pending = pendingChangeOf(booking);
      if (pending && samePlace(target, placeOf(booking))) {
        setPendingChange(booking, null);
        booking.approvalStage = null;
        return { transition: { kind: 'change-withdrawn', proposal: pending } };
      }
      // Lock the venues in id order, so two moves in opposite directions cannot deadlock.
      const ids = [...new Set([booking.venueId, target.venueId])].sort((a, b) =>
        BigInt(a) < BigInt(b) ? -1 : 1,
      );
      const locked = new Map<string, BookableVenue>();
      for (const venue of ids) locked.set(venue, await this.lockVenue(manager, venue));
      const bookable = locked.get(target.venueId)!;
      const [occupiedFrom, occupiedUntil] = occupiedRange(bookable.venue, startsAt, endsAt);
      checkVenueRules(bookable, { ...booking, startsAt, endsAt }, now);
      this.assertFree(
        bookable.venue,
        await this.bookings.obstacles(manager, target.venueId, {
          from: occupiedFrom,
          until: occupiedUntil,
          now,
          exceptId: booking.id,
        }),
      );
      if (booking.status === BookingStatus.APPROVED && needsApproval(booking, bookable.venue)) {
        setPendingChange(booking, {
          ...target,
          subdistrictId: bookable.venue.subdistrictId,
          occupiedFrom,
          occupiedUntil,
          requestedAt: now,
        });
        booking.approvalStage = ApprovalStage.SUBDISTRICT;
        booking.submittedAt = now;
        return { transition: { kind: 'change-proposed', proposal: target } };
      }
      const previous = placeOf(booking);
      Object.assign(booking, {
        ...target,
        subdistrictId: bookable.venue.subdistrictId,
        occupiedFrom,
        occupiedUntil,
      });
      setPendingChange(booking, null);
      if (booking.status !== BookingStatus.HELD) afterSubmission(booking, bookable.venue);
      return { transition: { kind: 'rescheduled', previous }, venue: bookable.venue };
    });
  }

  async cancel(actor: Actor, id: string, reason: string): Promise<BookingEntity> {
    const why = reason.trim();
    if (!why) throw badBookingInput('reason', bookingMessages.sayWhyCancelled());
    return this.lifecycle.change(id, actor.userId, async (manager, booking) => {
      if (!canSeeBooking(actor, booking))
        throw new BookingError(BookingErrorCode.NOT_FOUND, bookingMessages.noBooking(id), 'id');
      const [{ venue }] = await this.venues.load(manager, [booking.venueId]);
      if (!canCancel(actor, booking)) {
        throw new BookingError(
          BookingErrorCode.FORBIDDEN,
          bookingMessages.onlyOwnerOrApproverCancels(),
        );
      }
      this.assertStatus(booking, [
        BookingStatus.HELD,
        BookingStatus.PENDING_APPROVAL,
        BookingStatus.APPROVED,
      ]);
      booking.status = BookingStatus.CANCELLED;
      booking.approvalStage = null;
      booking.holdExpiresAt = null;
      setPendingChange(booking, null);
      return { transition: { kind: 'cancelled', reason: why }, venue };
    });
  }

  /** Any existing venue: one that is not ACTIVE fails the rules with VENUE_NOT_ACTIVE. */
  private async lockVenue(
    manager: EntityManager,
    venueId: string,
    along?: AlongWithVenue,
  ): Promise<BookableVenue & { along: Record<string, unknown> }> {
    const bookable = await this.venues.lockForBooking(manager, venueId, along);
    if (!bookable) {
      throw new BookingError(
        BookingErrorCode.NOT_FOUND,
        bookingMessages.noVenue(venueId),
        'venueId',
      );
    }
    return bookable;
  }

  private assertFree(venue: BookableVenue['venue'], obstacles: SlotObstacles): void {
    const { blackout, conflict } = obstacles;
    if (blackout) {
      throw new BookingError(
        BookingErrorCode.IN_BLACKOUT,
        bookingMessages.inBlackout(
          namesOf(venue),
          blackout.startsAt,
          blackout.endsAt,
          venue.timeZone,
          blackout.reason,
        ),
        undefined,
        {
          blackoutStartsAt: blackout.startsAt.toISOString(),
          blackoutEndsAt: blackout.endsAt.toISOString(),
        },
      );
    }
    if (conflict) {
      throw new BookingError(
        BookingErrorCode.SLOT_TAKEN,
        bookingMessages.slotTaken(
          namesOf(venue),
          conflict.occupiedFrom,
          conflict.occupiedUntil,
          venue.timeZone,
        ),
        undefined,
        {
          busyFrom: conflict.occupiedFrom.toISOString(),
          busyUntil: conflict.occupiedUntil.toISOString(),
        },
      );
    }
  }

  /** A new booking from a normalised request; the rules are checked separately. */
  private newBooking(
    actor: Actor,
    request: NormalisedRequest,
    key: string,
    hash: string,
    venue: BookableVenue['venue'],
    now: Date,
  ): BookingEntity {
    const booking: BookingEntity = Object.assign(new BookingEntity(), {
      venueId: request.venueId,
      subdistrictId: venue.subdistrictId,
      organizerId: actor.userId,
      title: request.title,
      description: request.description,
      attendees: request.attendees,
      foreignGuests: request.foreignGuests,
      delegationCountries: request.delegationCountries,
      interpretation: request.interpretation,
      protocolLevel: request.protocolLevel,
      startsAt: request.startsAt,
      endsAt: request.endsAt,
      idempotencyKey: key,
      requestHash: hash,
      version: 1,
      createdAt: now,
      updatedAt: now,
      approvalStage: null,
      submittedAt: null,
      approvedAt: null,
      holdExpiresAt: null,
      ...NO_PENDING_CHANGE,
    });
    [booking.occupiedFrom, booking.occupiedUntil] = occupiedRange(
      venue,
      request.startsAt,
      request.endsAt,
    );
    if (request.hold) {
      booking.status = BookingStatus.HELD;
      booking.holdExpiresAt = new Date(now.getTime() + this.config.bookings.holdMinutes * MINUTE);
    } else {
      afterSubmission(booking, venue);
    }
    return booking;
  }

  private assertSameRequest(earlierHash: string, hash: string): void {
    if (earlierHash !== hash) {
      throw new BookingError(
        BookingErrorCode.IDEMPOTENCY_KEY_REUSED,
        bookingMessages.idempotencyKeyReused(),
        'idempotencyKey',
      );
    }
  }

  private assertOwner(actor: Actor, booking: BookingEntity): void {
    if (!canSeeBooking(actor, booking))
      throw new BookingError(
        BookingErrorCode.NOT_FOUND,
        bookingMessages.noBooking(booking.id),
        'id',
      );
    if (booking.organizerId !== actor.userId) {
      throw new BookingError(BookingErrorCode.FORBIDDEN, bookingMessages.onlyOwnerChanges());
    }
  }

  private assertStatus(booking: BookingEntity, allowed: BookingStatus[]): void {
    if (!allowed.includes(booking.status)) {
      throw new BookingError(
        BookingErrorCode.INVALID_TRANSITION,
        bookingMessages.notInStatus(booking.id, booking.status, allowed),
      );
    }
  }
}
