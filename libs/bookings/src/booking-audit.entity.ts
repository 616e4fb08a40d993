import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { ApprovalStage, BookingStatus } from './booking-enums';

/** One field a change changed, its values as text (times in ISO 8601, UTC). */
export interface FieldChange {
  field: string;
  from: string | null;
  to: string | null;
}

const json = {
  to: (value: FieldChange[]) => (value.length ? JSON.stringify(value) : null),
  from: (value: string | null) => (value ? (JSON.parse(value) as FieldChange[]) : []),
};

/** One state change of a booking: who, when, from, to, why. */
@Entity('booking_audit')
export class BookingAuditEntity {
  @PrimaryGeneratedColumn({ type: 'bigint', unsigned: true })
  id: string;

  @Column({ name: 'booking_id', type: 'bigint', unsigned: true })
  bookingId: string;

  @Column({ type: 'datetime', precision: 3 })
  at: Date;

  /** Null when the system acted (hold expiry, completion). */
  @Column({ name: 'actor_id', type: 'bigint', unsigned: true, nullable: true })
  actorId: string | null;

  @Column({ type: 'varchar', length: 40 })
  action: string;

  @Column({ name: 'from_status', type: 'varchar', length: 20, nullable: true })
  fromStatus: BookingStatus | null;

  @Column({ name: 'to_status', type: 'varchar', length: 20 })
  toStatus: BookingStatus;

  /** The reason of a rejection or cancellation, or an approver's comment. */
  @Column({ type: 'varchar', length: 1000, nullable: true })
  reason: string | null;

  @Column({ type: 'text', nullable: true, transformer: json })
  changes: FieldChange[];

  /** The step the district took for a subdistrict (SUBDISTRICT); null otherwise. */
  @Column({ name: 'on_behalf_of', type: 'varchar', length: 20, nullable: true })
  onBehalfOf: ApprovalStage | null;
}
