import { Inject } from '@nestjs/common';
import { Args, ID, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { Actor, CurrentActor, Role, Roles } from '@app/auth';
import { BookingReader, effectiveCapacity } from '@app/bookings';
import { APP_CONFIG, AppConfig } from '@app/config';
import {
  canManage,
  facilityRowsOf,
  fieldChanges,
  proposedValues,
  REVIEWED_FIELDS,
  ReviewedValues,
  VenueCatalogService,
  VenueEntity,
  VenueInventoryService,
  VenueStatus,
} from '@app/venues';
import { SubdistrictType } from './subdistrict.type';
import { VenueAuditEntryType, VenueChangeType } from './venue-change.type';
import {
  RegisterVenueInput,
  UpdateVenueInput,
  venueChangesOf,
  VenueFilterInput,
} from './venue.input';
import {
  BlackoutType,
  OpeningHoursType,
  VenueConnection,
  VenueFacilityType,
  VenueType,
} from './venue.type';
import { UserType } from '../auth/user.type';
import { BookingType } from '../bookings/booking.type';
import { Connection, ConnectionArgs, pageRequest, toConnection } from '../common/connection';
import { IdPipe } from '../common/id.pipe';
import { ReasonArg } from '../common/text';
import { Ctx, GraphQLContext } from '../graphql/graphql-context';

const VENUE_OWNERS = [Role.SUBDISTRICT_MANAGER, Role.DISTRICT_ADMIN];

@Resolver(() => VenueType)
export class VenuesResolver {
  constructor(
    private readonly catalog: VenueCatalogService,
    private readonly inventory: VenueInventoryService,
    private readonly bookings: BookingReader,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Query(() => VenueConnection, {
    description: 'Venues the caller may see; organizers see ACTIVE ones only',
  })
  async venues(
    @CurrentActor() actor: Actor,
    // Declared as the class (not `| undefined`) so the validation pipe sees it; left out, it is {}.
    @Args('filter', { type: () => VenueFilterInput, nullable: true }) filter: VenueFilterInput,
    @Args() paging: ConnectionArgs,
  ): Promise<Connection<VenueType>> {
    const page = pageRequest(paging, this.config.graphql.maxPageSize);
    return toConnection(await this.catalog.list(actor, filter, page), VenueType.from);
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
    return VenueType.from(await this.inventory.update(actor, id, venueChangesOf(input)));
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
    @ReasonArg({ nullable: true }) reason: string | undefined,
  ): Promise<VenueType> {
    return VenueType.from(await this.inventory.review(actor, id, approve, reason));
  }

  @Roles(Role.DISTRICT_ADMIN)
  @Mutation(() => VenueType, {
    description:
      'The district decides the venue’s pending change: approving applies it, rejecting (with ' +
      'a reason) keeps the reviewed values',
  })
  async reviewVenueChange(
    @CurrentActor() actor: Actor,
    @Args('venueId', { type: () => ID }, IdPipe) venueId: string,
    @Args('approve') approve: boolean,
    @ReasonArg({ nullable: true }) reason: string | undefined,
  ): Promise<VenueType> {
    return VenueType.from(await this.inventory.reviewChange(actor, venueId, approve, reason));
  }

  @Roles(Role.DISTRICT_ADMIN)
  @Mutation(() => VenueType, {
    description:
      'ACTIVE → SUSPENDED. Its bookings stay; affectedBookings lists them, and their organizers, ' +
      'security (foreign-related events) and assigned staff are told (VENUE_SUSPENDED)',
  })
  async suspendVenue(
    @CurrentActor() actor: Actor,
    @Args('id', { type: () => ID }, IdPipe) id: string,
    @ReasonArg() reason: string,
  ): Promise<VenueType> {
    return VenueType.from(await this.inventory.suspend(actor, id, reason));
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
    @ReasonArg() reason: string,
  ): Promise<BlackoutType> {
    return BlackoutType.from(
      await this.inventory.addBlackout(actor, venueId, startsAt, endsAt, reason),
    );
  }

  @ResolveField(() => SubdistrictType)
  async subdistrict(
    venue: VenueType,
    _args: unknown,
    { loaders }: GraphQLContext,
  ): Promise<SubdistrictType> {
    const subdistrict = await loaders.subdistrict.load(venue.subdistrictId);
    if (!subdistrict)
      throw new Error(`venue ${venue.id} has no subdistrict ${venue.subdistrictId}`);
    return SubdistrictType.from(subdistrict);
  }

  @ResolveField(() => [VenueFacilityType])
  async facilities(
    venue: VenueType,
    _args: unknown,
    { loaders }: GraphQLContext,
  ): Promise<VenueFacilityType[]> {
    return (await loaders.venueFacilities.load(venue.id)).map(VenueFacilityType.from);
  }

  @ResolveField(() => [OpeningHoursType])
  async openingHours(
    venue: VenueType,
    _args: unknown,
    { loaders }: GraphQLContext,
  ): Promise<OpeningHoursType[]> {
    return (await loaders.venueOpeningHours.load(venue.id)).map(OpeningHoursType.from);
  }

  @ResolveField(() => VenueChangeType, {
    nullable: true,
    description:
      'The change to security level, capacity or facilities waiting for the district; null when ' +
      'none, and for anyone but the venue’s managers and the district',
  })
  async pendingChange(
    @CurrentActor() actor: Actor,
    @Parent() venue: VenueType,
    @Ctx() { loaders }: GraphQLContext,
  ): Promise<VenueChangeType | null> {
    const { pendingChange } = venue.pending;
    if (!pendingChange || !canManage(actor, venue.subdistrictId)) return null;
    const current: ReviewedValues = {
      securityLevel: venue.securityLevel,
      seatedCapacity: venue.seatedCapacity,
      standingCapacity: venue.standingCapacity,
      facilities: facilityRowsOf(await loaders.venueFacilities.load(venue.id)),
    };
    const after = proposedValues(current, pendingChange);
    return VenueChangeType.from(
      { id: venue.id, ...venue.pending, pendingChange },
      after,
      fieldChanges(REVIEWED_FIELDS, current, after),
    );
  }

  @ResolveField(() => [VenueAuditEntryType], {
    description:
      'Every step and edit, oldest first, each changed field with its old and new value; ' +
      'empty for anyone but the venue’s managers and the district',
  })
  async audit(
    @CurrentActor() actor: Actor,
    @Parent() venue: VenueType,
    @Ctx() { loaders }: GraphQLContext,
  ): Promise<VenueAuditEntryType[]> {
    if (!canManage(actor, venue.subdistrictId)) return [];
    return (await loaders.venueAudit.load(venue.id)).map(VenueAuditEntryType.from);
  }

  @ResolveField(() => [BookingType], {
    description:
      'While SUSPENDED: its held, pending and approved bookings not yet over, in time order, ' +
      'left in place for their organizers to move (to another venue) or cancel. Empty otherwise, ' +
      'and for anyone but the venue’s managers and the district',
  })
  async affectedBookings(
    @CurrentActor() actor: Actor,
    @Parent() venue: VenueType,
  ): Promise<BookingType[]> {
    if (venue.status !== VenueStatus.SUSPENDED || !canManage(actor, venue.subdistrictId)) return [];
    return (await this.bookings.blockingAtVenue(venue.id)).map(BookingType.from);
  }

  @ResolveField(() => [BlackoutType], { description: 'Blackouts that have not yet ended' })
  async blackouts(
    venue: VenueType,
    _args: unknown,
    { loaders }: GraphQLContext,
  ): Promise<BlackoutType[]> {
    return (await loaders.venueBlackouts.load(venue.id)).map(BlackoutType.from);
  }
}

@Resolver(() => VenueChangeType)
export class VenueChangeResolver {
  constructor(private readonly bookings: BookingReader) {}

  @ResolveField(() => UserType, { nullable: true })
  async requestedBy(
    change: VenueChangeType,
    _args: unknown,
    { loaders }: GraphQLContext,
  ): Promise<UserType | null> {
    const user = change.requestedById ? await loaders.user.load(change.requestedById) : undefined;
    return user ? UserType.from(user) : null;
  }

  @ResolveField(() => [BookingType], {
    description:
      'Held, pending and approved bookings not yet over whose attendees exceed the capacity ' +
      'the change asks for (seated or standing, whichever is larger), for the district to weigh',
  })
  async bookingsOverCapacity(change: VenueChangeType): Promise<BookingType[]> {
    const { seatedCapacity, standingCapacity } = change.proposed;
    if (seatedCapacity === undefined && standingCapacity === undefined) return [];
    const capacity = effectiveCapacity({
      seatedCapacity: change.seatedCapacity,
      standingCapacity: change.standingCapacity,
    } as VenueEntity);
    return (await this.bookings.blockingAtVenue(change.venueId))
      .filter((booking) => booking.attendees > capacity)
      .map(BookingType.from);
  }
}

@Resolver(() => VenueAuditEntryType)
export class VenueAuditEntryResolver {
  @ResolveField(() => UserType, { nullable: true, description: 'Null when the system acted' })
  async actor(
    entry: VenueAuditEntryType,
    _args: unknown,
    { loaders }: GraphQLContext,
  ): Promise<UserType | null> {
    const user = entry.actorId ? await loaders.user.load(entry.actorId) : undefined;
    return user ? UserType.from(user) : null;
  }
}
