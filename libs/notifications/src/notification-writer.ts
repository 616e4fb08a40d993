import { InjectQueue } from '@nestjs/bullmq';
import { Inject, Injectable, OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { APP_CONFIG, AppConfig } from '@app/config';
import { redisOptionsFor } from '@app/database';
import { RedisPubSub } from 'graphql-redis-subscriptions';
import { Queue } from 'bullmq';
import Redis from 'ioredis';
import { DataSource, In } from 'typeorm';
import { EmailChannel } from './email-channel';
import { NotificationEntity } from './notification.entity';
import { EmailJob, NOTIFICATIONS_QUEUE, NotificationJob } from './notification-jobs';

export type NewNotification = Omit<
  NotificationEntity,
  'id' | 'createdAt' | 'readAt' | 'acknowledgedAt'
>;

/** What the subscription channel carries: the row, for its recipient's API connections. */
export interface NotificationMessage {
  recipientId: string;
  notification: NotificationEntity;
}

/**
 * Delivers notifications: each is written once (its delivery key is unique, so a redelivered
 * cause adds nothing); the ones really new are published on Redis, where every API instance
 * hears them for its subscribers, and queued for e-mail when SMTP is configured.
 */
@Injectable()
export class NotificationWriter implements OnApplicationShutdown {
  readonly pubsub: RedisPubSub;
  readonly channel: string;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly email: EmailChannel,
    @InjectQueue(NOTIFICATIONS_QUEUE) private readonly queue: Queue,
  ) {
    const options = redisOptionsFor(config.redis.url);
    this.pubsub = new RedisPubSub({
      publisher: new Redis(options),
      subscriber: new Redis(options),
    });
    this.channel = `${config.redis.queuePrefix}:notification-received`;
  }

  async deliver(rows: NewNotification[]): Promise<number> {
    if (!rows.length) return 0;
    const createdAt = new Date();
    await this.dataSource
      .createQueryBuilder()
      .insert()
      .into(NotificationEntity)
      .values(rows.map((row) => ({ ...row, createdAt, readAt: null, acknowledgedAt: null })))
      .orIgnore()
      .execute();
    // Rows that were there already keep their older creation time.
    const fresh = await this.dataSource.getRepository(NotificationEntity).findBy({
      deliveryKey: In(rows.map((row) => row.deliveryKey)),
      createdAt,
    });
    for (const notification of fresh) {
      await this.pubsub.publish(this.channel, {
        recipientId: notification.recipientId,
        notification,
      } satisfies NotificationMessage);
    }
    if (this.email.enabled && fresh.length) {
      await this.queue.addBulk(
        fresh.map((notification) => ({
          name: NotificationJob.EMAIL,
          data: { notificationId: notification.id } satisfies EmailJob,
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
    return fresh.length;
  }

  /** Last, after the subscription server has ended its subscriptions (they unsubscribe here). */
  async onApplicationShutdown(): Promise<void> {
    await this.pubsub.close();
  }
}
