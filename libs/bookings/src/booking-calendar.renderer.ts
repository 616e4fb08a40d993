import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ICalEventStatus } from 'ical-generator';
import { DateTime } from 'luxon';
import { DataSource } from 'typeorm';
import { VenueCatalogService } from '@app/venues';
import { BookingStatus, CalendarFeedKind } from './booking-enums';
import { BookingEntity } from './booking.entity';
import { CalendarFeedRenderer, feedCalendar, feedWindow } from './calendar-document';
import { CalendarFeedEntity } from './calendar-feed.entity';

/** Bookings that belong in a calendar: the ones that stand or stood. */
const LISTED = [
  BookingStatus.HELD,
  BookingStatus.PENDING_APPROVAL,
  BookingStatus.APPROVED,
  BookingStatus.COMPLETED,
];

/** A venue's bookings, or an organizer's own, as iCalendar. */
@Injectable()
export class BookingCalendarRenderer implements CalendarFeedRenderer {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly venues: VenueCatalogService,
  ) {}

  async render(feed: CalendarFeedEntity, now: Date): Promise<string> {
    if (feed.kind !== CalendarFeedKind.VENUE && feed.kind !== CalendarFeedKind.ORGANIZER) {
      throw new Error(`BookingCalendarRenderer cannot render a ${String(feed.kind)} feed`);
    }
    const { from, to } = feedWindow(now);
    const bookings = await this.dataSource
      .getRepository(BookingEntity)
      .createQueryBuilder('b')
      .where(
        feed.kind === CalendarFeedKind.VENUE
          ? 'b.venue_id = :subject'
          : 'b.organizer_id = :subject',
        { subject: feed.subjectId },
      )
      .andWhere('b.status IN (:...listed) AND b.ends_at > :from AND b.starts_at < :to', {
        listed: LISTED,
        from,
        to,
      })
      .orderBy('b.starts_at', 'ASC')
      .getMany();
    const venues = await this.venues.byIds([
      ...bookings.map((b) => b.venueId),
      ...(feed.kind === CalendarFeedKind.VENUE ? [feed.subjectId] : []),
    ]);
    const zone =
      feed.kind === CalendarFeedKind.VENUE
        ? (venues.get(feed.subjectId)?.timeZone ?? 'Asia/Shanghai')
        : 'Asia/Shanghai';
    const calendar = feedCalendar(
      feed.kind === CalendarFeedKind.VENUE ? `场地日程 Venue bookings` : '我的预订 My bookings',
      zone,
    );
    for (const booking of bookings) {
      const venue = venues.get(booking.venueId);
      // Zoned luxon times: ical-generator writes a native Date's UTC wall time under the TZID.
      const eventZone = venue?.timeZone ?? zone;
      calendar.createEvent({
        id: `booking-${booking.id}@venues.dongcheng`,
        sequence: booking.version,
        start: DateTime.fromJSDate(booking.startsAt, { zone: eventZone }),
        end: DateTime.fromJSDate(booking.endsAt, { zone: eventZone }),
        timezone: eventZone,
        summary: `${booking.title} [${booking.status}]`,
        location: venue ? `${venue.nameZh} ${venue.nameEn}, ${venue.addressEn}` : null,
        description: `${booking.attendees} attendees, ${booking.foreignGuests} foreign guests; protocol ${booking.protocolLevel}`,
        status:
          booking.status === BookingStatus.APPROVED || booking.status === BookingStatus.COMPLETED
            ? ICalEventStatus.CONFIRMED
            : ICalEventStatus.TENTATIVE,
        lastModified: booking.updatedAt,
        stamp: booking.updatedAt,
      });
    }
    return calendar.toString();
  }
}
