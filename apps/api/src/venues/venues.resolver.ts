import { Inject } from '@nestjs/common';
import { Args, ID, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { Actor, CurrentActor, Role, Roles } from '@app/auth';
import { APP_CONFIG, AppConfig } from '@app/config';
import { VenueCatalogService, VenueInventoryService } from '@app/venues';
import { SubdistrictType } from './subdistrict.type';
import { RegisterVenueInput, UpdateVenueInput, VenueFilterInput } from './venue.input';
import {
  BlackoutType,
  OpeningHoursType,
  VenueConnection,
  VenueFacilityType,
  VenueType,
} from './venue.type';
import { Connection, ConnectionArgs, pageRequest, toConnection } from '../common/connection';
import { IdPipe } from '../common/id.pipe';
import { checkedReason } from '../common/reason';
import { Ctx, GraphQLContext } from '../graphql/graphql-context';

const VENUE_OWNERS = [Role.SUBDISTRICT_MANAGER, Role.DISTRICT_ADMIN];

@Resolver(() => VenueType)
export class VenuesResolver {
  constructor(
    private readonly catalog: VenueCatalogService,
    private readonly inventory: VenueInventoryService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Query(() => VenueConnection, {
    description: 'Venues the caller may see; organizers see ACTIVE ones only',
  })
  async venues(
    @CurrentActor() actor: Actor,
    @Args('filter', { type: () => VenueFilterInput, nullable: true })
    filter: VenueFilterInput | undefined,
    @Args() paging: ConnectionArgs,
  ): Promise<Connection<VenueType>> {
    const page = pageRequest(paging, this.config.graphql.maxPageSize);
    return toConnection(await this.catalog.list(actor, filter ?? {}, page), VenueType.from);
  }

  @Query(() => VenueType, { nullable: true })
  async venue(
    @CurrentActor() actor: Actor,
    @Args('id', { type: () => ID }, IdPipe) id: string,
  ): Promise<VenueType | null> {
    const venue = await this.catalog.get(actor, id);
    return venue && VenueType.from(venue);
  }

  @Roles(...VENUE_OWNERS)
  @Mutation(() => VenueType, {
    description: 'A new venue in DRAFT, in the caller’s own subdistrict',
  })
  async registerVenue(
    @CurrentActor() actor: Actor,
    @Args('input') input: RegisterVenueInput,
  ): Promise<VenueType> {
    return VenueType.from(await this.inventory.register(actor, input));
  }

  @Roles(...VENUE_OWNERS)
  @Mutation(() => VenueType)
  async updateVenue(
    @CurrentActor() actor: Actor,
    @Args('id', { type: () => ID }, IdPipe) id: string,
    @Args('input') input: UpdateVenueInput,
  ): Promise<VenueType> {
    return VenueType.from(await this.inventory.update(actor, id, input));
  }

  @Roles(...VENUE_OWNERS)
  @Mutation(() => VenueType, { description: 'DRAFT → PENDING_REVIEW' })
  async submitVenueForReview(
    @CurrentActor() actor: Actor,
    @Args('id', { type: () => ID }, IdPipe) id: string,
  ): Promise<VenueType> {
    return VenueType.from(await this.inventory.submitForReview(actor, id));
  }

  @Roles(Role.DISTRICT_ADMIN)
  @Mutation(() => VenueType, {
    description: 'PENDING_REVIEW → ACTIVE, or back to DRAFT with a reason',
  })
  async reviewVenue(
    @CurrentActor() actor: Actor,
    @Args('id', { type: () => ID }, IdPipe) id: string,
    @Args('approve') approve: boolean,
    @Args('reason', { type: () => String, nullable: true }) reason: string | undefined,
  ): Promise<VenueType> {
    return VenueType.from(await this.inventory.review(actor, id, approve, checkedReason(reason)));
  }

  @Roles(Role.DISTRICT_ADMIN)
  @Mutation(() => VenueType, { description: 'ACTIVE → SUSPENDED' })
  async suspendVenue(
    @CurrentActor() actor: Actor,
    @Args('id', { type: () => ID }, IdPipe) id: string,
    @Args('reason') reason: string,
  ): Promise<VenueType> {
    return VenueType.from(await this.inventory.suspend(actor, id, checkedReason(reason)));
  }

  @Roles(Role.DISTRICT_ADMIN)
  @Mutation(() => VenueType, { description: 'SUSPENDED → ACTIVE' })
  async reinstateVenue(
    @CurrentActor() actor: Actor,
    @Args('id', { type: () => ID }, IdPipe) id: string,
  ): Promise<VenueType> {
    return VenueType.from(await this.inventory.reinstate(actor, id));
  }

  @Roles(...VENUE_OWNERS)
  @Mutation(() => BlackoutType)
  async addBlackout(
    @CurrentActor() actor: Actor,
    @Args('venueId', { type: () => ID }, IdPipe) venueId: string,
    @Args('startsAt') startsAt: Date,
    @Args('endsAt') endsAt: Date,
    @Args('reason') reason: string,
  ): Promise<BlackoutType> {
    return BlackoutType.from(
      await this.inventory.addBlackout(actor, venueId, startsAt, endsAt, checkedReason(reason)),
    );
  }

  @ResolveField(() => SubdistrictType)
  async subdistrict(
    @Parent() venue: VenueType,
    @Ctx() { loaders }: GraphQLContext,
  ): Promise<SubdistrictType> {
    const subdistrict = await loaders.subdistrict.load(venue.subdistrictId);
    if (!subdistrict)
      throw new Error(`venue ${venue.id} has no subdistrict ${venue.subdistrictId}`);
    return SubdistrictType.from(subdistrict);
  }

  @ResolveField(() => [VenueFacilityType])
  async facilities(
    @Parent() venue: VenueType,
    @Ctx() { loaders }: GraphQLContext,
  ): Promise<VenueFacilityType[]> {
    return (await loaders.venueFacilities.load(venue.id)).map(VenueFacilityType.from);
  }

  @ResolveField(() => [OpeningHoursType])
  async openingHours(
    @Parent() venue: VenueType,
    @Ctx() { loaders }: GraphQLContext,
  ): Promise<OpeningHoursType[]> {
    return (await loaders.venueOpeningHours.load(venue.id)).map(OpeningHoursType.from);
  }

  @ResolveField(() => [BlackoutType], { description: 'Blackouts that have not yet ended' })
  async blackouts(
    @Parent() venue: VenueType,
    @Ctx() { loaders }: GraphQLContext,
  ): Promise<BlackoutType[]> {
    return (await loaders.venueBlackouts.load(venue.id)).map(BlackoutType.from);
  }
}
