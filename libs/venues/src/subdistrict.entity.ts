import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity('subdistricts')
export class SubdistrictEntity {
  @PrimaryColumn({ type: 'bigint', unsigned: true })
  id: string;

  @Column({ type: 'varchar', length: 40 })
  code: string;

  @Column({ name: 'name_zh', type: 'varchar', length: 100 })
  nameZh: string;

  @Column({ name: 'name_en', type: 'varchar', length: 100 })
  nameEn: string;
}
