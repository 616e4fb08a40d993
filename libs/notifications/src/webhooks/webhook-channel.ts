import { randomUUID } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { InjectQueue } from '@nestjs/bullmq';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Queue, UnrecoverableError } from 'bullmq';
import { DataSource, In } from 'typeorm';
import { APP_CONFIG, AppConfig } from '@app/config';
import { WebhookDeliveryStatus } from '../notification-enums';
import { NotificationEntity } from '../notification.entity';
import { WebhookTargetRefusedError } from '../notifications.errors';
import {
  NewNotificationJob,
  NOTIFICATIONS_QUEUE,
  NotificationJob,
  notificationJobs,
} from '../notifications.jobs';
import { WebhookAttemptEntity } from './webhook-attempt.entity';
import { WebhookDeliveryEntity } from './webhook-delivery.entity';
import { WebhookEndpointEntity } from './webhook-endpoint.entity';
import { signWebhook, WEBHOOK_HEADERS } from './webhook-signature';
import { checkWebhookTarget, publicOnlyLookup } from './webhook-target';

/** What an endpoint receives: the notification in both languages. */
export function webhookPayload(delivery: WebhookDeliveryEntity, notification: NotificationEntity) {
  return {
    id: delivery.id,
    event: 'notification.created',
    notification: {
      id: notification.id,
      kind: notification.kind,
      bookingId: notification.bookingId,
      critical: notification.critical,
      needsAcknowledgement: notification.needsAcknowledgement,
      createdAt: notification.createdAt.toISOString(),
      subject: { zh: notification.subjectZh, en: notification.subjectEn },
      body: { zh: notification.bodyZh, en: notification.bodyEn },
    },
  };
}

/**
 * Sends notifications to the endpoints their recipients registered. A delivery row exists once
 * per endpoint and notification and is tried by its own job until the endpoint answers 2xx; every
 * attempt is logged. Retries wait exponentially longer; 410 Gone retires the endpoint.
 */
