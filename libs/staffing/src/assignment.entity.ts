import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { AssignmentStatus } from './staffing-enums';

@Entity('assignments')
export class AssignmentEntity {
  @PrimaryGeneratedColumn({ type: 'bigint', unsigned: true })
  id: string;

  @Column({ name: 'requirement_id', type: 'bigint', unsigned: true })
  requirementId: string;

  @Column({ name: 'staff_id', type: 'bigint', unsigned: true })
  staffId: string;

  /** Where: assignments at different venues need the travel gap between them. */
  @Column({ name: 'venue_id', type: 'bigint', unsigned: true })
  venueId: string;

  @Column({ type: 'varchar', length: 20 })
  status: AssignmentStatus;

  @Column({ name: 'starts_at', type: 'datetime', precision: 3 })
  startsAt: Date;

  @Column({ name: 'ends_at', type: 'datetime', precision: 3 })
  endsAt: Date;

  @Column({ type: 'varchar', length: 1000, nullable: true })
  reason: string | null;

  @Column({ type: 'int', unsigned: true })
  version: number;

  @Column({ name: 'created_by', type: 'bigint', unsigned: true, nullable: true })
  createdBy: string | null;

  @Column({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt: Date;

  @Column({ name: 'updated_at', type: 'datetime', precision: 3 })
  updatedAt: Date;
}
