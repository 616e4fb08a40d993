import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { RatingEntity } from '@app/reports';

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
