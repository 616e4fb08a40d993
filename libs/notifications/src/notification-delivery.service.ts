import { InjectQueue } from '@nestjs/bullmq';
import { Inject, Injectable, OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Queue } from 'bullmq';
import { RedisPubSub } from 'graphql-redis-subscriptions';
import { DataSource, In } from 'typeorm';
import { APP_CONFIG, AppConfig } from '@app/config';
import { createRedisClient } from '@app/database';
import { ChannelPreferencesService } from './channel-preferences.service';
import { EmailChannel } from './email-channel';
import { NotificationChannel } from './notification-enums';
import { NotificationEntity } from './notification.entity';
import { NOTIFICATIONS_QUEUE, NotificationJob, notificationJobs } from './notifications.jobs';
import { WebhookChannel } from './webhooks/webhook-channel';

export type NewNotification = Omit<
  NotificationEntity,
  'id' | 'createdAt' | 'readAt' | 'acknowledgedAt' | 'emailedAt' | 'supersededAt'
>;

/** What the subscription channel carries: the row, for its recipient's API connections. */
export interface NotificationMessage {
  recipientId: string;
  notification: NotificationEntity;
}

/**
 * Delivers notifications: each is written once (its delivery key is unique, so a redelivered
 * cause adds nothing); the ones really new are published on Redis, where every API instance
 * hears them for its subscribers; e-mails not yet sent are queued when SMTP is configured, and
 * webhook deliveries are made, both idempotently. Each channel honours its recipient's preferences except for
 * critical notices.
 */
@Injectable()
export class NotificationDeliveryService implements OnApplicationShutdown {
  readonly pubsub: RedisPubSub;
  readonly channel: string;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly email: EmailChannel,
    private readonly webhooks: WebhookChannel,
    private readonly preferences: ChannelPreferencesService,
    @InjectQueue(NOTIFICATIONS_QUEUE) private readonly queue: Queue,
  ) {
    // On a Redis Cluster a PUBLISH on any node reaches subscribers on every node.
    this.pubsub = new RedisPubSub({
      publisher: createRedisClient(config.redis, 'pubsub'),
      subscriber: createRedisClient(config.redis, 'pubsub'),
    });
    this.channel = `${config.redis.queuePrefix}:notification-received`;
  }

  async deliver(rows: NewNotification[]): Promise<number> {
    if (!rows.length) return 0;
    const muted = await this.preferences.mutedFor(rows.map((row) => row.recipientId));
    const wants = (notification: NewNotification, channel: NotificationChannel) =>
      notification.critical || !muted.get(notification.recipientId)?.has(channel);
    const createdAt = new Date();
    await this.dataSource
      .createQueryBuilder()
      .insert()
      .into(NotificationEntity)
      .values(
        rows.map((row) => ({
          ...row,
          createdAt,
          // The inbox records everything; what its owner muted there arrives already read.
          readAt: wants(row, NotificationChannel.IN_APP) ? null : createdAt,
          acknowledgedAt: null,
          emailedAt: null,
        })),
      )
      .orIgnore()
      .execute();
    const stored = await this.dataSource.getRepository(NotificationEntity).findBy({
      deliveryKey: In(rows.map((row) => row.deliveryKey)),
    });
    // Rows that were there already keep their older creation time.
    const fresh = stored.filter((n) => n.createdAt.getTime() === createdAt.getTime());
    for (const notification of fresh.filter((n) => wants(n, NotificationChannel.SUBSCRIPTION))) {
      await this.pubsub.publish(this.channel, {
        recipientId: notification.recipientId,
        notification,
      } satisfies NotificationMessage);
    }
    // Not only the fresh ones: a cause redelivered after a crash re-queues what was not sent.
    const emails = stored.filter((n) => !n.emailedAt && wants(n, NotificationChannel.EMAIL));
    if (this.email.enabled && emails.length) {
      await notificationJobs(this.queue).addBulk(
        emails.map((notification) => ({
          name: NotificationJob.EMAIL,
          data: { notificationId: notification.id },
          opts: {
            jobId: `email-${notification.id}`,
            attempts: 6,
            backoff: { type: 'exponential', delay: 2000 },
            removeOnComplete: { age: 86_400 },
            removeOnFail: { age: 7 * 86_400 },
          },
        })),
      );
    }
    await this.webhooks.enqueue(stored.filter((n) => wants(n, NotificationChannel.WEBHOOK)));
    return fresh.length;
  }

  /** Last, after the subscription server has ended its subscriptions (they unsubscribe here). */
  async onApplicationShutdown(): Promise<void> {
    await this.pubsub.close();
  }
}
