import { describeMessages } from '@app/common/testing';
import { Facility, VenueStatus } from '@app/venues';
import { BookingStatus, CalendarFeedKind, ProtocolLevel } from './booking-enums';
import { bookingMessages } from './bookings.messages';

const hall = { zh: '前门礼堂', en: 'Qianmen Hall' };
const from = new Date('2026-06-03T06:00:00Z');
const until = new Date('2026-06-03T08:30:00Z');

describeMessages('booking', bookingMessages, {
  noBooking: ['4711'],
  noVenue: ['815'],
  noSubdistrict: ['77'],
  noCalendarFeed: ['99'],
  noSuchCalendarFeed: [],
  onlyOrganizersBook: [],
  onlyOwnerChanges: [],
  onlyOwnerOrApproverCancels: [],
  badIdempotencyKey: [],
  idempotencyKeyReused: [],
  holdExpired: ['4711', from, 'Asia/Shanghai'],
  notInStatus: ['4711', BookingStatus.CANCELLED, [BookingStatus.HELD, BookingStatus.APPROVED]],
  notWaitingForApproval: ['4711', BookingStatus.APPROVED],
  waitsForDistrict: [],
  waitsForSubdistrict: [],
  nothingApprovedAt: [hall, VenueStatus.SUSPENDED],
  sayWhyCancelled: [],
  sayWhyRejected: [],
  notACountry: ['XX'],
  foreignGuestsOverAttendees: [],
  sameLanguageTwice: [],
  interpretationListedTwice: [],
  scheduleTooLong: [93],
  venueLeftResults: [],
  nameTheVenue: [],
  feedNotOfVenue: [CalendarFeedKind.ORGANIZER],
  venueFeedForManagers: [],
  securityFeedForCoordinators: [],
  organizerFeedForOrganizers: [],
  venueNotActive: [hall, VenueStatus.DRAFT],
  durationOutOfRange: [hall, 30, 480, 600],
  tooShortNotice: [hall, 48],
  tooFarAhead: [hall, 180],
  overCapacity: [hall, 120, 150],
  missingFacility: [hall, Facility.SIMULTANEOUS_INTERPRETATION_BOOTH, 1, 2],
  securityLevelTooLow: [ProtocolLevel.STATE, 3, hall, 2],
  outsideOpeningHours: [hall, 'Asia/Shanghai'],
  inBlackout: [hall, from, until, 'Asia/Shanghai', 'Consular briefing'],
  slotTaken: [hall, from, until, 'Asia/Shanghai'],
});

describe('booking messages of a time', () => {
  it('say it in the venue’s zone, and name the zone', () => {
    const taken = bookingMessages.slotTaken(hall, from, until, 'Asia/Shanghai');
    expect(taken.en).toBe(
      'Qianmen Hall is already booked for part of that time: busy 2026-06-03 14:00–16:30 (Asia/Shanghai)',
    );
    expect(taken.zh).toBe(
      '前门礼堂在该时间段内已有部分被预订：2026-06-03 14:00–16:30 (Asia/Shanghai) 已被占用',
    );
    expect(bookingMessages.holdExpired('4711', from, 'Europe/Paris').en).toBe(
      'The hold on booking 4711 expired at 2026-06-03 08:00 (Europe/Paris)',
    );
  });
});
