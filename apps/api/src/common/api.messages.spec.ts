import { Role } from '@app/auth';
import { describeMessages } from '@app/common/testing';
import { apiMessages } from './api.messages';

describeMessages('api', apiMessages, {
  serviceUnavailable: [],
  internalError: ['0b6c1f2e-5d1a-4c3e-9f0a-7d2b8e4c6a10'],
  invalidInput: [],
  notAValidId: ['venueId'],
  firstOutOfRange: [100],
  notACursor: [],
  givenAndCleared: ['contactName'],
  notAnInstant: ['from'],
  noReportTable: ['nothing', ['venues', 'unmet-demand']],
  noSuchCalendarFeed: [],
  metricsOnOwnPort: [],
  signInWithPassword: [],
  pageNotOpenTo: [Role.ORGANIZER],
});
