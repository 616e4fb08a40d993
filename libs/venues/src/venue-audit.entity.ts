import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { VenueStatus } from './venue-enums';

/** One field a venue step changed (or a change proposes), its values as text. */
export interface VenueFieldChange {
  field: string;
  from: string | null;
  to: string | null;
}

const json = {
  to: (value: VenueFieldChange[]) => (value.length ? JSON.stringify(value) : null),
  from: (value: string | null) => (value ? (JSON.parse(value) as VenueFieldChange[]) : []),
};

/** The audit trail's actions; those that tell someone are also the outbox's `venue.<action>`. */
export enum VenueAuditAction {
  REGISTERED = 'registered',
  UPDATED = 'updated',
  SUBMITTED = 'submitted',
  APPROVED = 'approved',
  REJECTED = 'rejected',
  SUSPENDED = 'suspended',
  REINSTATED = 'reinstated',
  /** An edit of the reviewed facts, now waiting for the district (or changed while waiting). */
  CHANGE_REQUESTED = 'change-requested',
  /** The owner set the proposed values back to the reviewed ones: nothing waits any more. */
  CHANGE_WITHDRAWN = 'change-withdrawn',
  CHANGE_APPROVED = 'change-approved',
  CHANGE_REJECTED = 'change-rejected',
  /** A blackout added: its window is the step's changes (blackoutStartsAt, blackoutEndsAt). */
  BLACKOUT_ADDED = 'blackout-added',
}

/** One step or edit of a venue: who, when, from, to, why, and what it changed. */
@Entity('venue_audit')
export class VenueAuditEntity {
  @PrimaryGeneratedColumn({ type: 'bigint', unsigned: true })
  id: string;

  @Column({ name: 'venue_id', type: 'bigint', unsigned: true })
  venueId: string;

  @Column({ type: 'datetime', precision: 3 })
  at: Date;

  @Column({ name: 'actor_id', type: 'bigint', unsigned: true, nullable: true })
  actorId: string | null;

  @Column({ type: 'varchar', length: 40 })
  action: VenueAuditAction;

  @Column({ name: 'from_status', type: 'varchar', length: 20, nullable: true })
  fromStatus: VenueStatus | null;

  @Column({ name: 'to_status', type: 'varchar', length: 20 })
  toStatus: VenueStatus;

  /** Why the district sent the venue back, suspended it, or rejected a change. */
  @Column({ type: 'varchar', length: 1000, nullable: true })
  reason: string | null;

  @Column({ type: 'text', nullable: true, transformer: json })
  changes: VenueFieldChange[];
}
