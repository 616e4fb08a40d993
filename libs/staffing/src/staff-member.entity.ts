import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { StaffKind } from './staffing-enums';

/** An interpreter or a security officer, linked to the user account they sign in with. */
@Entity('staff_members')
export class StaffMemberEntity {
  @PrimaryGeneratedColumn({ type: 'bigint', unsigned: true })
  id: string;

  @Column({ name: 'user_id', type: 'bigint', unsigned: true })
  userId: string;

  @Column({ type: 'varchar', length: 20 })
  kind: StaffKind;

  @Column({ name: 'name_zh', type: 'varchar', length: 100 })
  nameZh: string;

  @Column({ name: 'name_en', type: 'varchar', length: 100 })
  nameEn: string;

  /** Interpreters: 1 (junior) to 3 (senior, state level). */
  @Column({ name: 'accreditation_level', type: 'tinyint', unsigned: true, nullable: true })
  accreditationLevel: number | null;

  /** Officers: their unit of the district public security branch. */
  @Column({ type: 'varchar', length: 200, nullable: true })
  unit: string | null;

  /** Officers: clearance 1 to 3. */
  @Column({ name: 'clearance_level', type: 'tinyint', unsigned: true, nullable: true })
  clearanceLevel: number | null;

  @Column({ name: 'max_hours_per_day', type: 'tinyint', unsigned: true })
  maxHoursPerDay: number;

  /** The zone of their weekly availability pattern. */
  @Column({ name: 'time_zone', type: 'varchar', length: 64 })
  timeZone: string;

  @Column({ type: 'boolean' })
  active: boolean;

  @Column({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt: Date;

  @Column({ name: 'updated_at', type: 'datetime', precision: 3 })
  updatedAt: Date;
}
