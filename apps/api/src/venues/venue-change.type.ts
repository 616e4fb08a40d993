import { Field, Int, ObjectType } from '@nestjs/graphql';
import {
  ProposedVenueValues,
  ReviewedValues,
  VenueAuditEntity,
  VenueFieldChange,
  VenueStatus,
} from '@app/venues';
import { VenueFacilityType } from './venue.type';
import { FieldChangeType } from '../bookings/booking.type';

@ObjectType('VenueChange', {
  description:
    'A change to the reviewed facts of a venue (security level, capacity, facilities) waiting ' +
    'for the district; the venue keeps its reviewed values until it is approved',
})
export class VenueChangeType {
  /** For the field resolvers: the venue and what the change proposes. */
  venueId: string;
  requestedById: string | null;
  proposed: ProposedVenueValues;

  @Field()
  requestedAt: Date;

  @Field(() => [FieldChangeType], { description: 'Each reviewed value, as it is and as asked' })
  changes: VenueFieldChange[];

  @Field(() => Int, { description: 'As it would be once approved' })
  securityLevel: number;

  @Field(() => Int, { description: 'As it would be once approved' })
  seatedCapacity: number;

  @Field(() => Int, { nullable: true, description: 'As it would be once approved' })
  standingCapacity: number | null;

  @Field(() => [VenueFacilityType], { description: 'As they would be once approved' })
  facilities: VenueFacilityType[];

  static from(
    venue: {
      id: string;
      pendingChange: ProposedVenueValues;
      pendingChangeBy: string | null;
      pendingChangeAt: Date | null;
    },
    after: ReviewedValues,
    changes: VenueFieldChange[],
  ): VenueChangeType {
    return Object.assign(new VenueChangeType(), {
      venueId: venue.id,
      requestedById: venue.pendingChangeBy,
      proposed: venue.pendingChange,
      requestedAt: venue.pendingChangeAt ?? new Date(0),
      changes,
      securityLevel: after.securityLevel,
      seatedCapacity: after.seatedCapacity,
      standingCapacity: after.standingCapacity,
      facilities: after.facilities,
    });
  }
}

@ObjectType('VenueAuditEntry', { description: 'One step or edit of a venue' })
export class VenueAuditEntryType {
  @Field()
  at: Date;

  /** For the actor field resolver. */
  actorId: string | null;

  @Field({
    description:
      'registered, updated, submitted, approved, rejected, suspended, reinstated, ' +
      'change-requested, change-withdrawn, change-approved, change-rejected',
  })
  action: string;

  @Field(() => VenueStatus, { nullable: true })
  fromStatus: VenueStatus | null;

  @Field(() => VenueStatus)
  toStatus: VenueStatus;

  @Field(() => String, { nullable: true })
  reason: string | null;

  @Field(() => [FieldChangeType], {
    description: 'What an edit changed, or what a change asks for, with old and new values',
  })
  changes: VenueFieldChange[];

  static from(entry: VenueAuditEntity): VenueAuditEntryType {
    const { at, actorId, action, fromStatus, toStatus, reason, changes } = entry;
    return Object.assign(new VenueAuditEntryType(), {
      at,
      actorId,
      action,
      fromStatus,
      toStatus,
      reason,
      changes,
    });
  }
}
