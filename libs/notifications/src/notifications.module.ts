import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuthModule } from '@app/auth';
import { BookingsModule } from '@app/bookings';
import { StaffingModule } from '@app/staffing';
import { VenuesModule } from '@app/venues';
import { ChannelPreferencesService } from './channel-preferences.service';
import { EmailChannel } from './email-channel';
import { NotificationDeliveryService } from './notification-delivery.service';
import { NotificationPreferenceEntity } from './notification-preference.entity';
import { NotificationEntity } from './notification.entity';
import { NOTIFICATIONS_QUEUE } from './notifications.jobs';
import { NotificationsService } from './notifications.service';
import { OutboxRelayService } from './outbox-relay.service';
import { ReminderDeliveryService } from './reminder-delivery.service';
import { ReminderReconciliationService } from './reminder-reconciliation.service';
import { ReminderSchedulingService } from './reminder-scheduling.service';
import { VenueNoticesService } from './venue-notices.service';
import { WebhookAttemptEntity } from './webhooks/webhook-attempt.entity';
import { WebhookChannel } from './webhooks/webhook-channel';
import { WebhookDeliveryEntity } from './webhooks/webhook-delivery.entity';
import { WebhookEndpointEntity } from './webhooks/webhook-endpoint.entity';
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
    ReminderSchedulingService,
    ReminderReconciliationService,
    ReminderDeliveryService,
    NotificationDeliveryService,
    EmailChannel,
    WebhookChannel,
    WebhooksService,
    ChannelPreferencesService,
    VenueNoticesService,
  ],
  exports: [
    NotificationsService,
    OutboxRelayService,
    ReminderSchedulingService,
    ReminderReconciliationService,
    ReminderDeliveryService,
    NotificationDeliveryService,
    EmailChannel,
    WebhookChannel,
    WebhooksService,
    ChannelPreferencesService,
  ],
})
export class NotificationsModule {}
