import { Args, ID, Mutation, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { Actor, CurrentActor, Role, Roles } from '@app/auth';
import { AssignmentService, StaffingPlannerService } from '@app/staffing';
import { AssignmentEventType } from './assignment-event.type';
import { AssignmentType } from './assignment.type';
import { StaffMemberType } from './staff.type';
import { StaffingRequirementType } from './staffing-requirement.type';
import { IdPipe } from '../common/id.pipe';
import { ReasonArg } from '../common/text';
import { GraphQLContext } from '../graphql/graphql-context';

@Resolver(() => AssignmentType)
export class AssignmentsResolver {
  constructor(
    private readonly assignments: AssignmentService,
    private readonly planner: StaffingPlannerService,
  ) {}

  @Roles(Role.DISTRICT_ADMIN, Role.SECURITY_COORDINATOR)
  @Mutation(() => AssignmentType, {
    description: 'Assigns a person by hand; every hard constraint is checked',
  })
  async assignStaff(
    @CurrentActor() actor: Actor,
    @Args('requirementId', { type: () => ID }, IdPipe) requirementId: string,
    @Args('staffId', { type: () => ID }, IdPipe) staffId: string,
  ): Promise<AssignmentType> {
    return AssignmentType.from(await this.assignments.assign(actor, requirementId, staffId));
  }

  @Roles(Role.INTERPRETER, Role.SECURITY_OFFICER)
  @Mutation(() => AssignmentType, {
    description: 'The assigned person accepts, or declines with a reason (the place is replanned)',
  })
  async respondToAssignment(
    @CurrentActor() actor: Actor,
    @Args('id', { type: () => ID }, IdPipe) id: string,
    @Args('accept') accept: boolean,
    @ReasonArg({ nullable: true }) reason: string | undefined,
  ): Promise<AssignmentType> {
    return AssignmentType.from(await this.planner.respond(actor, id, accept, reason));
  }

  @Roles(Role.INTERPRETER, Role.SECURITY_OFFICER)
  @Mutation(() => AssignmentType, {
    description:
      'The assigned person gives back an accepted assignment (ACCEPTED → CANCELLED): the place opens again and the planners are told',
  })
  async withdrawFromAssignment(
    @CurrentActor() actor: Actor,
    @Args('id', { type: () => ID }, IdPipe) id: string,
    @ReasonArg() reason: string,
  ): Promise<AssignmentType> {
    return AssignmentType.from(await this.assignments.withdraw(actor, id, reason));
  }

  @Query(() => [AssignmentType], { description: 'The caller’s own assignments' })
  async myAssignments(
    @CurrentActor() actor: Actor,
    @Args('from', { type: () => Date, nullable: true }) from: Date | undefined,
    @Args('to', { type: () => Date, nullable: true }) to: Date | undefined,
  ): Promise<AssignmentType[]> {
    return (await this.assignments.mine(actor, from, to)).map(AssignmentType.from);
  }

  @ResolveField(() => StaffMemberType)
  async staff(
    assignment: AssignmentType,
    _args: unknown,
    { loaders }: GraphQLContext,
  ): Promise<StaffMemberType> {
    const member = await loaders.staffMember.load(assignment.staffId);
    if (!member)
      throw new Error(`assignment ${assignment.id} has no staff member ${assignment.staffId}`);
    return StaffMemberType.from(member);
  }

  @ResolveField(() => AssignmentEventType, {
    description:
      'What, when and where: readable by whoever can reach the assignment, the assigned person first',
  })
  async event(
    assignment: AssignmentType,
    _args: unknown,
    { loaders }: GraphQLContext,
  ): Promise<AssignmentEventType> {
    const requirement = await loaders.requirement.load(assignment.requirementId);
    const booking = requirement && (await loaders.booking.load(requirement.bookingId));
    const venue = booking && (await loaders.venue.load(booking.venueId));
    if (!booking || !venue)
      throw new Error(`assignment ${assignment.id} has no booking or venue to show`);
    return AssignmentEventType.from(booking, venue);
  }

  @ResolveField(() => StaffingRequirementType)
  async requirement(
    assignment: AssignmentType,
    _args: unknown,
    { loaders }: GraphQLContext,
  ): Promise<StaffingRequirementType> {
    const requirement = await loaders.requirement.load(assignment.requirementId);
    if (!requirement)
      throw new Error(`assignment ${assignment.id} has no requirement ${assignment.requirementId}`);
    return StaffingRequirementType.from(requirement);
  }
}
