import { Inject } from '@nestjs/common';
import { Args, ID, Info, Mutation, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { GraphQLResolveInfo } from 'graphql';
import { Actor, CurrentActor, Role, Roles } from '@app/auth';
import {
  ApprovalService,
  AvailabilityService,
  BookingEntity,
  BookingQueriesService,
  searchSecurityLevel,
  Seating,
  ReservationService,
} from '@app/bookings';
import { APP_CONFIG, AppConfig } from '@app/config';
import { UnmetDemandService, VenueScoreService } from '@app/reports';
import { AvailabilityInput, BookingFilterInput, BookingRequestInput } from './booking.input';
import {
  AuditEntryType,
  BookingConnection,
  BookingType,
  BusyBlockType,
  PendingChangeType,
} from './booking.type';
import { UserType } from '../auth/user.type';
import { Connection, ConnectionArgs, pageRequest, toConnection } from '../common/connection';
import { IdPipe } from '../common/id.pipe';
import { ReasonArg, TextArg } from '../common/text';
import { Ctx, GraphQLContext } from '../graphql/graphql-context';
import { Loaders } from '../graphql/loaders.factory';
import { selects } from '../graphql/selection';
import { VenueConnection, VenueType } from '../venues/venue.type';

const APPROVERS = [Role.SUBDISTRICT_MANAGER, Role.DISTRICT_ADMIN];

/**
 * Reads the venues and organizers a page of bookings shows before graphql-js walks its nodes, one
 * batch each (the statements the fields would make): each node's venue and organizer then
 * resolve at once, without a promise per node.
 */
async function primeBookingPage(
  bookings: BookingEntity[],
  info: GraphQLResolveInfo,
  loaders: Loaders,
): Promise<void> {
  await Promise.all([
    selects(info, ['edges', 'node', 'venue']) &&
      loaders.venue.prime(bookings.map((booking) => booking.venueId)),
    selects(info, ['edges', 'node', 'organizer']) &&
      loaders.user.prime(bookings.map((booking) => booking.organizerId)),
  ]);
}

@Resolver(() => BookingType)
export class BookingsResolver {
  constructor(
    private readonly reservations: ReservationService,
    private readonly approvals: ApprovalService,
    private readonly availability: AvailabilityService,
    private readonly queries: BookingQueriesService,
    private readonly scores: VenueScoreService,
    private readonly unmetDemand: UnmetDemandService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Query(() => VenueConnection, {
    description: 'ACTIVE venues free and suitable for the time, best fit first',
  })
  async availableVenues(
    @CurrentActor() actor: Actor,
    @Args('input') input: AvailabilityInput,
    @Args() paging: ConnectionArgs,
  ): Promise<Connection<VenueType>> {
    const page = pageRequest(paging, this.config.graphql.maxPageSize);
    const found = await this.availability.search(input, page.first, page.afterId, {
      tieScores: (ids) => this.scores.scoreValues(ids),
    });
    // Written after the answer is computed, without waiting: the search stays as fast.
    if (!found.items.length && !page.afterId)
      this.unmetDemand.searchFoundNothing(
        {
          ...input,
          seating: input.seating ?? Seating.SEATED,
          minSecurityLevel: searchSecurityLevel(input),
        },
        actor.userId,
      );
    return toConnection(found, VenueType.from);
  }

  @Query(() => [BusyBlockType])
  async venueSchedule(
    @CurrentActor() actor: Actor,
    @Args('venueId', { type: () => ID }, IdPipe) venueId: string,
    @Args('from') from: Date,
    @Args('to') to: Date,
  ): Promise<BusyBlockType[]> {
    const blocks = await this.queries.schedule(actor, venueId, from, to);
    return blocks.map((block) => ({
      kind: block.kind,
      startsAt: block.startsAt,
      endsAt: block.endsAt,
      status: block.booking?.status ?? null,
      bookingId: block.booking?.id ?? null,
      title: block.booking?.title ?? null,
      organizerId: block.booking?.organizerId ?? null,
      reason: block.reason,
    }));
  }

  @Query(() => BookingType, { nullable: true })
  async booking(
    @CurrentActor() actor: Actor,
    @Args('id', { type: () => ID }, IdPipe) id: string,
  ): Promise<BookingType | null> {
    const booking = await this.queries.get(actor, id);
    return booking && BookingType.from(booking);
  }

  @Query(() => BookingConnection, { description: 'Bookings the caller may see' })
  async bookings(
    @CurrentActor() actor: Actor,
    // Declared as the class (not `| undefined`) so the validation pipe sees it; left out, it is {}.
    @Args('filter', { type: () => BookingFilterInput, nullable: true }) filter: BookingFilterInput,
    @Args() paging: ConnectionArgs,
    @Info() info: GraphQLResolveInfo,
    @Ctx() { loaders }: GraphQLContext,
  ): Promise<Connection<BookingType>> {
    const page = pageRequest(paging, this.config.graphql.maxPageSize);
    const found = await this.queries.list(actor, filter, page);
    await primeBookingPage(found.items, info, loaders);
    return toConnection(found, BookingType.from);
  }

  @Roles(...APPROVERS)
  @Query(() => BookingConnection, { description: 'What the caller may decide now, oldest first' })
  async pendingApprovals(
    @CurrentActor() actor: Actor,
    @Args() paging: ConnectionArgs,
    @Info() info: GraphQLResolveInfo,
    @Ctx() { loaders }: GraphQLContext,
  ): Promise<Connection<BookingType>> {
    const page = pageRequest(paging, this.config.graphql.maxPageSize);
    const found = await this.approvals.pending(actor, page);
    await primeBookingPage(found.items, info, loaders);
    return toConnection(found, BookingType.from);
  }

  @Roles(Role.ORGANIZER)
  @Mutation(() => BookingType, { description: 'The same idempotencyKey returns the same booking' })
  async requestBooking(
    @CurrentActor() actor: Actor,
    @Args('input') input: BookingRequestInput,
    @TextArg('idempotencyKey', 100) idempotencyKey: string,
  ): Promise<BookingType> {
    // A refused request writes nothing (not even as unmet demand): searches that find nothing
    // are where unmet demand is counted.
    return BookingType.from(await this.reservations.request(actor, input, idempotencyKey));
  }

  @Roles(Role.ORGANIZER)
  @Mutation(() => BookingType, {
    description: 'HELD → PENDING_APPROVAL, or APPROVED where no approval is needed',
  })
  async submitBooking(
    @CurrentActor() actor: Actor,
    @Args('id', { type: () => ID }, IdPipe) id: string,
  ): Promise<BookingType> {
    return BookingType.from(await this.reservations.submit(actor, id));
  }

  @Roles(...APPROVERS)
  @Mutation(() => BookingType, {
    description:
      'Approves the step the booking waits at; the district may take a subdistrict’s step for it',
  })
  async approveBooking(
    @CurrentActor() actor: Actor,
    @Args('id', { type: () => ID }, IdPipe) id: string,
    @ReasonArg({
      name: 'comment',
      nullable: true,
      description: 'Kept in the audit trail and told to the organizer',
    })
    comment: string | undefined,
  ): Promise<BookingType> {
    return BookingType.from(await this.approvals.approve(actor, id, comment));
  }

  @Roles(...APPROVERS)
  @Mutation(() => BookingType)
  async rejectBooking(
    @CurrentActor() actor: Actor,
    @Args('id', { type: () => ID }, IdPipe) id: string,
    @ReasonArg() reason: string,
  ): Promise<BookingType> {
    return BookingType.from(await this.approvals.reject(actor, id, reason));
  }

  @Roles(Role.ORGANIZER, ...APPROVERS)
  @Mutation(() => BookingType)
  async cancelBooking(
    @CurrentActor() actor: Actor,
    @Args('id', { type: () => ID }, IdPipe) id: string,
    @ReasonArg() reason: string,
  ): Promise<BookingType> {
    return BookingType.from(await this.reservations.cancel(actor, id, reason));
  }

  @Roles(Role.ORGANIZER)
  @Mutation(() => BookingType, {
    description:
      'Re-checks every rule at the new place. An approved booking moves at once where no approval is needed; elsewhere the move becomes its pendingChange, the approved time in force until the decision',
  })
  async rescheduleBooking(
    @CurrentActor() actor: Actor,
    @Args('id', { type: () => ID }, IdPipe) id: string,
    @Args('startsAt') startsAt: Date,
    @Args('endsAt') endsAt: Date,
    @Args('venueId', { type: () => ID, nullable: true }, IdPipe) venueId: string | undefined,
  ): Promise<BookingType> {
    return BookingType.from(
      await this.reservations.reschedule(actor, id, startsAt, endsAt, venueId),
    );
  }

  @ResolveField(() => VenueType)
  venue(
    booking: BookingType,
    _args: unknown,
    { loaders }: GraphQLContext,
  ): VenueType | Promise<VenueType> {
    return loaders.venue.map(booking.venueId, (venue) => {
      if (!venue) throw new Error(`booking ${booking.id} has no venue ${booking.venueId}`);
      return VenueType.from(venue);
    });
  }

  @ResolveField(() => UserType)
  organizer(
    booking: BookingType,
    _args: unknown,
    { loaders }: GraphQLContext,
  ): UserType | Promise<UserType> {
    return loaders.user.map(booking.organizerId, (user) => {
      if (!user) throw new Error(`booking ${booking.id} has no organizer ${booking.organizerId}`);
      return UserType.from(user);
    });
  }

  @ResolveField(() => [AuditEntryType], {
    description: 'Every state change: who, when, from, to, why',
  })
  async auditTrail(
    booking: BookingType,
    _args: unknown,
    { loaders }: GraphQLContext,
  ): Promise<AuditEntryType[]> {
    return (await loaders.bookingAudit.load(booking.id)).map(AuditEntryType.from);
  }
}

@Resolver(() => PendingChangeType)
export class PendingChangeResolver {
  @ResolveField(() => VenueType, { description: 'The venue asked for' })
  async venue(
    change: PendingChangeType,
    _args: unknown,
    { loaders }: GraphQLContext,
  ): Promise<VenueType> {
    const venue = await loaders.venue.load(change.venueId);
    if (!venue) throw new Error(`pending change asks for a missing venue ${change.venueId}`);
    return VenueType.from(venue);
  }
}

@Resolver(() => BusyBlockType)
export class BusyBlockResolver {
  @ResolveField(() => UserType, {
    nullable: true,
    description: 'Null for bookings the caller may not see',
  })
  async organizer(
    block: BusyBlockType,
    _args: unknown,
    { loaders }: GraphQLContext,
  ): Promise<UserType | null> {
    const user = block.organizerId ? await loaders.user.load(block.organizerId) : undefined;
    return user ? UserType.from(user) : null;
  }
}

@Resolver(() => AuditEntryType)
export class AuditEntryResolver {
  @ResolveField(() => UserType, { nullable: true, description: 'Null when the system acted' })
  async actor(
    entry: AuditEntryType,
    _args: unknown,
    { loaders }: GraphQLContext,
  ): Promise<UserType | null> {
    const user = entry.actorId ? await loaders.user.load(entry.actorId) : undefined;
    return user ? UserType.from(user) : null;
  }
}
