import {
  Field,
  ID,
  InputType,
  Int,
  OmitType,
  PartialType,
  registerEnumType,
} from '@nestjs/graphql';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
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
import { Facility, VenueChanges, VenueKind, VenueStatus } from '@app/venues';
import { apiMessages } from '../common/api.messages';
import { TextField } from '../common/text';
import { IsEntityId } from '../common/validators';
import { ApiInputError } from '../graphql/error-codes';

const CLOCK = /^\d{2}:\d{2}$/;

@InputType()
export class FacilityInput {
  @Field(() => Facility)
  @IsEnum(Facility)
  type: Facility;

  @Field(() => Int, { nullable: true, description: 'How many (booths, headsets, ...); default 1' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(100_000)
  count?: number;
}

@InputType()
export class OpeningHoursInput {
  @Field(() => Int, { description: 'ISO weekday, 1 = Monday' })
  @IsInt()
  @Min(1)
  @Max(7)
  weekday: number;

  @TextField(5, { description: '"HH:mm" local time' })
  @Matches(CLOCK, { message: 'opens must be "HH:mm"' })
  opens: string;

  @TextField(5, {
    description: '"HH:mm" local time; earlier than opens: the next day; "24:00": midnight',
  })
  @Matches(CLOCK, { message: 'closes must be "HH:mm"' })
  closes: string;
}

@InputType()
export class RegisterVenueInput {
  @Field(() => ID)
  @IsEntityId()
  subdistrictId: string;

  @TextField(200)
  @MinLength(1)
  nameZh: string;

  @TextField(200)
  @MinLength(1)
  nameEn: string;

  @TextField(500)
  @MinLength(1)
  addressZh: string;

  @TextField(500)
  @MinLength(1)
  addressEn: string;

  @Field(() => VenueKind)
  @IsEnum(VenueKind)
  kind: VenueKind;

  @Field(() => Int)
  @IsInt()
  @Min(1)
  @Max(100_000)
  seatedCapacity: number;

  @Field(() => Int, { nullable: true })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(200_000)
  standingCapacity?: number | null;

  @Field(() => [FacilityInput])
  @IsArray()
  @ArrayMaxSize(Object.keys(Facility).length)
  @ValidateNested({ each: true })
  @Type(() => FacilityInput)
  facilities: FacilityInput[];

  @Field(() => Int, { description: '1 to 3' })
  @IsInt()
  @Min(1)
  @Max(3)
  securityLevel: number;

  @TextField(64, { defaultValue: 'Asia/Shanghai', description: 'IANA time zone' })
  timeZone?: string;

  @Field(() => [OpeningHoursInput])
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => OpeningHoursInput)
  openingHours: OpeningHoursInput[];

  @Field(() => Int, { defaultValue: 0 })
  @IsInt()
  @Min(0)
  @Max(1440)
  setupMinutes?: number;

  @Field(() => Int, { defaultValue: 0 })
  @IsInt()
  @Min(0)
  @Max(1440)
  teardownMinutes?: number;

  @Field(() => Int, { defaultValue: 0 })
  @IsInt()
  @Min(0)
  @Max(8760)
  minNoticeHours?: number;

  @Field(() => Int, { defaultValue: 365 })
  @IsInt()
  @Min(1)
  @Max(1095)
  maxAdvanceDays?: number;

  @Field(() => Int, { defaultValue: 30 })
  @IsInt()
  @Min(5)
  @Max(1440)
  minDurationMinutes?: number;

  @Field(() => Int, { defaultValue: 720 })
  @IsInt()
  @Min(5)
  @Max(10_080)
  maxDurationMinutes?: number;

  @Field({ defaultValue: true })
  @IsBoolean()
  requiresApproval?: boolean;

  @TextField(200, { nullable: true })
  @MinLength(1)
  contactName?: string | null;

  @TextField(40, { nullable: true })
  @Matches(/^\+?[0-9][0-9 ()-]{2,38}$/, { message: 'contactPhone must be a phone number' })
  contactPhone?: string | null;

  @TextField(254, { nullable: true })
  @IsEmail()
  contactEmail?: string | null;
}

/** The optional facts of a venue an edit can remove (null means "leave as it is"). */
export enum ClearableVenueField {
  STANDING_CAPACITY = 'standingCapacity',
  CONTACT_NAME = 'contactName',
  CONTACT_PHONE = 'contactPhone',
  CONTACT_EMAIL = 'contactEmail',
}
registerEnumType(ClearableVenueField, { name: 'ClearableVenueField' });

/** Every field optional and without defaults, so an edit changes only what it names. */
@InputType()
export class UpdateVenueInput extends PartialType(
  OmitType(RegisterVenueInput, ['subdistrictId'] as const),
  { omitDefaultValues: true },
) {
  @Field(() => [ClearableVenueField], {
    nullable: true,
    description: 'Optional facts to remove; a field left out or null stays as it is',
  })
  @IsOptional()
  @IsArray()
  @IsEnum(ClearableVenueField, { each: true })
  clear?: ClearableVenueField[];
}

/** An edit as the venues lib takes it: the fields named in `clear` set to null. */
export function venueChangesOf({ clear = [], ...changes }: UpdateVenueInput): VenueChanges {
  const cleared: VenueChanges = {};
  for (const field of clear) {
    if (changes[field] !== undefined)
      throw new ApiInputError('clear', apiMessages.givenAndCleared(field));
    cleared[field] = null;
  }
  return { ...changes, ...cleared };
}

@InputType('VenueFilter')
export class VenueFilterInput {
  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsEntityId()
  subdistrictId?: string;

  @Field(() => VenueKind, { nullable: true })
  @IsOptional()
  @IsEnum(VenueKind)
  kind?: VenueKind;

  @Field(() => VenueStatus, { nullable: true })
  @IsOptional()
  @IsEnum(VenueStatus)
  status?: VenueStatus;

  @Field(() => Int, { nullable: true, description: 'Seated capacity at least' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(1_000_000)
  minCapacity?: number;

  @Field(() => [Facility], { nullable: true, description: 'Has every one of these' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(Object.keys(Facility).length)
  @IsEnum(Facility, { each: true })
  facilities?: Facility[];

  @Field(() => Int, { nullable: true })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(3)
  minSecurityLevel?: number;

  @TextField(200, {
    nullable: true,
    description: 'Matches the name or address, in Chinese or English',
  })
  text?: string;
}
