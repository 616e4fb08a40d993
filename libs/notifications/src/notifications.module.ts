import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { StaffingModule } from '@app/staffing';
import { EmailChannel } from './email-channel';
import { NotificationEntity } from './notification.entity';
import { NOTIFICATIONS_QUEUE } from './notification-jobs';
import { NotificationsService } from './notifications.service';
import { NotificationWriter } from './notification-writer';
import { OutboxRelayService } from './outbox-relay.service';
import { RemindersService } from './reminders.service';

/** The inbox and the outbox relay; the worker runs the relay and the event processing. */
@Module({
  imports: [
    TypeOrmModule.forFeature([NotificationEntity]),
    BullModule.registerQueue({ name: NOTIFICATIONS_QUEUE }),
    StaffingModule,
  ],
  providers: [
    NotificationsService,
    OutboxRelayService,
    RemindersService,
    NotificationWriter,
    EmailChannel,
  ],
  exports: [
    NotificationsService,
    OutboxRelayService,
    RemindersService,
    NotificationWriter,
    EmailChannel,
  ],
})
export class NotificationsModule {}
