import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { CalendarFeedKind } from './booking-enums';

/** A secret calendar URL. Only the token's hash is kept; revoking it stops the feed. */
@Entity('calendar_feeds')
export class CalendarFeedEntity {
  @PrimaryGeneratedColumn({ type: 'bigint', unsigned: true })
  id: string;

  @Column({ name: 'token_hash', type: 'char', length: 64, select: false })
  tokenHash: string;

  @Column({ type: 'varchar', length: 20 })
  kind: CalendarFeedKind;

  /** The venue's id, the organizer's or security coordinator's user id, or the staff member's id. */
  @Column({ name: 'subject_id', type: 'bigint', unsigned: true })
  subjectId: string;

  @Column({ name: 'created_by', type: 'bigint', unsigned: true })
  createdBy: string;

  @Column({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt: Date;

  @Column({ name: 'revoked_at', type: 'datetime', precision: 3, nullable: true })
  revokedAt: Date | null;
}
