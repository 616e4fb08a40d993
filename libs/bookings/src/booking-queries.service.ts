import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In } from 'typeorm';
import { Actor } from '@app/auth';
import { groupsFor, inputMessages } from '@app/common';
import { Page, PageRequest } from '@app/database';
import { BookableVenueReader, canSee, VenueCatalogService } from '@app/venues';
import { canSeeBooking } from './booking-access.policy';
import { BookingAuditEntity } from './booking-audit.entity';
import { BookingEntity } from './booking.entity';
import { BookingError, BookingErrorCode, badBookingInput } from './bookings.errors';
import { bookingMessages } from './bookings.messages';
import { BookingFilter, BookingsRepository } from './bookings.repository';

/** A stretch of time when a venue is taken. Other organizers' blocks come without details. */
export interface BusyBlock {
  kind: 'BOOKING' | 'BLACKOUT';
  startsAt: Date;
  endsAt: Date;
  /** Set only when the caller may see the booking. */
  booking: BookingEntity | null;
  reason: string | null;
}

const MAX_SCHEDULE_DAYS = 92;

@Injectable()
export class BookingQueriesService {
  constructor(
    private readonly bookings: BookingsRepository,
    private readonly venues: BookableVenueReader,
    private readonly catalog: VenueCatalogService,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  async get(actor: Actor, id: string): Promise<BookingEntity | null> {
    const [booking] = await this.getMany(actor, [id]);
    return booking ?? null;
  }

  /** The bookings the caller may see, in the order asked (undefined where not): for loaders. */
  async getMany(actor: Actor, ids: readonly string[]): Promise<(BookingEntity | undefined)[]> {
    const bookings = ids.length
      ? await this.dataSource.getRepository(BookingEntity).findBy({ id: In([...ids]) })
      : [];
    const byId = new Map(bookings.map((b) => [b.id, b]));
    return ids.map((id) => {
      const booking = byId.get(id);
      return booking && canSeeBooking(actor, booking) ? booking : undefined;
    });
  }

  list(actor: Actor, filter: BookingFilter, page: PageRequest): Promise<Page<BookingEntity>> {
    return this.bookings.list(actor, filter, page);
  }

  async auditTrails(bookingIds: readonly string[]): Promise<BookingAuditEntity[][]> {
    return groupsFor(bookingIds, await this.bookings.auditOf(bookingIds), (row) => row.bookingId);
  }

  /** Busy blocks (occupied ranges, setup and teardown included, and blackouts) overlapping [from, to). */
  async schedule(actor: Actor, venueId: string, from: Date, to: Date): Promise<BusyBlock[]> {
    if (!(to.getTime() > from.getTime()))
      throw badBookingInput('to', inputMessages.mustBeAfter('to', 'from'));
    if (to.getTime() - from.getTime() > MAX_SCHEDULE_DAYS * 86_400_000) {
      throw badBookingInput('to', bookingMessages.scheduleTooLong(MAX_SCHEDULE_DAYS));
    }
    const venue = await this.catalog.byId(venueId);
    if (!venue || !canSee(actor, venue))
      throw new BookingError(
        BookingErrorCode.NOT_FOUND,
        bookingMessages.noVenue(venueId),
        'venueId',
      );
    const [bookings, blackouts] = await Promise.all([
      this.bookings.busyAt(venueId, from, to, new Date()),
      this.venues.blackoutsBetween(venueId, from, to),
    ]);
    const blocks: BusyBlock[] = [
      ...bookings.map(({ booking, from, until }) => ({
        kind: 'BOOKING' as const,
        startsAt: from,
        endsAt: until,
        booking: canSeeBooking(actor, booking) ? booking : null,
        reason: null,
      })),
      ...blackouts.map((blackout) => ({
        kind: 'BLACKOUT' as const,
        startsAt: blackout.startsAt,
        endsAt: blackout.endsAt,
        booking: null,
        reason: blackout.reason,
      })),
    ];
    return blocks.sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime());
  }
}
