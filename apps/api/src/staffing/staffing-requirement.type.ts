import { Field, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { InterpretationMode } from '@app/bookings';
import {
  RequirementStatus,
  SecuritySkill,
  StaffingRequirementEntity,
  StaffKind,
} from '@app/staffing';

registerEnumType(RequirementStatus, { name: 'RequirementStatus' });

@ObjectType('StaffingRequirement')
export class StaffingRequirementType {
  @Field(() => ID)
  id: string;

  bookingId: string;

  @Field(() => StaffKind)
  kind: StaffKind;

  @Field()
  startsAt: Date;

  @Field()
  endsAt: Date;

  @Field(() => Int)
  headcount: number;

  @Field(() => String, { nullable: true })
  languageFrom: string | null;

  @Field(() => String, { nullable: true })
  languageTo: string | null;

  @Field(() => InterpretationMode, { nullable: true })
  mode: InterpretationMode | null;

  @Field(() => Int, { nullable: true })
  minClearance: number | null;

  @Field(() => SecuritySkill, { nullable: true })
  skill: SecuritySkill | null;

  @Field({ description: 'The district admin set the headcount by hand' })
  overridden: boolean;

  @Field(() => RequirementStatus)
  status: RequirementStatus;

  static from(entity: StaffingRequirementEntity): StaffingRequirementType {
    const {
      ruleKey: _rule,
      derivedFromVersion: _version,
      createdAt: _c,
      updatedAt: _u,
      ...fields
    } = entity;
    return Object.assign(new StaffingRequirementType(), fields);
  }
}
