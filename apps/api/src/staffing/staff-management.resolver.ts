import { Args, ID, Mutation, Resolver } from '@nestjs/graphql';
import { Actor, CurrentActor, Role, Roles } from '@app/auth';
import { StaffManagementService } from '@app/staffing';
import { CreateStaffMemberInput, UpdateStaffMemberInput } from './staff-management.input';
import { StaffLeaveType, StaffMemberType } from './staff.type';
import { IdPipe } from '../common/id.pipe';
import { ReasonArg } from '../common/text';

/** The pools' upkeep; which kinds a caller may manage is decided in StaffManagementService. */
@Roles(Role.DISTRICT_ADMIN, Role.SECURITY_COORDINATOR)
@Resolver(() => StaffMemberType)
export class StaffManagementResolver {
  constructor(private readonly staff: StaffManagementService) {}

  @Mutation(() => StaffMemberType, {
    description:
      'Creates the person’s account and staff profile together (interpreters: district admin only)',
  })
  async createStaffMember(
    @CurrentActor() actor: Actor,
    @Args('input') input: CreateStaffMemberInput,
  ): Promise<StaffMemberType> {
    return StaffMemberType.from(await this.staff.create(actor, input));
  }

  @Mutation(() => StaffMemberType, {
    description: 'Changes what is given; language pairs, skills and availability are replaced',
  })
  async updateStaffMember(
    @CurrentActor() actor: Actor,
    @Args('id', { type: () => ID }, IdPipe) id: string,
    @Args('input') input: UpdateStaffMemberInput,
  ): Promise<StaffMemberType> {
    return StaffMemberType.from(await this.staff.update(actor, id, input));
  }

  @Mutation(() => StaffMemberType, {
    description: 'Takes a person out of the pool (no new assignments) or back in',
  })
  async setStaffActive(
    @CurrentActor() actor: Actor,
    @Args('id', { type: () => ID }, IdPipe) id: string,
    @Args('active') active: boolean,
  ): Promise<StaffMemberType> {
    return StaffMemberType.from(await this.staff.setActive(actor, id, active));
  }

  @Mutation(() => StaffLeaveType)
  async addStaffLeave(
    @CurrentActor() actor: Actor,
    @Args('staffId', { type: () => ID }, IdPipe) staffId: string,
    @Args('startsAt') startsAt: Date,
    @Args('endsAt') endsAt: Date,
    @ReasonArg() reason: string,
  ): Promise<StaffLeaveType> {
    return StaffLeaveType.from(await this.staff.addLeave(actor, staffId, startsAt, endsAt, reason));
  }

  @Mutation(() => StaffLeaveType, { description: 'Answers with the leave it removed' })
  async removeStaffLeave(
    @CurrentActor() actor: Actor,
    @Args('id', { type: () => ID }, IdPipe) id: string,
  ): Promise<StaffLeaveType> {
    return StaffLeaveType.from(await this.staff.removeLeave(actor, id));
  }
}
