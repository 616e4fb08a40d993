import { Args, ID, Int, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { Actor, CurrentActor, Role, Roles } from '@app/auth';
import {
  StaffingError,
  StaffingErrorCode,
  staffingMessages,
  StaffingRequirementsService,
} from '@app/staffing';
import { AssignmentType } from './assignment.type';
import { StaffingRequirementType } from './staffing-requirement.type';
import { BookingType } from '../bookings/booking.type';
import { IdPipe } from '../common/id.pipe';
import { Ctx, GraphQLContext } from '../graphql/graphql-context';

@Resolver(() => StaffingRequirementType)
export class StaffingRequirementsResolver {
  constructor(private readonly requirements: StaffingRequirementsService) {}

  @Query(() => [StaffingRequirementType], {
    description: 'What an approved booking needs from the staff pools',
  })
  async staffingRequirements(
    @CurrentActor() actor: Actor,
    @Args('bookingId', { type: () => ID }, IdPipe) bookingId: string,
  ): Promise<StaffingRequirementType[]> {
    return (await this.requirements.forBooking(actor, bookingId)).map(StaffingRequirementType.from);
  }

  @Roles(Role.DISTRICT_ADMIN)
  @Mutation(() => StaffingRequirementType, {
    description: 'Sets a headcount by hand; it survives re-deriving',
  })
  async overrideStaffingRequirement(
    @CurrentActor() actor: Actor,
    @Args('id', { type: () => ID }, IdPipe) id: string,
    @Args('headcount', { type: () => Int }) headcount: number,
  ): Promise<StaffingRequirementType> {
    return StaffingRequirementType.from(await this.requirements.override(actor, id, headcount));
  }

  @ResolveField(() => [AssignmentType])
  async assignments(
    requirement: StaffingRequirementType,
    _args: unknown,
    { loaders }: GraphQLContext,
  ): Promise<AssignmentType[]> {
    return (await loaders.requirementAssignments.load(requirement.id)).map(AssignmentType.from);
  }

  @ResolveField(() => BookingType, {
    nullable: true,
    description:
      'Null, with an error on this field only, for a reader who may not see the booking (staff: see Assignment.event)',
  })
  async booking(
    @Parent() requirement: StaffingRequirementType,
    @CurrentActor() actor: Actor,
    @Ctx() { loaders }: GraphQLContext,
  ): Promise<BookingType> {
    const booking = await loaders.bookingFor(actor).load(requirement.bookingId);
    if (!booking) {
      throw new StaffingError(
        StaffingErrorCode.NOT_FOUND,
        staffingMessages.noBooking(requirement.bookingId),
      );
    }
    return BookingType.from(booking);
  }
}
