import { randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In } from 'typeorm';
import { Actor } from '@app/auth';
import { Message } from '@app/common';
import { APP_CONFIG, AppConfig } from '@app/config';
import { WebhookDeliveryStatus } from '../notification-enums';
import {
  NotificationError,
  NotificationErrorCode,
  WebhookTargetRefusedError,
} from '../notifications.errors';
import { WebhookAttemptEntity } from './webhook-attempt.entity';
import { WebhookChannel } from './webhook-channel';
import { WebhookDeliveryEntity } from './webhook-delivery.entity';
import { WebhookEndpointEntity } from './webhook-endpoint.entity';
import { checkWebhookTarget } from './webhook-target';
import { notificationMessages } from '../notifications.messages';

export const MAX_ACTIVE_WEBHOOKS = 5;

export interface WebhookRegistration {
  endpoint: WebhookEndpointEntity;
  /** The signing secret, shown this once. */
  secret: string;
}

export interface DeliveryWithAttempts extends WebhookDeliveryEntity {
  log: WebhookAttemptEntity[];
}

const badUrl = (message: Message) =>
  new NotificationError(NotificationErrorCode.BAD_USER_INPUT, message, 'url');
const notRedeliverable = (message: Message) =>
  new NotificationError(NotificationErrorCode.INVALID_TRANSITION, message, 'deliveryId');

/** Registering, listing and retiring one's own webhook endpoints, their delivery log, redelivery. */
@Injectable()
export class WebhooksService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly channel: WebhookChannel,
  ) {}

  async register(
    actor: Actor,
    input: { url: string; description?: string | null },
  ): Promise<WebhookRegistration> {
    const description = input.description?.trim() || null;
    if (description && description.length > 200)
      throw new NotificationError(
        NotificationErrorCode.BAD_USER_INPUT,
        notificationMessages.atMostCharacters(200),
        'description',
      );
    const url = await this.checkedUrl(input.url);
    const endpoints = this.dataSource.getRepository(WebhookEndpointEntity);
    if ((await endpoints.countBy({ ownerId: actor.userId, active: true })) >= MAX_ACTIVE_WEBHOOKS)
      throw badUrl(notificationMessages.tooManyWebhooks(MAX_ACTIVE_WEBHOOKS));
    const secret = `whsec_${randomBytes(24).toString('base64url')}`;
    const endpoint = await endpoints.save(
      endpoints.create({
        ownerId: actor.userId,
        url: url.toString(),
        description,
        secret,
        active: true,
        disabledReason: null,
        createdAt: new Date(),
      }),
    );
    return { endpoint, secret };
  }

  list(actor: Actor): Promise<WebhookEndpointEntity[]> {
    return this.dataSource
      .getRepository(WebhookEndpointEntity)
      .find({ where: { ownerId: actor.userId }, order: { id: 'DESC' } });
  }

  /** Stops deliveries to it; its log stays readable. */
  async remove(actor: Actor, id: string): Promise<WebhookEndpointEntity> {
    const endpoints = this.dataSource.getRepository(WebhookEndpointEntity);
    const endpoint = await endpoints.findOneBy({ id, ownerId: actor.userId });
    if (!endpoint)
      throw new NotificationError(
        NotificationErrorCode.NOT_FOUND,
        notificationMessages.noSuchWebhook(),
      );
    if (endpoint.active) {
      endpoint.active = false;
      endpoint.disabledReason = 'removed by its owner';
      await endpoints.save(endpoint);
    }
    return endpoint;
  }

  /**
   * Tries a FAILED delivery of one of the caller's endpoints again, with fresh attempts. Another
   * person's delivery is as unknown as a missing one.
   */
  async redeliver(actor: Actor, deliveryId: string): Promise<DeliveryWithAttempts> {
    const delivery = await this.dataSource
      .getRepository(WebhookDeliveryEntity)
      .findOneBy({ id: deliveryId });
    const endpoint =
      delivery &&
      (await this.dataSource
        .getRepository(WebhookEndpointEntity)
        .findOneBy({ id: delivery.endpointId, ownerId: actor.userId }));
    if (!delivery || !endpoint) {
      throw new NotificationError(
        NotificationErrorCode.NOT_FOUND,
        notificationMessages.noWebhookDelivery(deliveryId),
        'deliveryId',
      );
    }
    if (!endpoint.active)
      throw notRedeliverable(
        notificationMessages.endpointRetired(endpoint.disabledReason ?? 'retired'),
      );
    if (delivery.status !== WebhookDeliveryStatus.FAILED)
      throw notRedeliverable(notificationMessages.onlyFailedRedelivered(delivery.status));
    if (!(await this.channel.redeliver(delivery.id)))
      throw notRedeliverable(notificationMessages.beingRedelivered());
    const [redelivered] = await this.withLog([
      await this.dataSource
        .getRepository(WebhookDeliveryEntity)
        .findOneByOrFail({ id: deliveryId }),
    ]);
    return redelivered;
  }

  /** The newest deliveries of several endpoints, each with its attempts in order. */
  async deliveries(endpointIds: string[], perEndpoint: number): Promise<DeliveryWithAttempts[]> {
    if (!endpointIds.length) return [];
    const rows: WebhookDeliveryEntity[] = [];
    for (const endpointId of endpointIds) {
      rows.push(
        ...(await this.dataSource
          .getRepository(WebhookDeliveryEntity)
          .find({ where: { endpointId }, order: { id: 'DESC' }, take: perEndpoint })),
      );
    }
    return this.withLog(rows);
  }

  private async withLog(rows: WebhookDeliveryEntity[]): Promise<DeliveryWithAttempts[]> {
    const attempts = rows.length
      ? await this.dataSource
          .getRepository(WebhookAttemptEntity)
          .find({ where: { deliveryId: In(rows.map((d) => d.id)) }, order: { id: 'ASC' } })
      : [];
    return rows.map((delivery) => ({
      ...delivery,
      log: attempts.filter((attempt) => attempt.deliveryId === delivery.id),
    }));
  }

  private async checkedUrl(text: string): Promise<URL> {
    let url: URL;
    try {
      url = new URL(text.trim());
    } catch {
      throw badUrl(notificationMessages.notAUrl());
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:')
      throw badUrl(notificationMessages.notHttp());
    if (url.username || url.password) throw badUrl(notificationMessages.credentialsInUrl());
    if (url.toString().length > 2000) throw badUrl(notificationMessages.atMostCharacters(2000));
    if (this.config.webhooks.allowPrivateTargets) return url;
    try {
      await checkWebhookTarget(url);
    } catch (error) {
      if (error instanceof WebhookTargetRefusedError)
        throw badUrl(notificationMessages.pointsAtPrivateAddress(error.host, error.address));
      throw badUrl(notificationMessages.doesNotResolve(url.hostname));
    }
    return url;
  }
}
