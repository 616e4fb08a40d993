import { Column, Entity, PrimaryColumn } from 'typeorm';
import { NotificationChannel } from './notification-enums';

@Entity('notification_preferences')
export class NotificationPreferenceEntity {
  @PrimaryColumn({ name: 'user_id', type: 'bigint', unsigned: true })
  userId: string;

  @PrimaryColumn({ type: 'varchar', length: 20 })
  channel: NotificationChannel;

  @Column({ type: 'boolean' })
  enabled: boolean;

  @Column({ name: 'updated_at', type: 'datetime', precision: 3 })
  updatedAt: Date;
}
