import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuthModule } from '@app/auth';
import { BookingsModule } from '@app/bookings';
import { StaffingModule } from '@app/staffing';
import { VenuesModule } from '@app/venues';
import { EmailChannel } from './email-channel';
import { NotificationEntity } from './notification.entity';
import { NOTIFICATIONS_QUEUE } from './notification-jobs';
import { NotificationsService } from './notifications.service';
import { NotificationWriter } from './notification-writer';
import { OutboxRelayService } from './outbox-relay.service';
import { ReminderReconciler } from './reminder-reconciler';
import { ReminderScheduler } from './reminder-scheduler';
import { ReminderSender } from './reminder-sender';
import { ChannelPreferencesService, NotificationPreferenceEntity } from './channel-preferences';
import { WebhookChannel } from './webhooks/webhook-channel';
import { WebhooksService } from './webhooks/webhooks.service';
import {
  WebhookAttemptEntity,
  WebhookDeliveryEntity,
  WebhookEndpointEntity,
} from './webhooks/webhook.entities';

/**
 * The inbox, the outbox relay and the channels (subscription, e-mail, webhooks) with their
 * preferences; the worker runs the relay, the event processing and the sending.
 */
@Module({
  imports: [
    TypeOrmModule.forFeature([
      NotificationEntity,
      NotificationPreferenceEntity,
      WebhookEndpointEntity,
      WebhookDeliveryEntity,
      WebhookAttemptEntity,
    ]),
    BullModule.registerQueue({ name: NOTIFICATIONS_QUEUE }),
    // The owners of the bookings, venues, users and staff that notices are about.
    AuthModule,
    BookingsModule,
    VenuesModule,
    StaffingModule,
  ],
  providers: [
    NotificationsService,
    OutboxRelayService,
    ReminderScheduler,
    ReminderReconciler,
    ReminderSender,
    NotificationWriter,
    EmailChannel,
    WebhookChannel,
    WebhooksService,
    ChannelPreferencesService,
  ],
  exports: [
    NotificationsService,
    OutboxRelayService,
    ReminderScheduler,
    ReminderReconciler,
    ReminderSender,
    NotificationWriter,
    EmailChannel,
    WebhookChannel,
    WebhooksService,
    ChannelPreferencesService,
  ],
})
export class NotificationsModule {}
