import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { ApprovalStage, BookingStatus, InterpretationMode, ProtocolLevel } from './booking-enums';

export interface InterpretationNeed {
  from: string;
  to: string;
  mode: InterpretationMode;
}

const csv = {
  to: (value: string[]) => value.join(','),
  from: (value: string) => (value ? value.split(',') : []),
};

const json = {
  to: (value: InterpretationNeed[]) => JSON.stringify(value),
  from: (value: string) => JSON.parse(value) as InterpretationNeed[],
};

@Entity('bookings')
export class BookingEntity {
  @PrimaryGeneratedColumn({ type: 'bigint', unsigned: true })
  id: string;

  @Column({ name: 'venue_id', type: 'bigint', unsigned: true })
  venueId: string;

  /** The venue's subdistrict, kept with the booking for scoping (venues never move). */
  @Column({ name: 'subdistrict_id', type: 'bigint', unsigned: true })
  subdistrictId: string;

  @Column({ name: 'organizer_id', type: 'bigint', unsigned: true })
  organizerId: string;

  @Column({ type: 'varchar', length: 200 })
  title: string;

  @Column({ type: 'varchar', length: 4000, nullable: true })
  description: string | null;

  @Column({ type: 'int', unsigned: true })
  attendees: number;

  @Column({ name: 'foreign_guests', type: 'int', unsigned: true })
  foreignGuests: number;

  @Column({ name: 'delegation_countries', type: 'varchar', length: 1000, transformer: csv })
  delegationCountries: string[];

  @Column({ type: 'text', transformer: json })
  interpretation: InterpretationNeed[];

  @Column({ name: 'protocol_level', type: 'varchar', length: 10 })
  protocolLevel: ProtocolLevel;

  @Column({ type: 'varchar', length: 20 })
  status: BookingStatus;

  @Column({ name: 'approval_stage', type: 'varchar', length: 20, nullable: true })
  approvalStage: ApprovalStage | null;

  @Column({ name: 'starts_at', type: 'datetime', precision: 3 })
  startsAt: Date;

  @Column({ name: 'ends_at', type: 'datetime', precision: 3 })
  endsAt: Date;

  /** startsAt minus the venue's setup buffer: the booking holds the venue from here... */
  @Column({ name: 'occupied_from', type: 'datetime', precision: 3 })
  occupiedFrom: Date;

  /** ...until here (endsAt plus teardown), half-open. */
  @Column({ name: 'occupied_until', type: 'datetime', precision: 3 })
  occupiedUntil: Date;

  /*
   * A change proposed to an APPROVED booking, waiting for approval (approvalStage says whose):
   * the approved place above stays in force, this one is held for the decision. All null when
   * there is none; pendingChangeOf reads them together.
   */
  @Column({ name: 'change_venue_id', type: 'bigint', unsigned: true, nullable: true })
  changeVenueId: string | null;

  @Column({ name: 'change_subdistrict_id', type: 'bigint', unsigned: true, nullable: true })
  changeSubdistrictId: string | null;

  @Column({ name: 'change_starts_at', type: 'datetime', precision: 3, nullable: true })
  changeStartsAt: Date | null;

  @Column({ name: 'change_ends_at', type: 'datetime', precision: 3, nullable: true })
  changeEndsAt: Date | null;

  @Column({ name: 'change_occupied_from', type: 'datetime', precision: 3, nullable: true })
  changeOccupiedFrom: Date | null;

  @Column({ name: 'change_occupied_until', type: 'datetime', precision: 3, nullable: true })
  changeOccupiedUntil: Date | null;

  @Column({ name: 'change_requested_at', type: 'datetime', precision: 3, nullable: true })
  changeRequestedAt: Date | null;

  @Column({ name: 'hold_expires_at', type: 'datetime', precision: 3, nullable: true })
  holdExpiresAt: Date | null;

  /** When it entered approval; pendingApprovals lists oldest first. */
  @Column({ name: 'submitted_at', type: 'datetime', precision: 3, nullable: true })
  submittedAt: Date | null;

  /** When an approver gave the final approval of the current submission (not set when none was needed). */
  @Column({ name: 'approved_at', type: 'datetime', precision: 3, nullable: true })
  approvedAt: Date | null;

  @Column({ name: 'idempotency_key', type: 'varchar', length: 100 })
  idempotencyKey: string;

  @Column({ name: 'request_hash', type: 'char', length: 64 })
  requestHash: string;

  @Column({ type: 'int', unsigned: true })
  version: number;

  @Column({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt: Date;

  @Column({ name: 'updated_at', type: 'datetime', precision: 3 })
  updatedAt: Date;
}
