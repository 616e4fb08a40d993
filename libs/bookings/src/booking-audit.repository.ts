import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { insertEntities, writeOutbox } from '@app/database';
import { BookingAuditEntity, FieldChange } from './booking-audit.entity';
import { ApprovalStage, BookingStatus } from './booking-enums';
import { BookingPlace } from './booking-transition';
import { BookingEntity } from './booking.entity';

export interface BookingChange {
  booking: BookingEntity;
  actorId: string | null;
  action: string;
  from: BookingStatus | null;
  reason?: string | null;
  changes?: FieldChange[];
  onBehalfOf?: ApprovalStage | null;
  /** Where a moved booking was before (for the notices that say what no longer holds). */
  previous?: BookingPlace | null;
}

/**
 * Records every state change twice, in the change's own transaction: in the audit trail (who,
 * when, from, to, why) and as an outbox event for notifications to pick up.
 */
@Injectable()
export class BookingAuditRepository {
  async record(manager: EntityManager, change: BookingChange): Promise<void> {
    const { booking } = change;
    const at = new Date();
    await insertEntities(manager, BookingAuditEntity, [
      Object.assign(new BookingAuditEntity(), {
        bookingId: booking.id,
        at,
        actorId: change.actorId,
        action: change.action,
        fromStatus: change.from,
        toStatus: booking.status,
        reason: change.reason ?? null,
        changes: change.changes ?? [],
        onBehalfOf: change.onBehalfOf ?? null,
      }),
    ]);
    await writeOutbox(manager, [
      {
        aggregateType: 'booking',
        aggregateId: booking.id,
        eventType: `booking.${change.action}`,
        payload: {
          bookingId: booking.id,
          version: booking.version,
          venueId: booking.venueId,
          organizerId: booking.organizerId,
          from: change.from,
          to: booking.status,
          startsAt: booking.startsAt.toISOString(),
          endsAt: booking.endsAt.toISOString(),
          protocolLevel: booking.protocolLevel,
          actorId: change.actorId,
          reason: change.reason ?? null,
          approvalStage: booking.approvalStage,
          previous: change.previous
            ? {
                venueId: change.previous.venueId,
                startsAt: change.previous.startsAt.toISOString(),
                endsAt: change.previous.endsAt.toISOString(),
              }
            : null,
        },
      },
    ]);
  }
}
