import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { InterpretationMode } from '@app/bookings';
import { RequirementStatus, SecuritySkill, StaffKind } from './staffing-enums';

@Entity('staffing_requirements')
export class StaffingRequirementEntity {
  @PrimaryGeneratedColumn({ type: 'bigint', unsigned: true })
  id: string;

  @Column({ name: 'booking_id', type: 'bigint', unsigned: true })
  bookingId: string;

  /** Which line of the rule table produced it, so re-deriving updates rather than duplicates. */
  @Column({ name: 'rule_key', type: 'varchar', length: 120 })
  ruleKey: string;

  @Column({ type: 'varchar', length: 20 })
  kind: StaffKind;

  @Column({ type: 'smallint', unsigned: true })
  headcount: number;

  @Column({ name: 'starts_at', type: 'datetime', precision: 3 })
  startsAt: Date;

  @Column({ name: 'ends_at', type: 'datetime', precision: 3 })
  endsAt: Date;

  @Column({ name: 'language_from', type: 'varchar', length: 35, nullable: true })
  languageFrom: string | null;

  @Column({ name: 'language_to', type: 'varchar', length: 35, nullable: true })
  languageTo: string | null;

  @Column({ type: 'varchar', length: 20, nullable: true })
  mode: InterpretationMode | null;

  @Column({ name: 'min_clearance', type: 'tinyint', unsigned: true, nullable: true })
  minClearance: number | null;

  @Column({ type: 'varchar', length: 30, nullable: true })
  skill: SecuritySkill | null;

  /** Set by the district admin: re-deriving then keeps the headcount and follows only the times. */
  @Column({ type: 'boolean' })
  overridden: boolean;

  @Column({ type: 'varchar', length: 20 })
  status: RequirementStatus;

  @Column({ name: 'derived_from_version', type: 'int', unsigned: true })
  derivedFromVersion: number;

  @Column({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt: Date;

  @Column({ name: 'updated_at', type: 'datetime', precision: 3 })
  updatedAt: Date;
}
