import { Field, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import {
  BlackoutEntity,
  Facility,
  formatClock,
  OpeningHoursEntity,
  VenueEntity,
  VenueFacilityEntity,
  VenueKind,
  VenueStatus,
} from '@app/venues';
import { ConnectionOf } from '../common/connection';

registerEnumType(VenueStatus, { name: 'VenueStatus' });
registerEnumType(VenueKind, { name: 'VenueKind' });
registerEnumType(Facility, { name: 'Facility' });

@ObjectType('VenueFacility')
export class VenueFacilityType {
  @Field(() => Facility)
  type: Facility;

  @Field(() => Int)
  count: number;

  static from(entity: VenueFacilityEntity): VenueFacilityType {
    return { type: entity.type, count: entity.count };
  }
}

@ObjectType('OpeningHours', {
  description: 'A weekly period in the venue’s local time; closes before opens: the next day',
})
export class OpeningHoursType {
  @Field(() => Int, { description: 'ISO weekday, 1 = Monday' })
  weekday: number;

  @Field({ description: '"HH:mm"' })
  opens: string;

  @Field({ description: '"HH:mm"; "24:00" is midnight at the end of the day' })
  closes: string;

  static from(entity: OpeningHoursEntity): OpeningHoursType {
    return {
      weekday: entity.weekday,
      opens: formatClock(entity.opensMinute),
      closes: formatClock(entity.closesMinute),
    };
  }
}

@ObjectType('Blackout')
export class BlackoutType {
  @Field(() => ID)
  id: string;

  @Field(() => ID)
  venueId: string;

  @Field()
  startsAt: Date;

  @Field()
  endsAt: Date;

  @Field()
  reason: string;

  @Field()
  createdAt: Date;

  static from(entity: BlackoutEntity): BlackoutType {
    const { id, venueId, startsAt, endsAt, reason, createdAt } = entity;
    return { id, venueId, startsAt, endsAt, reason, createdAt };
  }
}

@ObjectType('VenueContact')
export class VenueContactType {
  @Field(() => String, { nullable: true })
  name: string | null;

  @Field(() => String, { nullable: true })
  phone: string | null;

  @Field(() => String, { nullable: true })
  email: string | null;
}

@ObjectType('Venue')
export class VenueType {
  @Field(() => ID)
  id: string;

  /** For the subdistrict field resolver. */
  subdistrictId: string;

  @Field()
  nameZh: string;

  @Field()
  nameEn: string;

  @Field()
  addressZh: string;

  @Field()
  addressEn: string;

  @Field(() => VenueKind)
  kind: VenueKind;

  @Field(() => Int)
  seatedCapacity: number;

  @Field(() => Int, { nullable: true })
  standingCapacity: number | null;

  @Field(() => Int, { description: '1 (basic) to 3 (highest)' })
  securityLevel: number;

  @Field({ description: 'IANA time zone of the venue' })
  timeZone: string;

  @Field(() => Int)
  setupMinutes: number;

  @Field(() => Int)
  teardownMinutes: number;

  @Field(() => Int)
  minNoticeHours: number;

  @Field(() => Int)
  maxAdvanceDays: number;

  @Field(() => Int)
  minDurationMinutes: number;

  @Field(() => Int)
  maxDurationMinutes: number;

  @Field()
  requiresApproval: boolean;

  @Field(() => VenueContactType)
  contact: VenueContactType;

  @Field(() => VenueStatus)
  status: VenueStatus;

  @Field(() => String, { nullable: true, description: 'Why the venue was sent back or suspended' })
  statusReason: string | null;

  @Field(() => Int)
  version: number;

  @Field()
  createdAt: Date;

  @Field()
  updatedAt: Date;

  /** For the pendingChange field resolver: what waits for the district, by whom, since when. */
  pending: Pick<VenueEntity, 'pendingChange' | 'pendingChangeBy' | 'pendingChangeAt'>;

  /** Field by field: an object rest over the entity cost some 40 times as much (a page has 50). */
  static from(venue: VenueEntity): VenueType {
    const type = new VenueType();
    type.id = venue.id;
    type.subdistrictId = venue.subdistrictId;
    type.nameZh = venue.nameZh;
    type.nameEn = venue.nameEn;
    type.addressZh = venue.addressZh;
    type.addressEn = venue.addressEn;
    type.kind = venue.kind;
    type.seatedCapacity = venue.seatedCapacity;
    type.standingCapacity = venue.standingCapacity;
    type.securityLevel = venue.securityLevel;
    type.timeZone = venue.timeZone;
    type.setupMinutes = venue.setupMinutes;
    type.teardownMinutes = venue.teardownMinutes;
    type.minNoticeHours = venue.minNoticeHours;
    type.maxAdvanceDays = venue.maxAdvanceDays;
    type.minDurationMinutes = venue.minDurationMinutes;
    type.maxDurationMinutes = venue.maxDurationMinutes;
    type.requiresApproval = venue.requiresApproval;
    type.contact = {
      name: venue.contactName,
      phone: venue.contactPhone,
      email: venue.contactEmail,
    };
    type.status = venue.status;
    type.statusReason = venue.statusReason;
    type.version = venue.version;
    type.createdAt = venue.createdAt;
    type.updatedAt = venue.updatedAt;
    const { pendingChange, pendingChangeBy, pendingChangeAt } = venue;
    type.pending = { pendingChange, pendingChangeBy, pendingChangeAt };
    return type;
  }
}

export const VenueConnection = ConnectionOf(VenueType, 'Venue');
