import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { Locale, Role } from './role';

@Entity('users')
export class UserEntity {
  @PrimaryGeneratedColumn({ type: 'bigint', unsigned: true })
  id: string;

  @Column({ type: 'varchar', length: 254 })
  email: string;

  @Column({ name: 'password_hash', type: 'varchar', length: 100, select: false })
  passwordHash: string;

  @Column({ type: 'varchar', length: 32 })
  role: Role;

  @Column({ name: 'subdistrict_id', type: 'bigint', unsigned: true, nullable: true })
  subdistrictId: string | null;

  @Column({ name: 'display_name', type: 'varchar', length: 200 })
  displayName: string;

  @Column({ name: 'name_zh', type: 'varchar', length: 100, nullable: true })
  nameZh: string | null;

  @Column({ name: 'name_en', type: 'varchar', length: 100, nullable: true })
  nameEn: string | null;

  @Column({ type: 'varchar', length: 40, nullable: true })
  phone: string | null;

  @Column({ type: 'varchar', length: 10 })
  locale: Locale;

  @Column({ name: 'time_zone', type: 'varchar', length: 64 })
  timeZone: string;

  @Column({ type: 'boolean' })
  active: boolean;

  /** When the password last changed: access tokens issued before then no longer work. */
  @Column({ name: 'credentials_changed_at', type: 'datetime', precision: 3, nullable: true })
  credentialsChangedAt: Date | null;

  @Column({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt: Date;

  @Column({ name: 'updated_at', type: 'datetime', precision: 3 })
  updatedAt: Date;
}
