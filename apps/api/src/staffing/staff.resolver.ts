import { Inject } from '@nestjs/common';
import { Args, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { Actor, CurrentActor } from '@app/auth';
import { APP_CONFIG, AppConfig } from '@app/config';
import { assertMaySeeStaffSchedule, SecuritySkill, StaffDirectoryService } from '@app/staffing';
import { formatClock } from '@app/venues';
import {
  LanguagePairType,
  StaffConnection,
  StaffFilterInput,
  StaffLeaveType,
  StaffMemberType,
  WeeklyAvailabilityType,
} from './staff.type';
import { Connection, ConnectionArgs, pageRequest, toConnection } from '../common/connection';
import { Ctx, GraphQLContext } from '../graphql/graphql-context';

@Resolver(() => StaffMemberType)
export class StaffResolver {
  constructor(
    private readonly directory: StaffDirectoryService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Query(() => StaffConnection, { description: 'The interpreter and security officer pools' })
  async staff(
    @CurrentActor() actor: Actor,
    // Declared as the class (not `| undefined`) so the validation pipe sees it; left out, it is {}.
    @Args('filter', { type: () => StaffFilterInput, nullable: true }) filter: StaffFilterInput,
    @Args() paging: ConnectionArgs,
  ): Promise<Connection<StaffMemberType>> {
    const page = pageRequest(paging, this.config.graphql.maxPageSize);
    return toConnection(await this.directory.list(actor, filter, page), StaffMemberType.from);
  }

  @ResolveField(() => [LanguagePairType], { description: 'Interpreters: directions and modes' })
  async languagePairs(
    staff: StaffMemberType,
    _args: unknown,
    { loaders }: GraphQLContext,
  ): Promise<LanguagePairType[]> {
    return (await loaders.staffLanguagePairs.load(staff.id)).map((p) => ({
      from: p.languageFrom,
      to: p.languageTo,
      mode: p.mode,
    }));
  }

  @ResolveField(() => [SecuritySkill], { description: 'Officers: skills' })
  async skills(
    staff: StaffMemberType,
    _args: unknown,
    { loaders }: GraphQLContext,
  ): Promise<SecuritySkill[]> {
    return (await loaders.staffSkills.load(staff.id)).map((s) => s.skill);
  }

  @ResolveField(() => [WeeklyAvailabilityType], { description: 'Open to planners and the person' })
  async weeklyAvailability(
    @Parent() staff: StaffMemberType,
    @CurrentActor() actor: Actor,
    @Ctx() { loaders }: GraphQLContext,
  ): Promise<WeeklyAvailabilityType[]> {
    assertMaySeeStaffSchedule(actor, staff);
    return (await loaders.staffAvailability.load(staff.id)).map((a) => ({
      weekday: a.weekday,
      from: formatClock(a.fromMinute),
      until: formatClock(a.untilMinute),
    }));
  }

  @ResolveField(() => [StaffLeaveType], { description: 'Open to planners and the person' })
  async leave(
    @Parent() staff: StaffMemberType,
    @CurrentActor() actor: Actor,
    @Ctx() { loaders }: GraphQLContext,
  ): Promise<StaffLeaveType[]> {
    assertMaySeeStaffSchedule(actor, staff);
    return (await loaders.staffLeave.load(staff.id)).map(StaffLeaveType.from);
  }
}
