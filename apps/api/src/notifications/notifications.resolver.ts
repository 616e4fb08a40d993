import { Inject } from '@nestjs/common';
import { Args, ID, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import { Actor, CurrentActor, Locale } from '@app/auth';
import { APP_CONFIG, AppConfig } from '@app/config';
import { NotificationsService } from '@app/notifications';
import { Connection, pageRequest, toConnection } from '../common/connection';
import { IdPipe } from '../common/id.pipe';
import { Ctx, GraphQLContext } from '../graphql/graphql-context';
import { NotificationConnection, NotificationType } from './notification.type';

@Resolver(() => NotificationType)
export class NotificationsResolver {
  constructor(
    private readonly inbox: NotificationsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Query(() => NotificationConnection, { description: 'The caller’s inbox, newest first' })
  async notifications(
    @CurrentActor() actor: Actor,
    @Ctx() { loaders }: GraphQLContext,
    @Args('unreadOnly', { defaultValue: false }) unreadOnly: boolean,
    @Args('first', { type: () => Int, defaultValue: 20 }) first: number,
    @Args('after', { type: () => String, nullable: true }) after: string | undefined,
  ): Promise<Connection<NotificationType>> {
    const page = pageRequest(first, after, this.config.graphql.maxPageSize);
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

  private async localeOf(actor: Actor, loaders: GraphQLContext['loaders']): Promise<Locale> {
    return (await loaders.user.load(actor.userId))?.locale ?? Locale.ZH_CN;
  }
}
