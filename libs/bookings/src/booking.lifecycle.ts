import { Injectable, Logger } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { TransactionOptions, TransactionRunner } from '@app/database';
import { BookableVenueReader, VenueEntity } from '@app/venues';
import { FieldChange } from './booking-audit.entity';
import { BookingAuditRepository } from './booking-audit.repository';
import { placeOf } from './booking-proposal';
import {
  BookingChange,
  BookingParticipant,
  BookingPlace,
  BookingTransition,
} from './booking-transition';
import { BookingEntity } from './booking.entity';
import { BookingError, BookingErrorCode } from './bookings.errors';
import { bookingMessages } from './bookings.messages';
import { BookingsRepository } from './bookings.repository';

/** What a change decided: the transition, and the venue if the decision read it already. */
export interface BookingDecision {
  transition: BookingTransition;
  venue?: VenueEntity;
}

/** What the work of a new booking found under the venue's lock. */
export type NewBooking =
  | { booking: BookingEntity; venue: VenueEntity; replay?: false }
  /** The booking an earlier call with the same idempotency key made: nothing is written. */
  | { booking: BookingEntity; replay: true };

/** What a move changes: the venue, the start, the end. */
function placeChanges(from: BookingPlace, to: BookingPlace): FieldChange[] {
  const changes: FieldChange[] = [];
  if (from.venueId !== to.venueId)
    changes.push({ field: 'venueId', from: from.venueId, to: to.venueId });
  for (const field of ['startsAt', 'endsAt'] as const) {
    if (from[field].getTime() !== to[field].getTime())
      changes.push({ field, from: from[field].toISOString(), to: to[field].toISOString() });
  }
  return changes;
}

/** The fields a transition changed (a move), or would change (a proposed one). */
function fieldChanges(transition: BookingTransition, booking: BookingEntity): FieldChange[] {
  switch (transition.kind) {
    case 'rescheduled':
      return placeChanges(transition.previous, placeOf(booking));
    case 'change-proposed':
      return placeChanges(placeOf(booking), transition.proposal);
    default:
      return [];
  }
}

/*
 * A phase's record holds, for each kind, a handler of changes of that kind; the lifecycle calls it
 * only with a change of its kind, which TypeScript cannot follow through the index.
 */
type InTransactionOfAny = (manager: EntityManager, change: BookingChange) => Promise<void>;
type AfterCommitOfAny = (change: BookingChange) => Promise<void>;

type Decide = (
  manager: EntityManager,
  booking: BookingEntity,
  now: Date,
) => Promise<BookingDecision | null>;

/**
 * The one way a booking changes state, whoever asks (API, worker, CLI). A change locks the
 * booking, lets the caller decide, bumps the version, saves, records it in the audit trail and
 * the outbox, and runs every participant's `inTransaction` handler, all in one transaction; once
 * it has committed, the participants' `afterCommit` handlers run (best effort). Libs that act on
 * bookings register as participants: bookings imports none of them.
 */
@Injectable()
export class BookingLifecycle {
  private readonly logger = new Logger(BookingLifecycle.name);
  private readonly participants: BookingParticipant[] = [];

  constructor(
    private readonly bookings: BookingsRepository,
    private readonly audit: BookingAuditRepository,
    private readonly venues: BookableVenueReader,
    private readonly transactions: TransactionRunner,
  ) {}

  /** The participants registered, by name: an app's wiring shows here. */
  get participantNames(): string[] {
    return this.participants.map((participant) => participant.name);
  }

  register(participant: BookingParticipant): void {
    if (this.participants.some((known) => known.name === participant.name))
      throw new Error(`booking participant ${participant.name} registered twice`);
    this.participants.push(participant);
  }

  /**
   * A new booking. `work` runs in the transaction, takes the venue's lock and checks the rules,
   * and returns the booking to insert (or an earlier one it replays).
   */
  async create(
    actorId: string,
    work: (manager: EntityManager, now: Date) => Promise<NewBooking>,
    options: TransactionOptions = {},
  ): Promise<BookingEntity> {
    const now = new Date();
    const { booking, change } = await this.transactions.run(async (manager) => {
      const made = await work(manager, now);
      if (made.replay) return { booking: made.booking, change: null };
      await this.bookings.insert(manager, made.booking);
      const change = this.changeOf(made.booking, { kind: 'requested' }, null, actorId, made.venue);
      await this.record(manager, change);
      return { booking: made.booking, change };
    }, options);
    if (change) await this.afterCommit(change);
    return booking;
  }

  /** Changes one booking; `decide` checks and changes it, and says which transition it was. */
  async change(id: string, actorId: string | null, decide: Decide): Promise<BookingEntity> {
    return (await this.changeIf(id, actorId, decide))!;
  }

  /** As change, but `decide` may return null to leave the booking as it is (nothing is written). */
  async changeIf(
    id: string,
    actorId: string | null,
    decide: Decide,
  ): Promise<BookingEntity | null> {
    const change = await this.transactions.run(
      async (manager) => {
        const now = new Date();
        const booking = await this.bookings.lock(manager, id);
        if (!booking)
          throw new BookingError(BookingErrorCode.NOT_FOUND, bookingMessages.noBooking(id), 'id');
        const from = booking.status;
        const decision = await decide(manager, booking, now);
        if (!decision) return null;
        booking.version += 1;
        booking.updatedAt = now;
        const saved = await this.bookings.save(manager, booking);
        const venue = decision.venue ?? (await this.venueOf(manager, saved));
        const change = this.changeOf(saved, decision.transition, from, actorId, venue, now);
        await this.record(manager, change);
        return change;
      },
      { isolation: 'READ COMMITTED' },
    );
    if (!change) return null;
    await this.afterCommit(change);
    return change.booking;
  }

  private changeOf(
    booking: BookingEntity,
    transition: BookingTransition,
    from: BookingChange['from'],
    actorId: string | null,
    venue: VenueEntity,
    at = new Date(),
  ): BookingChange {
    // One object for whichever kind the transition is: the union type cannot follow that.
    return { transition, booking, from, actorId, venue, at } as BookingChange;
  }

  /** The audit trail and the outbox, then every participant, in the change's transaction. */
  private async record(manager: EntityManager, change: BookingChange): Promise<void> {
    const { transition } = change;
    await this.audit.record(manager, {
      booking: change.booking,
      actorId: change.actorId,
      action: transition.kind,
      from: change.from,
      reason:
        'reason' in transition
          ? transition.reason
          : 'comment' in transition
            ? (transition.comment ?? null)
            : null,
      changes: fieldChanges(transition, change.booking),
      onBehalfOf: 'onBehalfOf' in transition ? (transition.onBehalfOf ?? null) : null,
      previous: transition.kind === 'rescheduled' ? transition.previous : null,
    });
    for (const participant of this.participants) {
      const handler = participant.inTransaction[transition.kind] as InTransactionOfAny | null;
      if (handler) await handler(manager, change);
    }
  }

  private async afterCommit(change: BookingChange): Promise<void> {
    for (const participant of this.participants) {
      const handler = participant.afterCommit[change.transition.kind] as AfterCommitOfAny | null;
      if (!handler) continue;
      try {
        await handler(change);
      } catch (error) {
        this.logger.warn(
          `${participant.name} after ${change.transition.kind} of booking ${change.booking.id}: ${(error as Error).message}`,
        );
      }
    }
  }

  private async venueOf(manager: EntityManager, booking: BookingEntity): Promise<VenueEntity> {
    const [bookable] = await this.venues.load(manager, [booking.venueId]);
    return bookable.venue;
  }
}
