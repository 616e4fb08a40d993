import { Field, ID, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { IsEnum, IsInt, IsOptional, Max, Min } from 'class-validator';
import { InterpretationMode } from '@app/bookings';
import { SecuritySkill, StaffKind, StaffLeaveEntity, StaffMemberEntity } from '@app/staffing';
import { ConnectionOf } from '../common/connection';
import { TextField } from '../common/text';

registerEnumType(StaffKind, { name: 'StaffKind' });
registerEnumType(SecuritySkill, { name: 'SecuritySkill' });

@ObjectType('LanguagePair')
export class LanguagePairType {
  @Field({ description: 'BCP 47' })
  from: string;

  @Field({ description: 'BCP 47' })
  to: string;

  @Field(() => InterpretationMode)
  mode: InterpretationMode;
}

@ObjectType('WeeklyAvailability', {
  description: 'In the staff member’s time zone; until before from: the next day',
})
export class WeeklyAvailabilityType {
  @Field(() => Int)
  weekday: number;

  @Field()
  from: string;

  @Field()
  until: string;
}

@ObjectType('StaffLeave')
export class StaffLeaveType {
  @Field(() => ID)
  id: string;

  @Field()
  startsAt: Date;

  @Field()
  endsAt: Date;

  @Field()
  reason: string;

  static from({ id, startsAt, endsAt, reason }: StaffLeaveEntity): StaffLeaveType {
    return { id, startsAt, endsAt, reason };
  }
}

@ObjectType('StaffMember')
export class StaffMemberType {
  @Field(() => ID)
  id: string;

  @Field(() => StaffKind)
  kind: StaffKind;

  @Field()
  nameZh: string;

  @Field()
  nameEn: string;

  @Field(() => Int, { nullable: true, description: 'Interpreters: accreditation 1 to 3' })
  accreditationLevel: number | null;

  @Field(() => String, { nullable: true, description: 'Officers: their unit' })
  unit: string | null;

  @Field(() => Int, { nullable: true, description: 'Officers: clearance 1 to 3' })
  clearanceLevel: number | null;

  @Field(() => Int)
  maxHoursPerDay: number;

  @Field()
  timeZone: string;

  @Field({ description: 'In the pool; inactive staff get no new assignments' })
  active: boolean;

  /** Their sign-in account: not in the schema, it lets them see their own schedule. */
  userId: string;

  static from(entity: StaffMemberEntity): StaffMemberType {
    const {
      id,
      kind,
      nameZh,
      nameEn,
      accreditationLevel,
      unit,
      clearanceLevel,
      maxHoursPerDay,
      timeZone,
      active,
      userId,
    } = entity;
    return {
      id,
      kind,
      nameZh,
      nameEn,
      accreditationLevel,
      unit,
      clearanceLevel,
      maxHoursPerDay,
      timeZone,
      active,
      userId,
    };
  }
}

export const StaffConnection = ConnectionOf(StaffMemberType, 'Staff');

@InputType('StaffFilter')
export class StaffFilterInput {
  @Field(() => StaffKind, { nullable: true })
  @IsOptional()
  @IsEnum(StaffKind)
  kind?: StaffKind;

  @TextField(35, { nullable: true, description: 'Works from or into this language (BCP 47)' })
  language?: string;

  @Field(() => InterpretationMode, { nullable: true })
  @IsOptional()
  @IsEnum(InterpretationMode)
  mode?: InterpretationMode;

  @Field(() => Int, { nullable: true })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(3)
  minClearance?: number;

  @TextField(100, { nullable: true })
  text?: string;
}