@Injectable()
export class WebhookChannel {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @InjectQueue(NOTIFICATIONS_QUEUE) private readonly queue: Queue,
  ) {}

  /**
   * Creates the missing deliveries of these notifications and queues every pending one. Both
   * steps are idempotent, so a redelivered cause repairs a queueing lost in a crash.
   */
  async enqueue(notifications: NotificationEntity[]): Promise<number> {
    if (!notifications.length) return 0;
    const endpoints = await this.dataSource.getRepository(WebhookEndpointEntity).findBy({
      ownerId: In([...new Set(notifications.map((n) => n.recipientId))]),
      active: true,
    });
    const createdAt = new Date();
    const rows = notifications.flatMap((notification) =>
      endpoints
        // An endpoint hears of what happened after it was registered, not before.
        .filter(
          (e) => e.ownerId === notification.recipientId && e.createdAt <= notification.createdAt,
        )
        .map((endpoint) => ({
          endpointId: endpoint.id,
          notificationId: notification.id,
          status: WebhookDeliveryStatus.PENDING,
          attempts: 0,
          createdAt,
          deliveredAt: null,
        })),
    );
    if (!rows.length) return 0;
    await this.dataSource
      .createQueryBuilder()
      .insert()
      .into(WebhookDeliveryEntity)
      .values(rows)
      .orIgnore()
      .execute();
    const pending = await this.dataSource.getRepository(WebhookDeliveryEntity).findBy({
      notificationId: In(notifications.map((n) => n.id)),
      status: WebhookDeliveryStatus.PENDING,
    });
    await notificationJobs(this.queue).addBulk(
      pending.map((delivery) => this.job(delivery.id, `webhook-${delivery.id}`)),
    );
    return pending.length;
  }

  /**
   * Queues a FAILED delivery again, with a fresh round of attempts: the same delivery id and
   * payload, signed anew at each attempt. False when it is not FAILED (any more). The caller has
   * checked that the actor may.
   */
  async redeliver(deliveryId: string): Promise<boolean> {
    const deliveries = this.dataSource.getRepository(WebhookDeliveryEntity);
    // Only one of several concurrent calls turns it back to PENDING, so only one queues it.
    const { affected } = await deliveries.update(
      { id: deliveryId, status: WebhookDeliveryStatus.FAILED },
      { status: WebhookDeliveryStatus.PENDING },
    );
    if (!affected) return false;
    try {
      // A new job id: the failed round's job may still be kept under the old one.
      await notificationJobs(this.queue).addBulk([
        this.job(deliveryId, `webhook-${deliveryId}-again-${randomUUID()}`),
      ]);
    } catch (error) {
      // Not queued: leave it FAILED, to be redelivered later, rather than PENDING for ever.
      await deliveries.update(
        { id: deliveryId, status: WebhookDeliveryStatus.PENDING },
        { status: WebhookDeliveryStatus.FAILED },
      );
      throw error;
    }
    return true;
  }

  private job(deliveryId: string, jobId: string): NewNotificationJob {
    const { maxAttempts, retryBaseMs } = this.config.webhooks;
    return {
      name: NotificationJob.WEBHOOK,
      data: { deliveryId },
      opts: {
        jobId,
        attempts: maxAttempts,
        backoff: { type: 'exponential', delay: retryBaseMs },
        removeOnComplete: { age: 86_400 },
        removeOnFail: { age: 7 * 86_400 },
      },
    };
  }

  /**
   * One attempt at one delivery. Resolves when the endpoint accepted it (or there is nothing left
   * to do); throws to be retried, or an UnrecoverableError when retrying cannot help.
   */
  async attempt(deliveryId: string, lastAttempt: boolean): Promise<WebhookDeliveryStatus> {
    const deliveries = this.dataSource.getRepository(WebhookDeliveryEntity);
    const delivery = await deliveries.findOneBy({ id: deliveryId });
    if (!delivery || delivery.status !== WebhookDeliveryStatus.PENDING)
      return delivery?.status ?? WebhookDeliveryStatus.FAILED;
    const [endpoint, notification] = await Promise.all([
      this.dataSource
        .getRepository(WebhookEndpointEntity)
        .findOneByOrFail({ id: delivery.endpointId }),
      this.dataSource
        .getRepository(NotificationEntity)
        .findOneByOrFail({ id: delivery.notificationId }),
    ]);
    if (!endpoint.active) return this.settle(delivery, WebhookDeliveryStatus.FAILED);

    const body = JSON.stringify(webhookPayload(delivery, notification));
    const timestamp = Math.floor(Date.now() / 1000);
    const started = Date.now();
    let statusCode: number | null = null;
    let failure: Error | null = null;
    try {
      statusCode = await this.post(new URL(endpoint.url), body, {
        'content-type': 'application/json',
        'user-agent': 'dongcheng-venues-webhooks/1',
        [WEBHOOK_HEADERS.delivery]: delivery.id,
        [WEBHOOK_HEADERS.timestamp]: String(timestamp),
        [WEBHOOK_HEADERS.signature]: signWebhook(endpoint.secret, timestamp, body),
      });
    } catch (error) {
      failure = error as Error;
    }
    await this.log(delivery, statusCode, failure, Date.now() - started);

    if (statusCode !== null && statusCode >= 200 && statusCode < 300)
      return this.settle(delivery, WebhookDeliveryStatus.DELIVERED);
    const problem = failure?.message ?? `HTTP ${statusCode}`;
    if (statusCode === 410 || failure instanceof WebhookTargetRefusedError) {
      await this.dataSource
        .getRepository(WebhookEndpointEntity)
        .update({ id: endpoint.id }, { active: false, disabledReason: problem.slice(0, 300) });
      await this.settle(delivery, WebhookDeliveryStatus.FAILED);
      throw new UnrecoverableError(problem);
    }
    if (lastAttempt) await this.settle(delivery, WebhookDeliveryStatus.FAILED);
    throw new Error(problem);
  }

  /** POSTs without following redirects; the connection goes to public addresses only. */
  private async post(url: URL, body: string, headers: Record<string, string>): Promise<number> {
    const { allowPrivateTargets, timeoutMs } = this.config.webhooks;
    // Literal IP hosts skip DNS, so the lookup below would not see them.
    if (!allowPrivateTargets) await checkWebhookTarget(url);
    const request = url.protocol === 'https:' ? httpsRequest : httpRequest;
    return new Promise((resolve, reject) => {
      const outgoing = request(
        url,
        {
          method: 'POST',
          headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) },
          timeout: timeoutMs,
          ...(allowPrivateTargets ? {} : { lookup: publicOnlyLookup }),
        },
        (response) => {
          response.resume();
          response.on('end', () => resolve(response.statusCode ?? 0));
          response.on('error', reject);
        },
      );
      outgoing.on('timeout', () => outgoing.destroy(new Error(`no answer within ${timeoutMs} ms`)));
      outgoing.on('error', reject);
      outgoing.end(body);
    });
  }

  private async log(
    delivery: WebhookDeliveryEntity,
    statusCode: number | null,
    failure: Error | null,
    durationMs: number,
  ): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      await manager.insert(WebhookAttemptEntity, {
        deliveryId: delivery.id,
        attemptedAt: new Date(),
        statusCode,
        error: failure ? failure.message.slice(0, 500) : null,
        durationMs,
      });
      await manager.increment(WebhookDeliveryEntity, { id: delivery.id }, 'attempts', 1);
    });
  }

  private async settle(
    delivery: WebhookDeliveryEntity,
    status: WebhookDeliveryStatus,
  ): Promise<WebhookDeliveryStatus> {
    await this.dataSource
      .getRepository(WebhookDeliveryEntity)
      .update(
        { id: delivery.id, status: WebhookDeliveryStatus.PENDING },
        { status, deliveredAt: status === WebhookDeliveryStatus.DELIVERED ? new Date() : null },
      );
    return status;
  }
}
