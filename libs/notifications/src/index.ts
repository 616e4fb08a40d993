export * from './notification-jobs';
export * from './notification.entity';
export * from './notifications.errors';
export * from './notifications.module';
export * from './notifications.service';
export * from './outbox-relay.service';
export * from './security-notice';
export * from './reminders.service';
