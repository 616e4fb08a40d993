import { Field, ID, ObjectType } from '@nestjs/graphql';
import { BookingEntity } from '@app/bookings';
import { VenueEntity } from '@app/venues';

@ObjectType('EventVenue', { description: 'Where an assignment takes the person' })
export class EventVenueType {
  @Field(() => ID)
  id: string;

  @Field()
  nameZh: string;

  @Field()
  nameEn: string;

  @Field()
  addressZh: string;

  @Field()
  addressEn: string;
}

@ObjectType('AssignmentEvent', {
  description: 'The event an assignment is for, as its staff need it: what, when and where',
})
export class AssignmentEventType {
  @Field()
  title: string;

  @Field()
  startsAt: Date;

  @Field()
  endsAt: Date;

  @Field(() => EventVenueType)
  venue: EventVenueType;

  static from(booking: BookingEntity, venue: VenueEntity): AssignmentEventType {
    const { id, nameZh, nameEn, addressZh, addressEn } = venue;
    return Object.assign(new AssignmentEventType(), {
      title: booking.title,
      startsAt: booking.startsAt,
      endsAt: booking.endsAt,
      venue: Object.assign(new EventVenueType(), { id, nameZh, nameEn, addressZh, addressEn }),
    });
  }
}
