import { Injectable, Logger } from '@nestjs/common';
import { BookingStatus } from './booking-enums';
import { pendingChangeOf, setPendingChange } from './booking-proposal';
import { BookingTransition } from './booking-transition';
import { BookingEntity } from './booking.entity';
import { BookingLifecycle } from './booking.lifecycle';
import { BookingsRepository } from './bookings.repository';

/**
 * The system's own transitions: holds that ran out become EXPIRED, finished events COMPLETED, and
 * a pending change whose time came before a decision is rejected (the booking stays approved).
 */
@Injectable()
export class BookingHousekeepingService {
  private readonly logger = new Logger(BookingHousekeepingService.name);

  constructor(
    private readonly bookings: BookingsRepository,
    private readonly lifecycle: BookingLifecycle,
  ) {}

  /** Idempotent: only a HELD booking whose hold has run out changes; anything else is left. */
  expireHold(id: string, now = new Date()): Promise<boolean> {
    return this.move(
      id,
      { kind: 'expired' },
      BookingStatus.EXPIRED,
      (b) => b.status === BookingStatus.HELD && !!b.holdExpiresAt && b.holdExpiresAt <= now,
    );
  }

  complete(id: string, now = new Date()): Promise<boolean> {
    return this.move(
      id,
      { kind: 'completed' },
      BookingStatus.COMPLETED,
      (b) => b.status === BookingStatus.APPROVED && b.endsAt <= now,
    );
  }

  /** Idempotent: only a pending change whose start has come is rejected. */
  async lapseChange(id: string, now = new Date()): Promise<boolean> {
    const lapsed = await this.lifecycle.changeIf(id, null, async (_manager, booking) => {
      const change = pendingChangeOf(booking);
      if (!change || change.startsAt > now) return null;
      setPendingChange(booking, null);
      booking.approvalStage = null;
      return {
        transition: {
          kind: 'change-rejected',
          reason: 'The proposed time came before a decision; the approved booking stands',
          proposal: change,
          onBehalfOf: null,
        },
      };
    });
    return lapsed !== null;
  }

  /** One pass over what is due; returns how many bookings moved. */
  async sweep(
    now = new Date(),
    batch = 500,
  ): Promise<{ expired: number; completed: number; lapsedChanges: number }> {
    const due = await this.bookings.dueForHousekeeping(now, batch);
    let expired = 0;
    let completed = 0;
    let lapsedChanges = 0;
    for (const id of due.expired) if (await this.expireHold(id, now)) expired++;
    for (const id of due.lapsedChanges) if (await this.lapseChange(id, now)) lapsedChanges++;
    for (const id of due.completed) if (await this.complete(id, now)) completed++;
    if (expired || completed || lapsedChanges)
      this.logger.log(
        `housekeeping: ${expired} holds expired, ${completed} bookings completed, ${lapsedChanges} pending changes lapsed`,
      );
    return { expired, completed, lapsedChanges };
  }

  private async move(
    id: string,
    transition: BookingTransition,
    to: BookingStatus,
    due: (booking: BookingEntity) => boolean,
  ): Promise<boolean> {
    const moved = await this.lifecycle.changeIf(id, null, async (_manager, booking) => {
      if (!due(booking)) return null;
      booking.status = to;
      booking.approvalStage = null;
      setPendingChange(booking, null);
      return { transition };
    });
    return moved !== null;
  }
}
