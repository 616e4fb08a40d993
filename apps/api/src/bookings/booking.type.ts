import { Field, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import {
  ApprovalStage,
  Seating,
  BookingAuditEntity,
  BookingEntity,
  BookingStatus,
  InterpretationMode,
  pendingChangeOf,
  ProtocolLevel,
} from '@app/bookings';
import { ConnectionOf } from '../common/connection';

registerEnumType(BookingStatus, { name: 'BookingStatus' });
registerEnumType(ProtocolLevel, { name: 'ProtocolLevel' });
registerEnumType(Seating, {
  name: 'Seating',
  description: 'How attendees are counted against a venue: in seats, or standing',
});
registerEnumType(InterpretationMode, { name: 'InterpretationMode' });
registerEnumType(ApprovalStage, {
  name: 'ApprovalStage',
  description: 'Whose decision a pending booking waits for',
});

@ObjectType('InterpretationNeed')
export class InterpretationNeedType {
  @Field({ description: 'BCP 47 language code' })
  from: string;

  @Field({ description: 'BCP 47 language code' })
  to: string;

  @Field(() => InterpretationMode)
  mode: InterpretationMode;
}

@ObjectType('FieldChange', { description: 'One field a change changed; times in ISO 8601 (UTC)' })
export class FieldChangeType {
  @Field()
  field: string;

  @Field(() => String, { nullable: true })
  from: string | null;

  @Field(() => String, { nullable: true })
  to: string | null;
}

@ObjectType('AuditEntry')
export class AuditEntryType {
  @Field()
  at: Date;

  /** For the actor field resolver; null when the system acted. */
  actorId: string | null;

  @Field()
  action: string;

  @Field(() => BookingStatus, { nullable: true })
  fromStatus: BookingStatus | null;

  @Field(() => BookingStatus)
  toStatus: BookingStatus;

  @Field(() => String, {
    nullable: true,
    description: 'Why (a rejection or cancellation), or the approver’s comment',
  })
  reason: string | null;

  @Field(() => [FieldChangeType], { description: 'What a move changed, with old and new values' })
  changes: FieldChangeType[];

  @Field(() => ApprovalStage, {
    nullable: true,
    description: 'The step the district took for a subdistrict; null for the approver’s own',
  })
  onBehalfOf: ApprovalStage | null;

  static from(entry: BookingAuditEntity): AuditEntryType {
    const { at, actorId, action, fromStatus, toStatus, reason, changes, onBehalfOf } = entry;
    return Object.assign(new AuditEntryType(), {
      at,
      actorId,
      action,
      fromStatus,
      toStatus,
      reason,
      changes,
      onBehalfOf,
    });
  }
}

@ObjectType('PendingChange', {
  description:
    'A move of an approved booking waiting for approval: the approved time stays in force, this one is held until the decision',
})
export class PendingChangeType {
  /** For the venue field resolver. */
  venueId: string;

  @Field()
  startsAt: Date;

  @Field()
  endsAt: Date;

  @Field()
  requestedAt: Date;
}

@ObjectType('Booking')
export class BookingType {
  @Field(() => ID)
  id: string;

  venueId: string;
  organizerId: string;

  @Field()
  title: string;

  @Field(() => String, { nullable: true })
  description: string | null;

  @Field()
  startsAt: Date;

  @Field()
  endsAt: Date;

  @Field({ description: 'startsAt minus the venue’s setup buffer: the venue is held from here' })
  occupiedFrom: Date;

  @Field({ description: 'endsAt plus the teardown buffer (exclusive)' })
  occupiedUntil: Date;

  @Field(() => BookingStatus)
  status: BookingStatus;

  @Field(() => ApprovalStage, {
    nullable: true,
    description: 'Whose decision the request, or the approved booking’s pending change, waits for',
  })
  approvalStage: ApprovalStage | null;

  @Field(() => PendingChangeType, { nullable: true })
  pendingChange: PendingChangeType | null;

  @Field(() => ProtocolLevel)
  protocolLevel: ProtocolLevel;

  @Field(() => Int)
  attendees: number;

  @Field(() => Int)
  foreignGuests: number;

  @Field(() => [String], { description: 'ISO 3166-1 alpha-2' })
  delegationCountries: string[];

  @Field(() => [InterpretationNeedType])
  interpretation: InterpretationNeedType[];

  @Field(() => Date, { nullable: true })
  holdExpiresAt: Date | null;

  @Field(() => Int)
  version: number;

  @Field()
  createdAt: Date;

  @Field()
  updatedAt: Date;

  /** Field by field: an object rest over the entity cost some 40 times as much (a page has 50). */
  static from(booking: BookingEntity): BookingType {
    const type = new BookingType();
    type.id = booking.id;
    type.venueId = booking.venueId;
    type.organizerId = booking.organizerId;
    type.title = booking.title;
    type.description = booking.description;
    type.startsAt = booking.startsAt;
    type.endsAt = booking.endsAt;
    type.occupiedFrom = booking.occupiedFrom;
    type.occupiedUntil = booking.occupiedUntil;
    type.status = booking.status;
    type.approvalStage = booking.approvalStage;
    const change = pendingChangeOf(booking);
    type.pendingChange = change && Object.assign(new PendingChangeType(), change);
    type.protocolLevel = booking.protocolLevel;
    type.attendees = booking.attendees;
    type.foreignGuests = booking.foreignGuests;
    type.delegationCountries = booking.delegationCountries;
    type.interpretation = booking.interpretation;
    type.holdExpiresAt = booking.holdExpiresAt;
    type.version = booking.version;
    type.createdAt = booking.createdAt;
    type.updatedAt = booking.updatedAt;
    return type;
  }
}

export const BookingConnection = ConnectionOf(BookingType, 'Booking');

@ObjectType('BusyBlock', { description: 'Time a venue is taken, setup and teardown included' })
export class BusyBlockType {
  @Field({ description: 'BOOKING or BLACKOUT' })
  kind: string;

  @Field()
  startsAt: Date;

  @Field()
  endsAt: Date;

  @Field(() => BookingStatus, { nullable: true })
  status: BookingStatus | null;

  @Field(() => ID, { nullable: true, description: 'Null for bookings the caller may not see' })
  bookingId: string | null;

  @Field(() => String, { nullable: true, description: 'Null for bookings the caller may not see' })
  title: string | null;

  /** For the organizer field resolver. */
  organizerId: string | null;

  @Field(() => String, { nullable: true, description: 'Why a blackout' })
  reason: string | null;
}
