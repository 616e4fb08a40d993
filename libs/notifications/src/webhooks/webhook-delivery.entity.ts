import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { WebhookDeliveryStatus } from '../notification-enums';

/** One notification for one endpoint: accepted at most once, however often it is tried. */
@Entity('webhook_deliveries')
export class WebhookDeliveryEntity {
  @PrimaryGeneratedColumn({ type: 'bigint', unsigned: true })
  id: string;

  @Column({ name: 'endpoint_id', type: 'bigint', unsigned: true })
  endpointId: string;

  @Column({ name: 'notification_id', type: 'bigint', unsigned: true })
  notificationId: string;

  @Column({ type: 'varchar', length: 20 })
  status: WebhookDeliveryStatus;

  @Column({ type: 'int' })
  attempts: number;

  @Column({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt: Date;

  @Column({ name: 'delivered_at', type: 'datetime', precision: 3, nullable: true })
  deliveredAt: Date | null;
}
