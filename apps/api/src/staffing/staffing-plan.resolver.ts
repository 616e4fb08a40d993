import { Args, ID, Mutation, Resolver } from '@nestjs/graphql';
import { Actor, CurrentActor, Role, Roles } from '@app/auth';
import { StaffingPlannerService } from '@app/staffing';
import { StaffingPlanResultType } from './staffing-plan.type';
import { IdPipe } from '../common/id.pipe';

@Resolver(() => StaffingPlanResultType)
export class StaffingPlanResolver {
  constructor(private readonly planner: StaffingPlannerService) {}

  @Roles(Role.DISTRICT_ADMIN, Role.SECURITY_COORDINATOR)
  @Mutation(() => StaffingPlanResultType, {
    description:
      'Fills the open requirements of approved bookings in the window (at most 31 days), keeping what it can',
  })
  async planStaffing(
    @CurrentActor() actor: Actor,
    @Args('from') from: Date,
    @Args('to') to: Date,
  ): Promise<StaffingPlanResultType> {
    return StaffingPlanResultType.from(await this.planner.planWindow(actor, from, to));
  }

  @Roles(Role.DISTRICT_ADMIN, Role.SECURITY_COORDINATOR)
  @Mutation(() => StaffingPlanResultType, {
    description: "Fills one approved booking's requirements",
  })
  async autoStaffBooking(
    @CurrentActor() actor: Actor,
    @Args('bookingId', { type: () => ID }, IdPipe) bookingId: string,
  ): Promise<StaffingPlanResultType> {
    return StaffingPlanResultType.from(await this.planner.planBooking(actor, bookingId));
  }
}
