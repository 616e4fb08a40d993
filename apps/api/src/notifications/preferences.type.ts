import { Field, InputType, ObjectType, registerEnumType } from '@nestjs/graphql';
import { IsBoolean, IsEnum } from 'class-validator';
import { NotificationChannel } from '@app/notifications';

registerEnumType(NotificationChannel, {
  name: 'NotificationChannel',
  valuesMap: {
    IN_APP: { description: 'Unread in the inbox (when off, notices arrive already read)' },
    SUBSCRIPTION: { description: 'Pushed over notificationReceived' },
    EMAIL: { description: 'Sent by e-mail' },
    WEBHOOK: { description: 'POSTed to your webhook endpoints' },
  },
});

@ObjectType('ChannelPreference')
export class ChannelPreferenceType {
  @Field(() => NotificationChannel)
  channel: NotificationChannel;

  @Field()
  enabled: boolean;
}

@InputType()
export class ChannelPreferenceInput {
  @Field(() => NotificationChannel)
  @IsEnum(NotificationChannel)
  channel: NotificationChannel;

  @Field()
  @IsBoolean()
  enabled: boolean;
}
