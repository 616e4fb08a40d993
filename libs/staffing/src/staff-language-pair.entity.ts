import { Entity, PrimaryColumn } from 'typeorm';
import { InterpretationMode } from '@app/bookings';

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
