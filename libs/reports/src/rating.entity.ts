import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** An organizer's rating of a completed booking, one per booking. */
@Entity('booking_ratings')
export class RatingEntity {
  @PrimaryGeneratedColumn({ type: 'bigint', unsigned: true })
  id: string;

  @Column({ name: 'booking_id', type: 'bigint', unsigned: true })
  bookingId: string;

  /** The booking's venue, copied so venue scores need no join through bookings. */
  @Column({ name: 'venue_id', type: 'bigint', unsigned: true })
  venueId: string;

  @Column({ name: 'organizer_id', type: 'bigint', unsigned: true })
  organizerId: string;

  @Column({ type: 'tinyint', unsigned: true })
  facilities: number;

  @Column({ type: 'tinyint', unsigned: true, nullable: true })
  interpretation: number | null;

  @Column({ type: 'tinyint', unsigned: true, nullable: true })
  security: number | null;

  @Column({ type: 'tinyint', unsigned: true })
  overall: number;

  @Column({ type: 'varchar', length: 2000, nullable: true })
  comment: string | null;

  @Column({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt: Date;
}
