import { Field, ID, InputType, Int } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsDate,
  IsEnum,
  IsInt,
  IsOptional,
  IsString,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { BookingStatus, ProtocolLevel, Seating } from '@app/bookings';
import { LanguagePairFields } from '../common/language-pair.input';
import { TextField } from '../common/text';
import { IsEntityId } from '../common/validators';
import { FacilityInput } from '../venues/venue.input';

/** ISO 3166-1 alpha-2. */
const COUNTRY_CODE = 2;

@InputType()
export class AvailabilityInput {
  @Field()
  @IsDate()
  startsAt: Date;

  @Field()
  @IsDate()
  endsAt: Date;

  @Field(() => Int)
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  attendees: number;

  @Field(() => [FacilityInput], { nullable: true, description: 'Each at least the given count' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(12)
  @ValidateNested({ each: true })
  @Type(() => FacilityInput)
  facilities?: FacilityInput[];

  @Field(() => Int, { nullable: true })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(3)
  minSecurityLevel?: number;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsEntityId()
  subdistrictId?: string;

  @Field(() => Seating, {
    nullable: true,
    defaultValue: Seating.SEATED,
    description: 'SEATED counts seats; STANDING the larger of seats and standing room',
  })
  @IsOptional()
  @IsEnum(Seating)
  seating?: Seating;

  @Field(() => ProtocolLevel, {
    nullable: true,
    description: 'Leaves out venues below the security level the protocol level needs',
  })
  @IsOptional()
  @IsEnum(ProtocolLevel)
  protocolLevel?: ProtocolLevel;
}

@InputType()
export class InterpretationNeedInput extends LanguagePairFields {}

@InputType()
export class BookingRequestInput {
  @Field(() => ID)
  @IsEntityId()
  venueId: string;

  @Field()
  @IsDate()
  startsAt: Date;

  @Field()
  @IsDate()
  endsAt: Date;

  @TextField(200)
  @MinLength(1)
  title: string;

  @TextField(4000, { nullable: true })
  description?: string | null;

  @Field(() => Int)
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  attendees: number;

  @Field(() => Int, { defaultValue: 0 })
  @IsInt()
  @Min(0)
  @Max(1_000_000)
  foreignGuests?: number;

  @Field(() => [String], {
    defaultValue: [],
    description: `ISO 3166-1 alpha-2 codes (each at most ${COUNTRY_CODE} characters)`,
  })
  @IsArray()
  @ArrayMaxSize(60)
  @IsString({ each: true })
  @MaxLength(COUNTRY_CODE, {
    each: true,
    message: 'each delegation country is a two-letter ISO 3166-1 code, e.g. FR',
  })
  delegationCountries?: string[];

  @Field(() => [InterpretationNeedInput], { defaultValue: [] })
  @IsArray()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => InterpretationNeedInput)
  interpretation?: InterpretationNeedInput[];

  @Field(() => ProtocolLevel, { defaultValue: ProtocolLevel.STANDARD })
  @IsEnum(ProtocolLevel)
  protocolLevel?: ProtocolLevel;

  @Field({ defaultValue: false, description: 'true: a HELD booking that expires unless submitted' })
  @IsBoolean()
  hold?: boolean;
}

@InputType('BookingFilter')
export class BookingFilterInput {
  @Field(() => BookingStatus, { nullable: true })
  @IsOptional()
  @IsEnum(BookingStatus)
  status?: BookingStatus;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsEntityId()
  venueId?: string;

  @Field({ nullable: true, description: 'Bookings ending after this' })
  @IsOptional()
  @IsDate()
  from?: Date;

  @Field({ nullable: true, description: 'Bookings starting before this' })
  @IsOptional()
  @IsDate()
  to?: Date;
}
