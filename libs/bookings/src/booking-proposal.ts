import { BookingPlace } from './booking-transition';
import { BookingEntity } from './booking.entity';

/** A change proposed to an approved booking: where it would go, and since when it waits. */
export interface PendingChange extends BookingPlace {
  subdistrictId: string;
  occupiedFrom: Date;
  occupiedUntil: Date;
  requestedAt: Date;
}

/** The columns of a booking without a pending change. */
export const NO_PENDING_CHANGE = {
  changeVenueId: null,
  changeSubdistrictId: null,
  changeStartsAt: null,
  changeEndsAt: null,
  changeOccupiedFrom: null,
  changeOccupiedUntil: null,
  changeRequestedAt: null,
} as const satisfies Partial<BookingEntity>;

/** The booking's pending change, or null when there is none. */
export function pendingChangeOf(booking: BookingEntity): PendingChange | null {
  if (booking.changeVenueId === null || booking.changeVenueId === undefined) return null;
  return {
    venueId: booking.changeVenueId,
    subdistrictId: booking.changeSubdistrictId!,
    startsAt: booking.changeStartsAt!,
    endsAt: booking.changeEndsAt!,
    occupiedFrom: booking.changeOccupiedFrom!,
    occupiedUntil: booking.changeOccupiedUntil!,
    requestedAt: booking.changeRequestedAt!,
  };
}

/** Keeps a proposal beside the approved place (replacing an earlier one). */
export function setPendingChange(booking: BookingEntity, change: PendingChange | null): void {
  Object.assign(
    booking,
    change
      ? {
          changeVenueId: change.venueId,
          changeSubdistrictId: change.subdistrictId,
          changeStartsAt: change.startsAt,
          changeEndsAt: change.endsAt,
          changeOccupiedFrom: change.occupiedFrom,
          changeOccupiedUntil: change.occupiedUntil,
          changeRequestedAt: change.requestedAt,
        }
      : NO_PENDING_CHANGE,
  );
}

/** Where the booking is now. */
export function placeOf(booking: BookingEntity): BookingPlace {
  return { venueId: booking.venueId, startsAt: booking.startsAt, endsAt: booking.endsAt };
}

export function samePlace(a: BookingPlace, b: BookingPlace): boolean {
  return (
    a.venueId === b.venueId &&
    a.startsAt.getTime() === b.startsAt.getTime() &&
    a.endsAt.getTime() === b.endsAt.getTime()
  );
}

/**
 * The subdistrict whose step a decision is: the proposal's venue's for a pending change (its
 * venue is the one being asked for), the booking's otherwise.
 */
export function decidingSubdistrictOf(booking: BookingEntity): string {
  return booking.changeSubdistrictId ?? booking.subdistrictId;
}
