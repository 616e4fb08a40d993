import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { NotificationKind } from './notification-enums';

/** One notification to one recipient, in both languages; the delivery key makes it unique. */
@Entity('notifications')
export class NotificationEntity {
  @PrimaryGeneratedColumn({ type: 'bigint', unsigned: true })
  id: string;

  @Column({ name: 'recipient_id', type: 'bigint', unsigned: true })
  recipientId: string;

  @Column({ type: 'varchar', length: 40 })
  kind: NotificationKind;

  /** What caused it and for whom: a redelivered cause finds the row already there. */
  @Column({ name: 'delivery_key', type: 'varchar', length: 200 })
  deliveryKey: string;

  @Column({ name: 'booking_id', type: 'bigint', unsigned: true, nullable: true })
  bookingId: string | null;

  /** Security and cancellations: sent whatever the recipient's preferences. */
  @Column({ type: 'boolean' })
  critical: boolean;

  @Column({ name: 'needs_acknowledgement', type: 'boolean' })
  needsAcknowledgement: boolean;

  @Column({ name: 'subject_zh', type: 'varchar', length: 300 })
  subjectZh: string;

  @Column({ name: 'subject_en', type: 'varchar', length: 300 })
  subjectEn: string;

  @Column({ name: 'body_zh', type: 'text' })
  bodyZh: string;

  @Column({ name: 'body_en', type: 'text' })
  bodyEn: string;

  @Column({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt: Date;

  @Column({ name: 'read_at', type: 'datetime', precision: 3, nullable: true })
  readAt: Date | null;

  @Column({ name: 'acknowledged_at', type: 'datetime', precision: 3, nullable: true })
  acknowledgedAt: Date | null;

  /** When a later notice about the same event replaced this one: it then needs no acknowledgement. */
  @Column({ name: 'superseded_at', type: 'datetime', precision: 3, nullable: true })
  supersededAt: Date | null;

  @Column({ name: 'emailed_at', type: 'datetime', precision: 3, nullable: true })
  emailedAt: Date | null;
}
