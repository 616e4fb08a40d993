import { Field, InputType, Int, OmitType, PartialType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsEmail,
  IsEnum,
  IsInt,
  IsOptional,
  IsString,
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { SecuritySkill, StaffKind } from '@app/staffing';
import { LanguagePairFields } from '../common/language-pair.input';

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

  @Field({ description: '"HH:mm" in the staff member’s time zone' })
  @Matches(CLOCK, { message: 'from must be "HH:mm"' })
  from: string;

  @Field({ description: '"HH:mm"; earlier than from: the next day; "24:00": midnight' })
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

  @Field({ description: 'Their sign-in e-mail' })
  @IsEmail()
  @MaxLength(254)
  email: string;

  @Field()
  @IsString()
  @Length(8, 128)
  password: string;

  @Field()
  @IsString()
  @Length(1, 100)
  nameZh: string;

  @Field()
  @IsString()
  @Length(1, 100)
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

  @Field(() => String, { nullable: true, description: 'Officers: their unit' })
  @IsOptional()
  @IsString()
  @Length(1, 200)
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

  @Field({ defaultValue: 'Asia/Shanghai', description: 'IANA time zone of their availability' })
  @IsString()
  @MaxLength(64)
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
