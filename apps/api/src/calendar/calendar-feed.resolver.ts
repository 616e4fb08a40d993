import { Inject } from '@nestjs/common';
import {
  Args,
  Field,
  ID,
  Mutation,
  ObjectType,
  Query,
  Resolver,
  registerEnumType,
} from '@nestjs/graphql';
import { Actor, CurrentActor, Role, Roles } from '@app/auth';
import { CalendarFeedEntity, CalendarFeedKind, CalendarFeedService } from '@app/bookings';
import { APP_CONFIG, AppConfig } from '@app/config';
import { StaffCalendarService } from '@app/staffing';
import { IdPipe } from '../common/id.pipe';

registerEnumType(CalendarFeedKind, { name: 'CalendarFeedKind' });

const FEED_ROLES = [
  Role.ORGANIZER,
  Role.SUBDISTRICT_MANAGER,
  Role.DISTRICT_ADMIN,
  Role.SECURITY_COORDINATOR,
  Role.INTERPRETER,
  Role.SECURITY_OFFICER,
];

@ObjectType('CalendarFeed')
export class CalendarFeedType {
  @Field(() => ID)
  id: string;

  @Field(() => CalendarFeedKind)
  kind: CalendarFeedKind;

  @Field(() => String, {
    nullable: true,
    description: 'The secret iCalendar URL; returned only when the feed is created',
  })
  url: string | null;

  @Field()
  createdAt: Date;

  @Field(() => Date, { nullable: true })
  revokedAt: Date | null;

  static from(feed: CalendarFeedEntity, url: string | null = null): CalendarFeedType {
    return {
      id: feed.id,
      kind: feed.kind,
      url,
      createdAt: feed.createdAt,
      revokedAt: feed.revokedAt,
    };
  }
}

@Resolver(() => CalendarFeedType)
export class CalendarFeedResolver {
  constructor(
    private readonly feeds: CalendarFeedService,
    private readonly staffCalendars: StaffCalendarService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Roles(...FEED_ROLES)
  @Mutation(() => CalendarFeedType, {
    description:
      'A venue’s bookings, or without venueId the caller’s own: an organizer’s bookings, a staff member’s assignments, a security coordinator’s approved foreign-related events',
  })
  async createCalendarFeed(
    @CurrentActor() actor: Actor,
    @Args('venueId', { type: () => ID, nullable: true }, IdPipe) venueId: string | undefined,
    @Args('kind', {
      type: () => CalendarFeedKind,
      nullable: true,
      description: 'Which feed; by default VENUE with a venueId, else the caller’s own kind',
    })
    kind: CalendarFeedKind | undefined,
  ): Promise<CalendarFeedType> {
    const wanted = this.feeds.kindOf(actor, { kind, venueId });
    // Staff members' feeds are of their assignments, issued and rendered by libs/staffing.
    const { feed, token } =
      wanted === CalendarFeedKind.STAFF
        ? await this.staffCalendars.issue(actor)
        : await this.feeds.issue(actor, wanted, venueId);
    return CalendarFeedType.from(feed, `${this.config.publicBaseUrl}/calendar/${token}.ics`);
  }

  @Query(() => [CalendarFeedType], {
    description: 'The caller’s own feeds, newest first, revoked ones included (without their URLs)',
  })
  async calendarFeeds(@CurrentActor() actor: Actor): Promise<CalendarFeedType[]> {
    return (await this.feeds.mine(actor)).map((feed) => CalendarFeedType.from(feed));
  }

  @Roles(...FEED_ROLES)
  @Mutation(() => CalendarFeedType)
  async revokeCalendarFeed(
    @CurrentActor() actor: Actor,
    @Args('id', { type: () => ID }, IdPipe) id: string,
  ): Promise<CalendarFeedType> {
    return CalendarFeedType.from(await this.feeds.revoke(actor, id));
  }
}
