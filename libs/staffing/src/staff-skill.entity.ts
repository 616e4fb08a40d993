import { Entity, PrimaryColumn } from 'typeorm';
import { SecuritySkill } from './staffing-enums';

@Entity('staff_skills')
export class StaffSkillEntity {
  @PrimaryColumn({ name: 'staff_id', type: 'bigint', unsigned: true })
  staffId: string;

  @PrimaryColumn({ type: 'varchar', length: 30 })
  skill: SecuritySkill;
}
