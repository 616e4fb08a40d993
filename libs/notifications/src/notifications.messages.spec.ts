import { describeMessages } from '@app/common/testing';
import { notificationMessages } from './notifications.messages';

describeMessages('notification', notificationMessages, {
  noNotification: ['4711'],
  noAcknowledgementAsked: ['4711'],
  noSuchWebhook: [],
  noWebhookDelivery: ['815'],
  atMostCharacters: [200],
  tooManyWebhooks: [10],
  notAUrl: [],
  notHttp: [],
  credentialsInUrl: [],
  pointsAtPrivateAddress: ['intranet.example', '10.0.0.7'],
  doesNotResolve: ['nowhere.invalid'],
  endpointRetired: ['removed by its owner'],
  onlyFailedRedelivered: ['DELIVERED'],
  beingRedelivered: [],
});
