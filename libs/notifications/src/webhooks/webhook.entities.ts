import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** An address a user registered to receive their notifications by signed HTTP POST. */
@Entity('webhook_endpoints')
export class WebhookEndpointEntity {
  @PrimaryGeneratedColumn({ type: 'bigint', unsigned: true })
  id: string;

  @Column({ name: 'owner_id', type: 'bigint', unsigned: true })
  ownerId: string;

  @Column({ type: 'varchar', length: 2000 })
  url: string;

  @Column({ type: 'varchar', length: 200, nullable: true })
  description: string | null;

  /** The HMAC key; shown to its owner once, at registration. */
  @Column({ type: 'varchar', length: 100 })
  secret: string;

  @Column({ type: 'boolean' })
  active: boolean;

  @Column({ name: 'disabled_reason', type: 'varchar', length: 300, nullable: true })
  disabledReason: string | null;

  @Column({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt: Date;
}

export enum WebhookDeliveryStatus {
  PENDING = 'PENDING',
  DELIVERED = 'DELIVERED',
  FAILED = 'FAILED',
}

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

/** The delivery log: every POST tried, with what came back. */
@Entity('webhook_attempts')
export class WebhookAttemptEntity {
  @PrimaryGeneratedColumn({ type: 'bigint', unsigned: true })
  id: string;

  @Column({ name: 'delivery_id', type: 'bigint', unsigned: true })
  deliveryId: string;

  @Column({ name: 'attempted_at', type: 'datetime', precision: 3 })
  attemptedAt: Date;

  @Column({ name: 'status_code', type: 'int', nullable: true })
  statusCode: number | null;

  @Column({ type: 'varchar', length: 500, nullable: true })
  error: string | null;

  @Column({ name: 'duration_ms', type: 'int' })
  durationMs: number;
}
