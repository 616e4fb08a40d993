import { Field, ID, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Locale } from '@app/auth';
import { NotificationEntity, NotificationKind } from '@app/notifications';
import { ConnectionOf } from '../common/connection';

registerEnumType(NotificationKind, { name: 'NotificationKind' });

@ObjectType('Notification')
export class NotificationType {
  @Field(() => ID)
  id: string;

  @Field(() => NotificationKind)
  kind: NotificationKind;

  @Field(() => ID, { nullable: true })
  bookingId: string | null;

  @Field({ description: "In the recipient's language" })
  subject: string;

  @Field({ description: "In the recipient's language" })
  body: string;

  @Field()
  subjectZh: string;

  @Field()
  subjectEn: string;

  @Field()
  bodyZh: string;

  @Field()
  bodyEn: string;

  @Field({ description: 'Security notices and cancellations: sent whatever the preferences' })
  critical: boolean;

  @Field()
  needsAcknowledgement: boolean;

  @Field()
  createdAt: Date;

  @Field(() => Date, { nullable: true })
  readAt: Date | null;

  @Field(() => Date, { nullable: true })
  acknowledgedAt: Date | null;

  @Field(() => Date, {
    nullable: true,
    description:
      'When a later notice about the same event replaced this one (it then needs no acknowledgement)',
  })
  supersededAt: Date | null;

  static from(entity: NotificationEntity, locale: Locale): NotificationType {
    const { recipientId: _recipient, deliveryKey: _key, ...fields } = entity;
    const chinese = locale === Locale.ZH_CN;
    return Object.assign(new NotificationType(), fields, {
      subject: chinese ? entity.subjectZh : entity.subjectEn,
      body: chinese ? entity.bodyZh : entity.bodyEn,
    });
  }
}

export const NotificationConnection = ConnectionOf(NotificationType, 'Notification');
