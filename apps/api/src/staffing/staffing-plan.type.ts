import { Field, Float, Int, ObjectType } from '@nestjs/graphql';
import { StaffingPlanResult } from '@app/staffing';
import { AssignmentType } from './assignment.type';
import { StaffingRequirementType } from './staffing-requirement.type';

@ObjectType('UnfilledRequirement')
export class UnfilledRequirementType {
  @Field(() => StaffingRequirementType)
  requirement: StaffingRequirementType;

  @Field(() => Int, { description: 'Places left empty' })
  missing: number;

  @Field({ description: 'Why, e.g. no interpreter with zh→ar SIMULTANEOUS free then' })
  reason: string;
}

@ObjectType('StaffingPlanStatistics')
export class StaffingPlanStatisticsType {
  @Field(() => Int, { description: 'Places the planned requirements ask for' })
  places: number;

  @Field(() => Int, { description: 'Places filled after the plan' })
  covered: number;

  @Field(() => Int, { description: 'Proven upper bound on the places any plan could fill' })
  bound: number;

  @Field({ description: 'The solver proved the plan optimal' })
  optimal: boolean;

  @Field(() => Float)
  millis: number;
}

@ObjectType('StaffingPlanResult')
export class StaffingPlanResultType {
  @Field(() => [AssignmentType], { description: 'New assignments, proposed to their staff' })
  assigned: AssignmentType[];

  @Field(() => [AssignmentType], { description: 'Existing assignments the plan keeps' })
  kept: AssignmentType[];

  @Field(() => [AssignmentType], {
    description: 'Existing assignments the plan cancelled, with the reason',
  })
  changed: AssignmentType[];

  @Field(() => [UnfilledRequirementType])
  unfilled: UnfilledRequirementType[];

  @Field(() => StaffingPlanStatisticsType)
  statistics: StaffingPlanStatisticsType;

  static from(result: StaffingPlanResult): StaffingPlanResultType {
    return {
      assigned: result.assigned.map(AssignmentType.from),
      kept: result.kept.map(AssignmentType.from),
      changed: result.changed.map(AssignmentType.from),
      unfilled: result.unfilled.map(({ requirement, missing, reason }) => ({
        requirement: StaffingRequirementType.from(requirement),
        missing,
        reason,
      })),
      statistics: result.statistics,
    };
  }
}
