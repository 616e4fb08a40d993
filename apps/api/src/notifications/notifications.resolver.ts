import { Inject } from '@nestjs/common';
import { Args, ID, Mutation, Query, Resolver, Subscription } from '@nestjs/graphql';
import { Actor, CurrentActor, Locale } from '@app/auth';
import { APP_CONFIG, AppConfig } from '@app/config';
import {
  NotificationDeliveryService,
  NotificationEntity,
  NotificationMessage,
  NotificationsService,
} from '@app/notifications';
import { NotificationConnection, NotificationType } from './notification.type';
import { Connection, ConnectionArgs, pageRequest, toConnection } from '../common/connection';
import { IdPipe } from '../common/id.pipe';
import { Ctx, GraphQLContext } from '../graphql/graphql-context';

@Resolver(() => NotificationType)
export class NotificationsResolver {
  constructor(
    private readonly inbox: NotificationsService,
    private readonly writer: NotificationDeliveryService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Query(() => NotificationConnection, { description: 'The caller’s inbox, newest first' })
  async notifications(
    @CurrentActor() actor: Actor,
    @Ctx() { loaders }: GraphQLContext,
    @Args('unreadOnly', { defaultValue: false }) unreadOnly: boolean,
    @Args() paging: ConnectionArgs,
  ): Promise<Connection<NotificationType>> {
    const page = pageRequest(paging, this.config.graphql.maxPageSize);
    const locale = await this.localeOf(actor, loaders);
    return toConnection(await this.inbox.inbox(actor, unreadOnly, page), (n) =>
      NotificationType.from(n, locale),
    );
  }

  @Mutation(() => NotificationType)
  async markNotificationRead(
    @CurrentActor() actor: Actor,
    @Ctx() { loaders }: GraphQLContext,
    @Args('id', { type: () => ID }, IdPipe) id: string,
  ): Promise<NotificationType> {
    const notification = await this.inbox.markRead(actor, id);
    return NotificationType.from(notification, await this.localeOf(actor, loaders));
  }

  @Mutation(() => NotificationType, { description: 'Confirms a notice that asks for it' })
  async acknowledgeNotification(
    @CurrentActor() actor: Actor,
    @Ctx() { loaders }: GraphQLContext,
    @Args('id', { type: () => ID }, IdPipe) id: string,
  ): Promise<NotificationType> {
    const notification = await this.inbox.acknowledge(actor, id);
    return NotificationType.from(notification, await this.localeOf(actor, loaders));
  }

  @Subscription(() => NotificationType, {
    description: 'Each new notification for the caller, from whichever instance caused it',
    filter: (message: NotificationMessage, _args, context: GraphQLContext) =>
      message.recipientId === context.req.actor?.userId,
    resolve(
      this: NotificationsResolver,
      message: NotificationMessage,
      _args,
      context: GraphQLContext,
    ) {
      return this.localeOf(context.req.actor!, context.loaders).then((locale) =>
        NotificationType.from(revive(message.notification), locale),
      );
    },
  })
  notificationReceived(@CurrentActor() _actor: Actor) {
    return this.writer.pubsub.asyncIterator(this.writer.channel);
  }

  private async localeOf(actor: Actor, loaders: GraphQLContext['loaders']): Promise<Locale> {
    return (await loaders.user.load(actor.userId))?.locale ?? Locale.ZH_CN;
  }
}

/** Dates travel through Redis as strings. */
function revive(notification: NotificationEntity): NotificationEntity {
  const date = (value: Date | string | null) => (value === null ? null : new Date(value));
  return {
    ...notification,
    createdAt: date(notification.createdAt)!,
    readAt: date(notification.readAt),
    acknowledgedAt: date(notification.acknowledgedAt),
  };
}
