import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Actor, Role } from '@app/auth';
import { canManage, VenueEntity } from '@app/venues';
import { getVtimezoneComponent } from '@touch4it/ical-timezones';
import ical, { ICalEventStatus } from 'ical-generator';
import { DateTime } from 'luxon';
import { createHash, randomBytes } from 'node:crypto';
import { DataSource, In, IsNull } from 'typeorm';
import { BookingEntity } from './booking.entity';
import { BookingStatus } from './booking-enums';
import { CalendarFeedEntity, CalendarFeedKind } from './calendar-feed.entity';
import { BookingError, BookingErrorCode } from './bookings.errors';

const hashOf = (token: string) => createHash('sha256').update(token).digest('hex');

/** Bookings that belong in a calendar: the ones that stand or stood. */
const LISTED = [
  BookingStatus.HELD,
  BookingStatus.PENDING_APPROVAL,
  BookingStatus.APPROVED,
  BookingStatus.COMPLETED,
];
const FEED_WINDOW_DAYS = { past: 90, future: 400 };

export interface IssuedFeed {
  feed: CalendarFeedEntity;
  /** Shown once, at creation; only its hash is stored. */
  token: string;
}

/** iCalendar feeds of a venue's or an organizer's bookings, behind unguessable, revocable tokens. */
@Injectable()
export class CalendarFeedService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** A venue's feed (for its subdistrict or the district), or without venueId the caller's own bookings. */
  async issue(actor: Actor, venueId?: string): Promise<IssuedFeed> {
    let kind = CalendarFeedKind.ORGANIZER;
    let subjectId = actor.userId;
    if (venueId) {
      const venue = await this.dataSource.getRepository(VenueEntity).findOneBy({ id: venueId });
      if (!venue)
        throw new BookingError(BookingErrorCode.NOT_FOUND, `No venue ${venueId}`, 'venueId');
      if (!canManage(actor, venue.subdistrictId)) {
        throw new BookingError(
          BookingErrorCode.FORBIDDEN,
          "Only the venue's subdistrict or the district may subscribe to its calendar",
        );
      }
      kind = CalendarFeedKind.VENUE;
      subjectId = venue.id;
    } else if (actor.role !== Role.ORGANIZER) {
      throw new BookingError(
        BookingErrorCode.BAD_USER_INPUT,
        'Name the venue whose calendar you want',
        'venueId',
      );
    }
    const token = randomBytes(32).toString('base64url');
    const feed = await this.dataSource.getRepository(CalendarFeedEntity).save(
      Object.assign(new CalendarFeedEntity(), {
        tokenHash: hashOf(token),
        kind,
        subjectId,
        createdBy: actor.userId,
        createdAt: new Date(),
        revokedAt: null,
      }),
    );
    return { feed, token };
  }

  async revoke(actor: Actor, id: string): Promise<CalendarFeedEntity> {
    const repository = this.dataSource.getRepository(CalendarFeedEntity);
    const feed = await repository.findOneBy({ id });
    if (!feed || (feed.createdBy !== actor.userId && actor.role !== Role.DISTRICT_ADMIN)) {
      throw new BookingError(BookingErrorCode.NOT_FOUND, `No calendar feed ${id}`, 'id');
    }
    if (!feed.revokedAt) {
      feed.revokedAt = new Date();
      await repository.update({ id }, { revokedAt: feed.revokedAt });
    }
    return feed;
  }

  /** The feed's iCalendar text, or null for an unknown or revoked token. */
  async render(token: string, now = new Date()): Promise<string | null> {
    if (!/^[\w-]{20,100}$/.test(token)) return null;
    const feed = await this.dataSource
      .getRepository(CalendarFeedEntity)
      .findOneBy({ tokenHash: hashOf(token), revokedAt: IsNull() });
    if (!feed) return null;
    const from = new Date(now.getTime() - FEED_WINDOW_DAYS.past * 86_400_000);
    const to = new Date(now.getTime() + FEED_WINDOW_DAYS.future * 86_400_000);
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
    const venueIds = [...new Set(bookings.map((b) => b.venueId))];
    const venues = new Map(
      (venueIds.length
        ? await this.dataSource.getRepository(VenueEntity).findBy({ id: In(venueIds) })
        : []
      ).map((v) => [v.id, v]),
    );
    const zone =
      feed.kind === CalendarFeedKind.VENUE
        ? (venues.get(feed.subjectId)?.timeZone ?? 'Asia/Shanghai')
        : 'Asia/Shanghai';
    const calendar = ical({
      name:
        feed.kind === CalendarFeedKind.VENUE ? `场地日程 Venue bookings` : '我的预订 My bookings',
      prodId: { company: 'Dongcheng District', product: 'venue-bookings', language: 'EN' },
      timezone: { name: zone, generator: getVtimezoneComponent },
      ttl: 15 * 60,
    });
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
