import { Args, ID, Int, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { Actor, CurrentActor } from '@app/auth';
import { ChannelPreferencesService, WebhooksService } from '@app/notifications';
import { ChannelPreferenceInput, ChannelPreferenceType } from './preferences.type';
import {
  RegisterWebhookInput,
  WebhookDeliveryType,
  WebhookEndpointType,
  WebhookRegistrationType,
} from './webhook.type';
import { IdPipe } from '../common/id.pipe';

/** The caller's own channels: webhook endpoints with their delivery log, and preferences. */
@Resolver(() => WebhookEndpointType)
export class WebhooksResolver {
  constructor(
    private readonly webhooks: WebhooksService,
    private readonly preferences: ChannelPreferencesService,
  ) {}

  @Query(() => [WebhookEndpointType], { description: 'The caller’s webhook endpoints' })
  async webhookEndpoints(@CurrentActor() actor: Actor): Promise<WebhookEndpointType[]> {
    return (await this.webhooks.list(actor)).map(WebhookEndpointType.from);
  }

  @Mutation(() => WebhookRegistrationType, {
    description: 'Your notifications will also be POSTed there, signed; the secret is shown once',
  })
  async registerWebhook(
    @CurrentActor() actor: Actor,
    @Args('input') input: RegisterWebhookInput,
  ): Promise<WebhookRegistrationType> {
    const { endpoint, secret } = await this.webhooks.register(actor, input);
    return { endpoint: WebhookEndpointType.from(endpoint), secret };
  }

  @Mutation(() => WebhookEndpointType, { description: 'Stops deliveries; the log stays' })
  async removeWebhook(
    @CurrentActor() actor: Actor,
    @Args('id', { type: () => ID }, IdPipe) id: string,
  ): Promise<WebhookEndpointType> {
    return WebhookEndpointType.from(await this.webhooks.remove(actor, id));
  }

  @Mutation(() => WebhookDeliveryType, {
    description:
      'Queues a FAILED delivery of one of your endpoints again, with fresh attempts: the same delivery id and payload',
  })
  async redeliverWebhook(
    @CurrentActor() actor: Actor,
    @Args('deliveryId', { type: () => ID }, IdPipe) deliveryId: string,
  ): Promise<WebhookDeliveryType> {
    return WebhookDeliveryType.from(await this.webhooks.redeliver(actor, deliveryId));
  }

  @ResolveField(() => [WebhookDeliveryType], { description: 'Newest first, with every attempt' })
  async deliveries(
    @Parent() endpoint: WebhookEndpointType,
    @Args('first', { type: () => Int, defaultValue: 20 }) first: number,
  ): Promise<WebhookDeliveryType[]> {
    const limit = Math.min(Math.max(first, 1), 100);
    return (await this.webhooks.deliveries([endpoint.id], limit)).map(WebhookDeliveryType.from);
  }

  @Query(() => [ChannelPreferenceType], {
    description: 'Every channel and whether it is on; critical notices ignore these',
  })
  notificationPreferences(@CurrentActor() actor: Actor): Promise<ChannelPreferenceType[]> {
    return this.preferences.of(actor.userId);
  }

  @Mutation(() => [ChannelPreferenceType], {
    description: 'Turns the given channels on or off; the others stay as they are',
  })
  setNotificationPreferences(
    @CurrentActor() actor: Actor,
    @Args('input', { type: () => [ChannelPreferenceInput] }) input: ChannelPreferenceInput[],
  ): Promise<ChannelPreferenceType[]> {
    return this.preferences.set(actor.userId, input);
  }
}
