import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

@Entity('staff_leave')
export class StaffLeaveEntity {
  @PrimaryGeneratedColumn({ type: 'bigint', unsigned: true })
  id: string;

  @Column({ name: 'staff_id', type: 'bigint', unsigned: true })
  staffId: string;

  @Column({ name: 'starts_at', type: 'datetime', precision: 3 })
  startsAt: Date;

  @Column({ name: 'ends_at', type: 'datetime', precision: 3 })
  endsAt: Date;

  @Column({ type: 'varchar', length: 1000 })
  reason: string;
}
