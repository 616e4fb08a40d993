import { describeMessages } from '@app/common/testing';
import { VenueStatus } from './venue-enums';
import { venueMessages } from './venues.messages';

describeMessages('venue', venueMessages, {
  noVenue: ['4711'],
  unknownSubdistrict: ['77'],
  ofAnotherSubdistrict: ['4711'],
  registerInOwnSubdistrict: [],
  onlyDistrictReviews: [],
  underReview: [],
  noChangeWaiting: ['4711'],
  cannotBecome: ['4711', VenueStatus.DRAFT, [VenueStatus.ACTIVE], VenueStatus.SUSPENDED],
  sayWhyChangeRejected: [],
  sayWhySentBack: [],
  sayWhySuspended: [],
  sayWhyUnavailable: [],
  blackoutTooLong: [366],
  tooManyPeriods: [50, { zh: '开放时段', en: 'Opening period' }],
  badWeekday: [],
  badStartClock: ['opens'],
  badEndClock: ['closes'],
  zeroLengthPeriod: [{ zh: '开放时段', en: 'Opening period' }, 3],
  periodsOverlap: [{ zh: '开放时段', en: 'Opening period' }, 4, 2],
  durationsInverted: [],
});
