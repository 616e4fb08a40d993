import { Column, Entity, PrimaryColumn } from 'typeorm';
import { Facility } from './venue-enums';

@Entity('venue_facilities')
export class VenueFacilityEntity {
  @PrimaryColumn({ name: 'venue_id', type: 'bigint', unsigned: true })
  venueId: string;

  @PrimaryColumn({ type: 'varchar', length: 40 })
  type: Facility;

  @Column({ type: 'int', unsigned: true })
  count: number;
}
