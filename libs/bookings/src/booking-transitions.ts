import { Injectable } from '@nestjs/common';
import { TransactionRunner } from '@app/database';
import { EntityManager } from 'typeorm';
import { BookingEntity } from './booking.entity';
import { BookingJournal } from './booking-journal';
import { BookingError, BookingErrorCode } from './bookings.errors';
import { BookingsRepository } from './bookings.repository';

export interface Transition {
  action: string;
  reason?: string | null;
}

type Decide<T> = (manager: EntityManager, booking: BookingEntity, now: Date) => Promise<T>;

/**
 * The one way a booking changes: lock its row, let the caller decide and change it, bump the
 * version, save, and journal the change (audit trail and outbox), all in one transaction.
 */
@Injectable()
export class BookingTransitions {
  constructor(
    private readonly bookings: BookingsRepository,
    private readonly journal: BookingJournal,
    private readonly transactions: TransactionRunner,
  ) {}

  async apply(
    id: string,
    actorId: string | null,
    decide: Decide<Transition>,
  ): Promise<BookingEntity> {
    return (await this.applyIf(id, actorId, decide))!;
  }

  /** As apply, but decide may return null to leave the booking as it is (nothing is written). */
  applyIf(
    id: string,
    actorId: string | null,
    decide: Decide<Transition | null>,
  ): Promise<BookingEntity | null> {
    return this.transactions.run(
      async (manager) => {
        const now = new Date();
        const booking = await this.bookings.lock(manager, id);
        if (!booking) throw new BookingError(BookingErrorCode.NOT_FOUND, `No booking ${id}`, 'id');
        const from = booking.status;
        const transition = await decide(manager, booking, now);
        if (!transition) return null;
        booking.version += 1;
        booking.updatedAt = now;
        const saved = await this.bookings.save(manager, booking);
        await this.journal.record(manager, { booking: saved, actorId, from, ...transition });
        return saved;
      },
      { isolation: 'READ COMMITTED' },
    );
  }
}
