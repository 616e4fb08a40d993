import { createHash } from 'node:crypto';
import { Role } from '@app/auth';
import { newUser } from '@app/auth/testing';
import { AppContext } from '@app/common/testing';
import { APP_CONFIG, AppConfig } from '@app/config';
import { BookableVenueReader } from '@app/venues';
import { newVenue } from '@app/venues/testing';
import { ApprovalStage, BLOCKING_STATUSES, BookingStatus, ProtocolLevel } from '../booking-enums';
import { NO_PENDING_CHANGE } from '../booking-proposal';
import { occupiedRange } from '../booking-rules';
import { BookingEntity, InterpretationNeed } from '../booking.entity';
import { BookingLifecycle } from '../booking.lifecycle';
import { obstaclesAlongWithVenue, readObstacles } from '../bookings.repository';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

export interface BookingSpec {
  /** A new venue (see newVenue) when not given. */
  venue?: { id: string };
  /** A new organizer when not given. */
  organizer?: { id: string };
  /** APPROVED by default. */
  status?: BookingStatus;
  /** A free hour a day or more ahead when not given; an hour long by default. */
  startsAt?: Date;
  endsAt?: Date;
  title?: string;
  attendees?: number;
  foreignGuests?: number;
  delegationCountries?: string[];
  interpretation?: InterpretationNeed[];
  protocolLevel?: ProtocolLevel;
  /** PENDING_APPROVAL: SUBDISTRICT unless given. */
  approvalStage?: ApprovalStage | null;
  /** HELD: now plus BOOKING_HOLD_MINUTES unless given (a past one is a hold that ran out). */
  holdExpiresAt?: Date | null;
  submittedAt?: Date | null;
  approvedAt?: Date | null;
  version?: number;
  /** When the booking was made (and last changed); now by default. */
  createdAt?: Date;
}

let made = 0;

/** Past every earlier default: each booking made without times gets an hour of its own. */
function defaultStart(now: Date): Date {
  const nextHour = Math.ceil(now.getTime() / HOUR) * HOUR;
  return new Date(nextHour + 24 * HOUR + 2 * HOUR * made);
}

/**
 * A booking made in the given status, as BookingLifecycle makes every new booking: under the
 * venue's booking lock, with one `requested` entry in the audit trail and the outbox, and with
 * what its participants do for a new booking (staffing requirements where staffing is loaded, a
 * hold's expiry job). The venue's rules are not checked, but a blocking booking that would
 * overlap another blocking one is refused, as that state cannot arise.
 */
export async function newBooking(app: AppContext, spec: BookingSpec = {}): Promise<BookingEntity> {
  const venue = spec.venue ?? (await newVenue(app));
  const organizer = spec.organizer ?? (await newUser(app, { role: Role.ORGANIZER }));
  const config = app.get<AppConfig>(APP_CONFIG);
  const now = new Date();
  const n = ++made;
  const status = spec.status ?? BookingStatus.APPROVED;
  const startsAt = spec.startsAt ?? defaultStart(now);
  const endsAt = spec.endsAt ?? new Date(startsAt.getTime() + HOUR);
  const createdAt = spec.createdAt ?? now;
  const submitted = status !== BookingStatus.HELD && status !== BookingStatus.EXPIRED;
  const key = `factory-${process.pid}-${n}`;

  return app.get(BookingLifecycle).create(organizer.id, async (manager) => {
    const bookable = await app
      .get(BookableVenueReader)
      .lockForBooking(manager, venue.id, obstaclesAlongWithVenue(startsAt, endsAt, { now }));
    if (!bookable) throw new Error(`newBooking: no venue ${venue.id}`);
    // Every column named (satisfies): a column added to bookings must be given a value here.
    const booking = Object.assign(new BookingEntity(), {
      venueId: venue.id,
      subdistrictId: bookable.venue.subdistrictId,
      organizerId: organizer.id,
      title: spec.title ?? `Test event ${n}`,
      description: null,
      attendees: spec.attendees ?? 20,
      foreignGuests: spec.foreignGuests ?? 0,
      delegationCountries: spec.delegationCountries ?? [],
      interpretation: spec.interpretation ?? [],
      protocolLevel: spec.protocolLevel ?? ProtocolLevel.STANDARD,
      status,
      approvalStage:
        spec.approvalStage !== undefined
          ? spec.approvalStage
          : status === BookingStatus.PENDING_APPROVAL
            ? ApprovalStage.SUBDISTRICT
            : null,
      startsAt,
      endsAt,
      holdExpiresAt:
        spec.holdExpiresAt !== undefined
          ? spec.holdExpiresAt
          : status === BookingStatus.HELD
            ? new Date(now.getTime() + config.bookings.holdMinutes * MINUTE)
            : status === BookingStatus.EXPIRED
              ? now
              : null,
      submittedAt: spec.submittedAt !== undefined ? spec.submittedAt : submitted ? createdAt : null,
      approvedAt: spec.approvedAt ?? null,
      idempotencyKey: key,
      requestHash: createHash('sha256').update(key).digest('hex'),
      version: spec.version ?? 1,
      createdAt,
      updatedAt: createdAt,
      ...NO_PENDING_CHANGE,
    } satisfies Omit<BookingEntity, 'id' | 'occupiedFrom' | 'occupiedUntil'>);
    [booking.occupiedFrom, booking.occupiedUntil] = occupiedRange(bookable.venue, startsAt, endsAt);
    const blocks =
      BLOCKING_STATUSES.includes(status) &&
      (status !== BookingStatus.HELD || (booking.holdExpiresAt?.getTime() ?? 0) > now.getTime());
    const { conflict } = readObstacles(bookable.along);
    if (blocks && conflict) {
      throw new Error(
        `newBooking: venue ${venue.id} is taken from ${conflict.occupiedFrom.toISOString()} to ${conflict.occupiedUntil.toISOString()}`,
      );
    }
    return { booking, venue: bookable.venue };
  });
}
