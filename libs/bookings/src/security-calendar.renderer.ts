import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ICalEventStatus } from 'ical-generator';
import { DateTime } from 'luxon';
import { DataSource } from 'typeorm';
import { ActiveUsersReader, Role } from '@app/auth';
import { VenueCatalogService } from '@app/venues';
import { BookingStatus, CalendarFeedKind } from './booking-enums';
import { BookingEntity } from './booking.entity';
import { BookingError, BookingErrorCode } from './bookings.errors';
import { bookingMessages } from './bookings.messages';
import { CalendarFeedRenderer, feedCalendar, feedWindow } from './calendar-document';
import { CalendarFeedEntity } from './calendar-feed.entity';
import { foreignRelatedSql } from './foreign-related';

/** Events that stand or stood approved; pending ones are not security's yet. */
const APPROVED = [BookingStatus.APPROVED, BookingStatus.COMPLETED];

/**
 * A security coordinator's calendar: the approved foreign-related events in their scope (the
 * subdistrict their account is bound to, else the whole district), with what the security notice
 * says and no more: time, venue, attendees, foreign guests, delegation countries, protocol level.
 * Never the organizer, the description or guest details.
 */
@Injectable()
export class SecurityCalendarRenderer implements CalendarFeedRenderer {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly users: ActiveUsersReader,
    private readonly venues: VenueCatalogService,
  ) {}

  async render(feed: CalendarFeedEntity, now: Date): Promise<string> {
    if (feed.kind !== CalendarFeedKind.SECURITY)
      throw new Error(`SecurityCalendarRenderer cannot render a ${feed.kind} feed`);
    // Read at every fetch: a deactivated account or one that left the role sees nothing more,
    // and a changed scope applies to the feeds already out there.
    const [coordinator] = await this.users.byIds([feed.subjectId]);
    if (coordinator?.role !== Role.SECURITY_COORDINATOR)
      throw new BookingError(BookingErrorCode.NOT_FOUND, bookingMessages.noSuchCalendarFeed());
    const { from, to } = feedWindow(now);
    const query = this.dataSource
      .getRepository(BookingEntity)
      .createQueryBuilder('b')
      .where('b.status IN (:...approved) AND b.ends_at > :from AND b.starts_at < :to', {
        approved: APPROVED,
        from,
        to,
      })
      .andWhere(foreignRelatedSql('b'));
    if (coordinator.subdistrictId)
      query.andWhere('b.subdistrict_id = :scope', { scope: coordinator.subdistrictId });
    const bookings = await query.orderBy('b.starts_at', 'ASC').getMany();
    const venues = await this.venues.byIds([...new Set(bookings.map((b) => b.venueId))]);

    const calendar = feedCalendar('涉外活动安保 Foreign-related events', coordinator.timeZone);
    for (const booking of bookings) {
      const venue = venues.get(booking.venueId);
      // Zoned luxon times: ical-generator writes a native Date's UTC wall time under the TZID.
      const zone = venue?.timeZone ?? coordinator.timeZone;
      const countries = booking.delegationCountries.join(', ') || '—';
      calendar.createEvent({
        id: `booking-${booking.id}-security@venues.dongcheng`,
        sequence: booking.version,
        start: DateTime.fromJSDate(booking.startsAt, { zone }),
        end: DateTime.fromJSDate(booking.endsAt, { zone }),
        timezone: zone,
        summary: `${booking.title} [${booking.protocolLevel}]`,
        location: venue
          ? `${venue.nameZh} ${venue.nameEn}, ${venue.addressZh} / ${venue.addressEn}`
          : null,
        description: [
          `人数 Attendees: ${booking.attendees}; 外宾 foreign guests: ${booking.foreignGuests}`,
          `代表团国家 Delegation countries: ${countries}`,
          `礼宾级别 Protocol level: ${booking.protocolLevel}`,
        ].join('\n'),
        status: ICalEventStatus.CONFIRMED,
        lastModified: booking.updatedAt,
        stamp: booking.updatedAt,
      });
    }
    return calendar.toString();
  }
}
