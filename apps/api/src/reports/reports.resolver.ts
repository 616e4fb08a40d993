import { Args, Float, ID, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { Actor, CurrentActor, Role, Roles } from '@app/auth';
import { CapacityReportService, RatingsService } from '@app/reports';
import { CapacityReportType, ServiceScoreType } from './capacity-report.type';
import { RatingInput } from './rating.input';
import { RatingType } from './rating.type';
import { BookingType } from '../bookings/booking.type';
import { IdPipe } from '../common/id.pipe';
import { Ctx, GraphQLContext } from '../graphql/graphql-context';
import { VenueType } from '../venues/venue.type';

@Resolver(() => RatingType)
export class ReportsResolver {
  constructor(
    private readonly reports: CapacityReportService,
    private readonly ratings: RatingsService,
  ) {}

  @Roles(Role.DISTRICT_ADMIN, Role.SUBDISTRICT_MANAGER)
  @Query(() => CapacityReportType, {
    description:
      'Service capacity by venue and subdistrict for [from, to), at most 366 days; a subdistrict manager reads their own subdistrict’s',
  })
  async serviceCapacityReport(
    @CurrentActor() actor: Actor,
    @Args('from') from: Date,
    @Args('to') to: Date,
    @Args('subdistrictId', { type: () => ID, nullable: true }, IdPipe)
    subdistrictId: string | undefined,
  ): Promise<CapacityReportType> {
    return CapacityReportType.from(await this.reports.report(actor, { from, to, subdistrictId }));
  }

  @Roles(Role.ORGANIZER)
  @Mutation(() => RatingType, { description: 'The organizer rates a COMPLETED booking, once' })
  async rateBooking(
    @CurrentActor() actor: Actor,
    @Args('id', { type: () => ID }, IdPipe) id: string,
    @Args('input') input: RatingInput,
  ): Promise<RatingType> {
    return RatingType.from(await this.ratings.rate(actor, id, input));
  }

  @ResolveField(() => BookingType)
  async booking(
    @Parent() rating: RatingType,
    @CurrentActor() actor: Actor,
    @Ctx() { loaders }: GraphQLContext,
  ): Promise<BookingType> {
    const booking = await loaders.bookingFor(actor).load(rating.bookingId);
    if (!booking) throw new Error(`rating ${rating.id} has no visible booking ${rating.bookingId}`);
    return BookingType.from(booking);
  }
}

/** The service-capacity score on Venue. */
@Resolver(() => VenueType)
export class VenueScoreResolver {
  @ResolveField(() => Float, {
    description:
      '0 to 100: the facility checklist, blended with post-event ratings once there are enough',
  })
  async serviceCapacityScore(
    venue: VenueType,
    _args: unknown,
    { loaders }: GraphQLContext,
  ): Promise<number> {
    return (await this.scoreOf(venue, loaders)).score;
  }

  @ResolveField(() => ServiceScoreType, { description: 'How the score is made up' })
  async serviceScore(
    venue: VenueType,
    _args: unknown,
    { loaders }: GraphQLContext,
  ): Promise<ServiceScoreType> {
    return ServiceScoreType.from(await this.scoreOf(venue, loaders));
  }

  private async scoreOf(venue: VenueType, loaders: GraphQLContext['loaders']) {
    const score = await loaders.venueScore.load(venue.id);
    if (!score) throw new Error(`venue ${venue.id} has no score`);
    return score;
  }
}
