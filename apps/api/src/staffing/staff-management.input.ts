import { Field, InputType, Int, OmitType, PartialType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsEmail,
  IsEnum,
  IsInt,
  IsOptional,
  Matches,
  Max,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { SecuritySkill, StaffKind } from '@app/staffing';
import { LanguagePairFields } from '../common/language-pair.input';
import { TextField } from '../common/text';

const CLOCK = /^\d{2}:\d{2}$/;

@InputType()
export class LanguagePairInput extends LanguagePairFields {}

@InputType()
export class WeeklyAvailabilityInput {
  @Field(() => Int, { description: 'ISO weekday, 1 = Monday' })
  @IsInt()
  @Min(1)
  @Max(7)
  weekday: number;

  @TextField(5, { description: '"HH:mm" in the staff member’s time zone' })
  @Matches(CLOCK, { message: 'from must be "HH:mm"' })
  from: string;

  @TextField(5, { description: '"HH:mm"; earlier than from: the next day; "24:00": midnight' })
  @Matches(CLOCK, { message: 'until must be "HH:mm"' })
  until: string;
}

@InputType({
  description:
    'Interpreters: accreditationLevel and languagePairs; officers: unit, clearanceLevel and skills',
})
export class CreateStaffMemberInput {
  @Field(() => StaffKind)
  @IsEnum(StaffKind)
  kind: StaffKind;

  @TextField(254, { description: 'Their sign-in e-mail' })
  @IsEmail()
  email: string;

  @TextField(128)
  @MinLength(8)
  password: string;

  @TextField(100)
  @MinLength(1)
  nameZh: string;

  @TextField(100)
  @MinLength(1)
  nameEn: string;

  @Field(() => Int, { nullable: true, description: 'Interpreters: 1 (junior) to 3 (senior)' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(3)
  accreditationLevel?: number | null;

  @Field(() => [LanguagePairInput], { nullable: true, description: 'Interpreters' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => LanguagePairInput)
  languagePairs?: LanguagePairInput[];

  @TextField(200, { nullable: true, description: 'Officers: their unit' })
  @MinLength(1)
  unit?: string | null;

  @Field(() => Int, { nullable: true, description: 'Officers: 1 to 3' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(3)
  clearanceLevel?: number | null;

  @Field(() => [SecuritySkill], { nullable: true, description: 'Officers' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(Object.keys(SecuritySkill).length)
  @IsEnum(SecuritySkill, { each: true })
  skills?: SecuritySkill[];

  @Field(() => Int, { description: '1 to 16' })
  @IsInt()
  @Min(1)
  @Max(16)
  maxHoursPerDay: number;

  @TextField(64, {
    defaultValue: 'Asia/Shanghai',
    description: 'IANA time zone of their availability',
  })
  timeZone?: string;

  @Field(() => [WeeklyAvailabilityInput], { defaultValue: [] })
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => WeeklyAvailabilityInput)
  weeklyAvailability?: WeeklyAvailabilityInput[];
}

/** Every profile field optional, without defaults; a list that is given replaces the old one. */
@InputType()
export class UpdateStaffMemberInput extends PartialType(
  OmitType(CreateStaffMemberInput, ['kind', 'email', 'password'] as const),
  { omitDefaultValues: true },
) {}
