import { Message, namesOf } from '@app/common';
import {
  BookableVenue,
  Facility,
  isOpenForLocalRange,
  localWeekRange,
  VenueStatus,
} from '@app/venues';
import { ProtocolLevel, REQUIRED_SECURITY_LEVEL } from './booking-enums';
import { simultaneousPairs } from './booking-request';
import { InterpretationNeed } from './booking.entity';
import { BookingError, BookingErrorCode } from './bookings.errors';
import { bookingMessages } from './bookings.messages';

/** What the rules look at: the event's times, size, needs and protocol. */
export interface EventShape {
  startsAt: Date;
  endsAt: Date;
  attendees: number;
  foreignGuests: number;
  interpretation: InterpretationNeed[];
  protocolLevel: ProtocolLevel;
}

const MINUTE = 60_000;

/** The range the booking holds the venue: setup before, teardown after, half-open. */
export function occupiedRange(
  venue: BookableVenue['venue'],
  startsAt: Date,
  endsAt: Date,
): [Date, Date] {
  return [
    new Date(startsAt.getTime() - venue.setupMinutes * MINUTE),
    new Date(endsAt.getTime() + venue.teardownMinutes * MINUTE),
  ];
}

export function effectiveCapacity(venue: BookableVenue['venue']): number {
  return Math.max(venue.seatedCapacity, venue.standingCapacity ?? 0);
}

/** Facilities an event needs: a booth per simultaneous language pair, and headsets for the guests. */
export function neededFacilities(
  event: Pick<EventShape, 'interpretation' | 'foreignGuests'>,
): Map<Facility, number> {
  const pairs = simultaneousPairs(event.interpretation);
  const needed = new Map<Facility, number>();
  if (pairs > 0) {
    needed.set(Facility.SIMULTANEOUS_INTERPRETATION_BOOTH, pairs);
    needed.set(Facility.INTERPRETATION_HEADSETS, Math.max(event.foreignGuests, 1));
  }
  return needed;
}

const fail = (code: BookingErrorCode, message: Message, details?: Record<string, unknown>) =>
  new BookingError(code, message, undefined, details);

/**
 * Checks every rule of the venue except the conflict with other bookings and blackouts (which
 * need the database). Throws the first rule broken, each with its own code.
 */
export function checkVenueRules(bookable: BookableVenue, event: EventShape, now: Date): void {
  const { venue } = bookable;
  const name = namesOf(venue);
  if (venue.status !== VenueStatus.ACTIVE) {
    throw fail(
      BookingErrorCode.VENUE_NOT_ACTIVE,
      bookingMessages.venueNotActive(name, venue.status),
    );
  }
  const minutes = (event.endsAt.getTime() - event.startsAt.getTime()) / MINUTE;
  if (minutes < venue.minDurationMinutes || minutes > venue.maxDurationMinutes) {
    throw fail(
      BookingErrorCode.DURATION_OUT_OF_RANGE,
      bookingMessages.durationOutOfRange(
        name,
        venue.minDurationMinutes,
        venue.maxDurationMinutes,
        minutes,
      ),
      {
        minDurationMinutes: venue.minDurationMinutes,
        maxDurationMinutes: venue.maxDurationMinutes,
      },
    );
  }
  const lead = event.startsAt.getTime() - now.getTime();
  if (lead < venue.minNoticeHours * 60 * MINUTE) {
    throw fail(
      BookingErrorCode.TOO_SHORT_NOTICE,
      bookingMessages.tooShortNotice(name, venue.minNoticeHours),
      {
        minNoticeHours: venue.minNoticeHours,
      },
    );
  }
  if (lead > venue.maxAdvanceDays * 24 * 60 * MINUTE) {
    throw fail(
      BookingErrorCode.TOO_FAR_AHEAD,
      bookingMessages.tooFarAhead(name, venue.maxAdvanceDays),
      {
        maxAdvanceDays: venue.maxAdvanceDays,
      },
    );
  }
  const capacity = effectiveCapacity(venue);
  if (event.attendees > capacity) {
    throw fail(
      BookingErrorCode.OVER_CAPACITY,
      bookingMessages.overCapacity(name, capacity, event.attendees),
      {
        capacity,
      },
    );
  }
  for (const [facility, count] of neededFacilities(event)) {
    const available = bookable.facilities.get(facility) ?? 0;
    if (available < count) {
      throw fail(
        BookingErrorCode.MISSING_FACILITY,
        bookingMessages.missingFacility(name, facility, available, count),
        {
          facility,
          needed: count,
          available,
        },
      );
    }
  }
  const required = REQUIRED_SECURITY_LEVEL[event.protocolLevel];
  if (venue.securityLevel < required) {
    throw fail(
      BookingErrorCode.SECURITY_LEVEL_TOO_LOW,
      bookingMessages.securityLevelTooLow(event.protocolLevel, required, name, venue.securityLevel),
      { required, venueLevel: venue.securityLevel },
    );
  }
  const [from, until] = occupiedRange(venue, event.startsAt, event.endsAt);
  // The week-minute check where the zone's offset holds over the range; calendar days otherwise.
  const local = localWeekRange(venue.timeZone, from, until);
  if (!isOpenForLocalRange(bookable.openingHours, local, venue.timeZone, from, until)) {
    throw fail(
      BookingErrorCode.OUTSIDE_OPENING_HOURS,
      bookingMessages.outsideOpeningHours(name, venue.timeZone),
    );
  }
}
