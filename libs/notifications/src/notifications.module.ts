import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuthModule } from '@app/auth';
import { BookingsModule } from '@app/bookings';
import { StaffingModule } from '@app/staffing';
import { VenuesModule } from '@app/venues';
import { ChannelPreferencesService, NotificationPreferenceEntity } from './channel-preferences';
import { EmailChannel } from './email-channel';
import { NOTIFICATIONS_QUEUE } from './notification-jobs';
import { NotificationWriter } from './notification-writer';
import { NotificationEntity } from './notification.entity';
import { NotificationsService } from './notifications.service';
import { OutboxRelayService } from './outbox-relay.service';
import { ReminderReconciler } from './reminder-reconciler';
import { ReminderScheduler } from './reminder-scheduler';
import { ReminderSender } from './reminder-sender';
import { WebhookChannel } from './webhooks/webhook-channel';
import {
  WebhookAttemptEntity,
  WebhookDeliveryEntity,
  WebhookEndpointEntity,
} from './webhooks/webhook.entities';
import { WebhooksService } from './webhooks/webhooks.service';

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
