import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** One weekly opening period in the venue's local time; closes <= opens means the next day. */
@Entity('venue_opening_hours')
export class OpeningHoursEntity {
  @PrimaryGeneratedColumn({ type: 'bigint', unsigned: true })
  id: string;

  @Column({ name: 'venue_id', type: 'bigint', unsigned: true })
  venueId: string;

  /** ISO weekday, 1 = Monday. */
  @Column({ type: 'tinyint', unsigned: true })
  weekday: number;

  @Column({ name: 'opens_minute', type: 'smallint', unsigned: true })
  opensMinute: number;

  @Column({ name: 'closes_minute', type: 'smallint', unsigned: true })
  closesMinute: number;
}
