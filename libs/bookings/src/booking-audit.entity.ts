import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { BookingStatus } from './booking-enums';

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

  @Column({ type: 'varchar', length: 1000, nullable: true })
  reason: string | null;
}
