import { Args, ID, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { Actor, CurrentActor } from '@app/auth';
import { StaffingRequirementsService } from '@app/staffing';
import { BookingType } from '../bookings/booking.type';
import { IdPipe } from '../common/id.pipe';
import { AssignmentType } from './assignment.type';
import { StaffingRequirementType } from './staffing-requirement.type';
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

  @ResolveField(() => [AssignmentType])
  async assignments(
    @Parent() requirement: StaffingRequirementType,
    @Ctx() { loaders }: GraphQLContext,
  ): Promise<AssignmentType[]> {
    return (await loaders.requirementAssignments.load(requirement.id)).map(AssignmentType.from);
  }

  @ResolveField(() => BookingType)
  booking(
    @Parent() requirement: StaffingRequirementType,
    @CurrentActor() actor: Actor,
  ): Promise<BookingType> {
    return this.requirements.bookingOf(actor, requirement.bookingId).then(BookingType.from);
  }
}
