import { EntityManager } from 'typeorm';
import { VenueEntity } from '@app/venues';
import { ApprovalStage, BookingStatus } from './booking-enums';
import { BookingEntity } from './booking.entity';

/** Where a booking was before it moved: kept in the audit trail and given to participants. */
export interface BookingPlace {
  venueId: string;
  startsAt: Date;
  endsAt: Date;
}

/** What an approver's decision carries. */
export interface Decision {
  /** The approver's comment (an approval) or reason (a rejection), for the audit and the notice. */
  comment?: string | null;
  /** The subdistrict's step, taken by the district for it; null when it was the approver's own. */
  onBehalfOf: ApprovalStage | null;
}

/**
 * Every way a booking changes state, with what each change carries. The kind is also the audit
 * trail's action and the outbox event's name (`booking.<kind>`).
 */
export type BookingTransition =
  /** A new booking: HELD, PENDING_APPROVAL, or APPROVED where no approval is needed. */
  | { kind: 'requested' }
  /** HELD → PENDING_APPROVAL or APPROVED. */
  | { kind: 'submitted' }
  /** A HIGH or STATE event passed the subdistrict and now waits for the district. */
  | ({ kind: 'approved-by-subdistrict' } & Decision)
  | ({ kind: 'approved' } & Decision)
  | ({ kind: 'rejected'; reason: string } & Decision)
  | { kind: 'cancelled'; reason: string }
  /**
   * Moved: at once where the new place needs no approval, or when the approvers approved a
   * pending change (then with their decision).
   */
  | ({ kind: 'rescheduled'; previous: BookingPlace } & Partial<Decision>)
  /**
   * An APPROVED booking's move that needs approval: kept as its pending change, the approved
   * place in force until the decision.
   */
  | { kind: 'change-proposed'; proposal: BookingPlace }
  /** The approvers rejected a pending change (or its time came first); the booking stays as approved. */
  | ({ kind: 'change-rejected'; reason: string; proposal: BookingPlace } & Decision)
  /** The organizer took a pending change back. */
  | { kind: 'change-withdrawn'; proposal: BookingPlace }
  /** A hold that was not submitted in time (the system's transition). */
  | { kind: 'expired' }
  /** An approved event that has ended (the system's transition). */
  | { kind: 'completed' };

export type BookingTransitionKind = BookingTransition['kind'];

/**
 * One change as its participants see it, inside the transaction and after the commit. Without a
 * kind it is the union of every kind's change, which narrows on `transition.kind`.
 */
export type BookingChange<K extends BookingTransitionKind = BookingTransitionKind> =
  K extends BookingTransitionKind ? ChangeOf<Extract<BookingTransition, { kind: K }>> : never;

interface ChangeOf<T extends BookingTransition> {
  transition: T;
  /** The booking as the change left it (its new version). */
  booking: BookingEntity;
  /** Its status before the change; null for a new booking. */
  from: BookingStatus | null;
  /** Who made the change; null when the system did (hold expiry, housekeeping). */
  actorId: string | null;
  /** The booking's venue after the change, as read under the change's locks. */
  venue: VenueEntity;
  at: Date;
}

type InTransaction<K extends BookingTransitionKind> = (
  manager: EntityManager,
  change: BookingChange<K>,
) => Promise<void>;
type AfterCommit<K extends BookingTransitionKind> = (change: BookingChange<K>) => Promise<void>;

/**
 * A lib that acts on booking changes. Each phase names every transition, with a handler or null
 * for "nothing to do", so a new transition does not compile until every participant has decided.
 * - `inTransaction` runs in the change's own transaction: what it writes commits with the change
 *   or not at all, and a failure refuses the change.
 * - `afterCommit` runs once the change has committed: best effort, a failure is logged and left
 *   to the worker's periodic reconciliation.
 */
export interface BookingParticipant {
  readonly name: string;
  readonly inTransaction: { [K in BookingTransitionKind]: InTransaction<K> | null };
  readonly afterCommit: { [K in BookingTransitionKind]: AfterCommit<K> | null };
}

/**
 * A phase in which a participant does nothing, whatever the transition (a new kind must be added
 * here too, so this stays a decision).
 */
export const NOTHING_IN_THIS_PHASE = {
  requested: null,
  submitted: null,
  'approved-by-subdistrict': null,
  approved: null,
  rejected: null,
  cancelled: null,
  rescheduled: null,
  'change-proposed': null,
  'change-rejected': null,
  'change-withdrawn': null,
  expired: null,
  completed: null,
} as const satisfies { [K in BookingTransitionKind]: null };
