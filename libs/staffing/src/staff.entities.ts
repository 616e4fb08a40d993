import { Column, Entity, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import { InterpretationMode } from '@app/bookings';
import { SecuritySkill, StaffKind } from './staffing-enums';

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

/** A direction and mode an interpreter works in (zh→en SIMULTANEOUS). */
@Entity('staff_language_pairs')
export class StaffLanguagePairEntity {
  @PrimaryColumn({ name: 'staff_id', type: 'bigint', unsigned: true })
  staffId: string;

  @PrimaryColumn({ name: 'language_from', type: 'varchar', length: 35 })
  languageFrom: string;

  @PrimaryColumn({ name: 'language_to', type: 'varchar', length: 35 })
  languageTo: string;

  @PrimaryColumn({ type: 'varchar', length: 20 })
  mode: InterpretationMode;
}

@Entity('staff_skills')
export class StaffSkillEntity {
  @PrimaryColumn({ name: 'staff_id', type: 'bigint', unsigned: true })
  staffId: string;

  @PrimaryColumn({ type: 'varchar', length: 30 })
  skill: SecuritySkill;
}

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

export const STAFF_ENTITIES = [
  StaffMemberEntity,
  StaffLanguagePairEntity,
  StaffSkillEntity,
  StaffAvailabilityEntity,
  StaffLeaveEntity,
];
