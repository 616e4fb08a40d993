export * from './notification-jobs';
export { NotificationKind } from './notification.entity';
export type { NotificationEntity } from './notification.entity';
export * from './notifications.errors';
export * from './notifications.module';
export * from './notifications.service';
export * from './outbox-relay.service';
export * from './security-notice';
export * from './reminder-scheduler';
export * from './reminder-reconciler';
export * from './reminder-sender';
export * from './notification-writer';
export * from './email-channel';
export * from './channel-preferences';
export { WebhookDeliveryStatus } from './webhooks/webhook.entities';
export type {
  WebhookAttemptEntity,
  WebhookDeliveryEntity,
  WebhookEndpointEntity,
} from './webhooks/webhook.entities';
export * from './webhooks/webhook-channel';
export * from './webhooks/webhook-signature';
export * from './webhooks/webhooks.service';
