import { Field, ID, InputType, Int, ObjectType } from '@nestjs/graphql';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { RatingEntity } from '@app/reports';

@InputType()
export class RatingInput {
  @Field(() => Int, { description: '1 to 5' })
  @IsInt()
  @Min(1)
  @Max(5)
  facilities: number;

  @Field(() => Int, { nullable: true, description: '1 to 5; leave out where none was needed' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(5)
  interpretation?: number | null;

  @Field(() => Int, { nullable: true, description: '1 to 5' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(5)
  security?: number | null;

  @Field(() => Int, { description: '1 to 5' })
  @IsInt()
  @Min(1)
  @Max(5)
  overall: number;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  comment?: string | null;
}

@ObjectType('Rating')
export class RatingType {
  @Field(() => ID)
  id: string;

  /** For the booking field resolver. */
  bookingId: string;

  @Field(() => ID)
  venueId: string;

  @Field(() => Int)
  facilities: number;

  @Field(() => Int, { nullable: true })
  interpretation: number | null;

  @Field(() => Int, { nullable: true })
  security: number | null;

  @Field(() => Int)
  overall: number;

  @Field(() => String, { nullable: true })
  comment: string | null;

  @Field()
  createdAt: Date;

  static from(entity: RatingEntity): RatingType {
    const { organizerId: _organizer, ...fields } = entity;
    return Object.assign(new RatingType(), fields);
  }
}
