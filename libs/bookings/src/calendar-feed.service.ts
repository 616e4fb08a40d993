import { createHash, randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, IsNull } from 'typeorm';
import { Actor, Role } from '@app/auth';
import { canManage, VenueCatalogService } from '@app/venues';
import { CalendarFeedKind } from './booking-enums';
import { BookingError, BookingErrorCode } from './bookings.errors';
import { bookingMessages } from './bookings.messages';
import { CalendarFeedEntity } from './calendar-feed.entity';

const hashOf = (token: string) => createHash('sha256').update(token).digest('hex');

/** The feed of one's own that each role has, if any. */
const OWN_FEED: Partial<Record<Role, CalendarFeedKind>> = {
  [Role.ORGANIZER]: CalendarFeedKind.ORGANIZER,
  [Role.INTERPRETER]: CalendarFeedKind.STAFF,
  [Role.SECURITY_OFFICER]: CalendarFeedKind.STAFF,
  [Role.SECURITY_COORDINATOR]: CalendarFeedKind.SECURITY,
};

export interface FeedRequest {
  kind?: CalendarFeedKind | null;
  venueId?: string | null;
}

export interface IssuedFeed {
  feed: CalendarFeedEntity;
  /** Shown once, at creation; only its hash is stored. */
  token: string;
}

/**
 * Secret, revocable calendar URLs: issuing tokens (only their hashes are stored), finding the
 * feed a token opens, and revoking. What a feed contains is up to its kind's renderer.
 */
@Injectable()
export class CalendarFeedService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly venues: VenueCatalogService,
  ) {}

  /**
   * Which feed a request asks for: the kind named, else a venue's when one is named, else the
   * caller's own (an organizer's bookings, a staff member's assignments, a security coordinator's
   * events). STAFF feeds are issued by libs/staffing, every other kind by issue().
   */
  kindOf(actor: Actor, request: FeedRequest): CalendarFeedKind {
    const kind = request.kind ?? (request.venueId ? CalendarFeedKind.VENUE : OWN_FEED[actor.role]);
    if (!kind) {
      throw new BookingError(
        BookingErrorCode.BAD_USER_INPUT,
        bookingMessages.nameTheVenue(),
        'venueId',
      );
    }
    if ((kind === CalendarFeedKind.VENUE) !== Boolean(request.venueId)) {
      throw new BookingError(
        BookingErrorCode.BAD_USER_INPUT,
        kind === CalendarFeedKind.VENUE
          ? bookingMessages.nameTheVenue()
          : bookingMessages.feedNotOfVenue(kind),
        'venueId',
      );
    }
    return kind;
  }

  /** A venue's feed (for its subdistrict or the district), or the caller's own of their kind. */
  async issue(
    actor: Actor,
    kind: Exclude<CalendarFeedKind, CalendarFeedKind.STAFF>,
    venueId?: string,
  ): Promise<IssuedFeed> {
    if (kind === CalendarFeedKind.VENUE) {
      const venue = venueId ? await this.venues.byId(venueId) : null;
      if (!venue)
        throw new BookingError(
          BookingErrorCode.NOT_FOUND,
          bookingMessages.noVenue(String(venueId)),
          'venueId',
        );
      if (!canManage(actor, venue.subdistrictId)) {
        throw new BookingError(BookingErrorCode.FORBIDDEN, bookingMessages.venueFeedForManagers());
      }
      return this.issueToken(actor, kind, venue.id);
    }
    if (OWN_FEED[actor.role] !== kind) {
      throw new BookingError(
        BookingErrorCode.FORBIDDEN,
        kind === CalendarFeedKind.SECURITY
          ? bookingMessages.securityFeedForCoordinators()
          : bookingMessages.organizerFeedForOrganizers(),
      );
    }
    // Both are of the caller: the organizer's bookings, the coordinator's scope.
    return this.issueToken(actor, kind, actor.userId);
  }

  /**
   * Stores a new feed of the subject for the caller and returns its token. The caller has checked
   * that the actor may see the subject: other libs (staffing) issue their kinds through this.
   */
  async issueToken(actor: Actor, kind: CalendarFeedKind, subjectId: string): Promise<IssuedFeed> {
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

  /** The caller's own feeds, newest first (their URLs are shown once, at creation). */
  mine(actor: Actor): Promise<CalendarFeedEntity[]> {
    return this.dataSource
      .getRepository(CalendarFeedEntity)
      .find({ where: { createdBy: actor.userId }, order: { id: 'DESC' } });
  }

  async revoke(actor: Actor, id: string): Promise<CalendarFeedEntity> {
    const repository = this.dataSource.getRepository(CalendarFeedEntity);
    const feed = await repository.findOneBy({ id });
    if (!feed || (feed.createdBy !== actor.userId && actor.role !== Role.DISTRICT_ADMIN)) {
      throw new BookingError(BookingErrorCode.NOT_FOUND, bookingMessages.noCalendarFeed(id), 'id');
    }
    if (!feed.revokedAt) {
      feed.revokedAt = new Date();
      await repository.update({ id }, { revokedAt: feed.revokedAt });
    }
    return feed;
  }

  /** The live feed a token opens, or null for a malformed, unknown or revoked token. */
  async find(token: string): Promise<CalendarFeedEntity | null> {
    if (!/^[\w-]{20,100}$/.test(token)) return null;
    return this.dataSource
      .getRepository(CalendarFeedEntity)
      .findOneBy({ tokenHash: hashOf(token), revokedAt: IsNull() });
  }
}
