import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { ProposedVenueValues } from './venue-change';
import { VenueKind, VenueStatus } from './venue-enums';

const json = {
  to: (value: ProposedVenueValues | null) => (value ? JSON.stringify(value) : null),
  from: (value: string | null) => (value ? (JSON.parse(value) as ProposedVenueValues) : null),
};

@Entity('venues')
export class VenueEntity {
  @PrimaryGeneratedColumn({ type: 'bigint', unsigned: true })
  id: string;

  @Column({ name: 'subdistrict_id', type: 'bigint', unsigned: true })
  subdistrictId: string;

  @Column({ name: 'name_zh', type: 'varchar', length: 200 })
  nameZh: string;

  @Column({ name: 'name_en', type: 'varchar', length: 200 })
  nameEn: string;

  @Column({ name: 'address_zh', type: 'varchar', length: 500 })
  addressZh: string;

  @Column({ name: 'address_en', type: 'varchar', length: 500 })
  addressEn: string;

  @Column({ type: 'varchar', length: 32 })
  kind: VenueKind;

  @Column({ name: 'seated_capacity', type: 'int', unsigned: true })
  seatedCapacity: number;

  @Column({ name: 'standing_capacity', type: 'int', unsigned: true, nullable: true })
  standingCapacity: number | null;

  @Column({ name: 'security_level', type: 'tinyint', unsigned: true })
  securityLevel: number;

  @Column({ name: 'time_zone', type: 'varchar', length: 64 })
  timeZone: string;

  @Column({ name: 'setup_minutes', type: 'smallint', unsigned: true })
  setupMinutes: number;

  @Column({ name: 'teardown_minutes', type: 'smallint', unsigned: true })
  teardownMinutes: number;

  @Column({ name: 'min_notice_hours', type: 'smallint', unsigned: true })
  minNoticeHours: number;

  @Column({ name: 'max_advance_days', type: 'smallint', unsigned: true })
  maxAdvanceDays: number;

  @Column({ name: 'min_duration_minutes', type: 'smallint', unsigned: true })
  minDurationMinutes: number;

  @Column({ name: 'max_duration_minutes', type: 'smallint', unsigned: true })
  maxDurationMinutes: number;

  @Column({ name: 'requires_approval', type: 'boolean' })
  requiresApproval: boolean;

  @Column({ name: 'contact_name', type: 'varchar', length: 200, nullable: true })
  contactName: string | null;

  @Column({ name: 'contact_phone', type: 'varchar', length: 40, nullable: true })
  contactPhone: string | null;

  @Column({ name: 'contact_email', type: 'varchar', length: 254, nullable: true })
  contactEmail: string | null;

  @Column({ type: 'varchar', length: 20 })
  status: VenueStatus;

  @Column({ name: 'status_reason', type: 'varchar', length: 1000, nullable: true })
  statusReason: string | null;

  /**
   * New values of the reviewed facts (security level, capacity, facilities) an owner asked for,
   * waiting for the district; the columns above keep the reviewed values until it approves.
   */
  @Column({ name: 'pending_change', type: 'text', nullable: true, transformer: json })
  pendingChange: ProposedVenueValues | null;

  @Column({ name: 'pending_change_by', type: 'bigint', unsigned: true, nullable: true })
  pendingChangeBy: string | null;

  @Column({ name: 'pending_change_at', type: 'datetime', precision: 3, nullable: true })
  pendingChangeAt: Date | null;

  @Column({ type: 'int', unsigned: true })
  version: number;

  @Column({ name: 'created_by', type: 'bigint', unsigned: true, nullable: true })
  createdBy: string | null;

  @Column({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt: Date;

  @Column({ name: 'updated_at', type: 'datetime', precision: 3 })
  updatedAt: Date;
}
