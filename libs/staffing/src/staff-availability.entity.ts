import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** A weekly period the staff member can work, in their time zone; until <= from: the next day. */
@Entity('staff_availability')
export class StaffAvailabilityEntity {
  @PrimaryGeneratedColumn({ type: 'bigint', unsigned: true })
  id: string;

  @Column({ name: 'staff_id', type: 'bigint', unsigned: true })
  staffId: string;

  @Column({ type: 'tinyint', unsigned: true })
  weekday: number;

  @Column({ name: 'from_minute', type: 'smallint', unsigned: true })
  fromMinute: number;

  @Column({ name: 'until_minute', type: 'smallint', unsigned: true })
  untilMinute: number;
}
