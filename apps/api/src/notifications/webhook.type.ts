import { Field, ID, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import {
  DeliveryWithAttempts,
  WebhookAttemptEntity,
  WebhookDeliveryStatus,
  WebhookEndpointEntity,
} from '@app/notifications';
import { TextField } from '../common/text';

registerEnumType(WebhookDeliveryStatus, { name: 'WebhookDeliveryStatus' });

@InputType()
export class RegisterWebhookInput {
  @TextField(2000, {
    description: 'http(s) URL that accepts POSTs; private addresses are refused',
  })
  url: string;

  @TextField(200, { nullable: true })
  description?: string | null;
}

@ObjectType('WebhookAttempt', { description: 'One POST of a delivery, and what came back' })
export class WebhookAttemptType {
  @Field()
  attemptedAt: Date;

  @Field(() => Int, { nullable: true, description: 'Null when no HTTP answer came' })
  statusCode: number | null;

  @Field(() => String, { nullable: true })
  error: string | null;

  @Field(() => Int)
  durationMs: number;

  static from(entity: WebhookAttemptEntity): WebhookAttemptType {
    return Object.assign(new WebhookAttemptType(), entity);
  }
}

@ObjectType('WebhookDelivery')
export class WebhookDeliveryType {
  @Field(() => ID, { description: 'Sent as X-Venues-Delivery, the same on every retry' })
  id: string;

  @Field(() => ID)
  notificationId: string;

  @Field(() => WebhookDeliveryStatus)
  status: WebhookDeliveryStatus;

  @Field()
  createdAt: Date;

  @Field(() => Date, { nullable: true })
  deliveredAt: Date | null;

  @Field(() => [WebhookAttemptType])
  attempts: WebhookAttemptType[];

  static from({ log, attempts: _count, ...delivery }: DeliveryWithAttempts): WebhookDeliveryType {
    return Object.assign(new WebhookDeliveryType(), delivery, {
      attempts: log.map(WebhookAttemptType.from),
    });
  }
}

@ObjectType('WebhookEndpoint')
export class WebhookEndpointType {
  @Field(() => ID)
  id: string;

  @Field()
  url: string;

  @Field(() => String, { nullable: true })
  description: string | null;

  @Field({ description: 'False once removed, or retired after answering 410 Gone' })
  active: boolean;

  @Field(() => String, { nullable: true })
  disabledReason: string | null;

  @Field()
  createdAt: Date;

  static from({ secret: _secret, ownerId: _owner, ...fields }: WebhookEndpointEntity) {
    return Object.assign(new WebhookEndpointType(), fields);
  }
}

@ObjectType('WebhookRegistration')
export class WebhookRegistrationType {
  @Field(() => WebhookEndpointType)
  endpoint: WebhookEndpointType;

  @Field({
    description:
      'The HMAC-SHA256 key of X-Venues-Signature (over "<X-Venues-Timestamp>.<body>"); shown only now',
  })
  secret: string;
}
