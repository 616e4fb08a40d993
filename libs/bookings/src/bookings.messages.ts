import { Bilingual, messages, timeRange, zonedTime } from '@app/common';
import { Facility, VenueStatus } from '@app/venues';
import { BookingStatus, CalendarFeedKind, ProtocolLevel } from './booking-enums';

/** What booking errors say, in both languages (see DomainError); times in the venue's zone. */
export const bookingMessages = messages({
  noBooking: (id: string) => ({ zh: `没有预订 ${id}`, en: `No booking ${id}` }),
  noVenue: (id: string) => ({ zh: `没有场地 ${id}`, en: `No venue ${id}` }),
  noSubdistrict: (id: string) => ({ zh: `没有街道 ${id}`, en: `No subdistrict ${id}` }),
  noCalendarFeed: (id: string) => ({ zh: `没有日历订阅 ${id}`, en: `No calendar feed ${id}` }),
  noSuchCalendarFeed: () => ({ zh: '没有这个日历订阅', en: 'No such calendar feed' }),
  onlyOrganizersBook: () => ({ zh: '只有主办方可以预订场地', en: 'Only organizers book venues' }),
  onlyOwnerChanges: () => ({
    zh: '只有提交预订的主办方可以修改预订',
    en: 'Only the organizer who made the booking may change it',
  }),
  onlyOwnerOrApproverCancels: () => ({
    zh: '只有主办方或审批人可以取消此预订',
    en: 'Only the organizer or an approver may cancel this booking',
  }),
  badIdempotencyKey: () => ({
    zh: 'idempotencyKey 须为 1 到 100 个字母、数字或 . _ : -',
    en: 'idempotencyKey must be 1 to 100 letters, digits or . _ : -',
  }),
  idempotencyKeyReused: () => ({
    zh: '此幂等键已用于另一个请求，请使用新的键',
    en: 'This idempotency key was used for a different request; use a new key',
  }),
  holdExpired: (id: string, expiredAt: Date, zone: string) => ({
    zh: `预订 ${id} 的预留已于 ${zonedTime(expiredAt, zone)} 过期`,
    en: `The hold on booking ${id} expired at ${zonedTime(expiredAt, zone)}`,
  }),
  notInStatus: (id: string, status: BookingStatus, allowed: readonly BookingStatus[]) => ({
    zh: `预订 ${id} 当前为 ${status}；此操作需要 ${allowed.join(' 或 ')}`,
    en: `Booking ${id} is ${status}; this needs ${allowed.join(' or ')}`,
  }),
  notWaitingForApproval: (id: string, status: BookingStatus) => ({
    zh: `预订 ${id} 当前为 ${status}，不在等待审批`,
    en: `Booking ${id} is ${status}, not waiting for approval`,
  }),
  waitsForDistrict: () => ({
    zh: '此预订等待区外事办审批',
    en: 'This booking waits for the district Foreign Affairs Office',
  }),
  waitsForSubdistrict: () => ({
    zh: '此预订等待场地所在街道审批',
    en: "This booking waits for the venue's subdistrict",
  }),
  nothingApprovedAt: (venue: Bilingual, status: VenueStatus) => ({
    zh: `${venue.zh}当前为 ${status}：该场地不批准任何预订；主办方可以把预订改到其他场地或取消`,
    en: `${venue.en} is ${status}: nothing is approved there; the organizer can move the booking to another venue or cancel it`,
  }),
  sayWhyCancelled: () => ({ zh: '请说明取消预订的原因', en: 'Say why the booking is cancelled' }),
  sayWhyRejected: () => ({ zh: '请说明驳回预订的原因', en: 'Say why the booking is rejected' }),
  notACountry: (code: string) => ({
    zh: `${code} 不是 ISO 3166-1 国家代码`,
    en: `${code} is not an ISO 3166-1 country code`,
  }),
  foreignGuestsOverAttendees: () => ({
    zh: 'foreignGuests 不能超过 attendees',
    en: 'foreignGuests cannot exceed attendees',
  }),
  sameLanguageTwice: () => ({
    zh: '口译需要两种不同的语言',
    en: 'Interpretation needs two different languages',
  }),
  interpretationListedTwice: () => ({
    zh: '此口译需求重复列出',
    en: 'This interpretation need is listed twice',
  }),
  scheduleTooLong: (days: number) => ({
    zh: `日程最多跨 ${days} 天`,
    en: `A schedule spans at most ${days} days`,
  }),
  venueLeftResults: () => ({
    zh: '该场地已不在结果中，请重新搜索',
    en: 'That venue is no longer in the results; search again',
  }),
  nameTheVenue: () => ({
    zh: '请指明要订阅哪个场地的日历',
    en: 'Name the venue whose calendar you want',
  }),
  feedNotOfVenue: (kind: CalendarFeedKind) => ({
    zh: `${kind} 日历不属于某个场地`,
    en: `A ${kind} feed is not of a venue`,
  }),
  venueFeedForManagers: () => ({
    zh: '只有场地所在街道或区级可以订阅其日历',
    en: "Only the venue's subdistrict or the district may subscribe to its calendar",
  }),
  securityFeedForCoordinators: () => ({
    zh: '只有安保协调员有涉外活动日历',
    en: 'Only security coordinators have a calendar of foreign-related events',
  }),
  organizerFeedForOrganizers: () => ({
    zh: '只有主办方有自己预订的日历',
    en: 'Only organizers have a calendar of their own bookings',
  }),
  // The rules of a venue (checkVenueRules) and the obstacles at the slot.
  venueNotActive: (venue: Bilingual, status: VenueStatus) => ({
    zh: `场地${venue.zh}当前为 ${status}，不接受预订`,
    en: `Venue ${venue.en} is ${status} and takes no bookings`,
  }),
  durationOutOfRange: (venue: Bilingual, min: number, max: number, minutes: number) => ({
    zh: `${venue.zh}的预订时长须为 ${min} 到 ${max} 分钟；此预订为 ${minutes} 分钟`,
    en: `Bookings at ${venue.en} last ${min} to ${max} minutes; this one lasts ${minutes}`,
  }),
  tooShortNotice: (venue: Bilingual, hours: number) => ({
    zh: `${venue.zh}需要提前 ${hours} 小时预订`,
    en: `${venue.en} needs ${hours} hours' notice`,
  }),
  tooFarAhead: (venue: Bilingual, days: number) => ({
    zh: `${venue.zh}最多接受提前 ${days} 天的预订`,
    en: `${venue.en} takes bookings at most ${days} days ahead`,
  }),
  overCapacity: (venue: Bilingual, capacity: number, attendees: number) => ({
    zh: `${venue.zh}最多容纳 ${capacity} 人；申请了 ${attendees} 人`,
    en: `${venue.en} holds ${capacity}; ${attendees} attendees were asked for`,
  }),
  missingFacility: (venue: Bilingual, facility: Facility, available: number, needed: number) => ({
    zh: `${venue.zh}有 ${available} × ${facility}；需要 ${needed}`,
    en: `${venue.en} has ${available} × ${facility}; ${needed} needed`,
  }),
  securityLevelTooLow: (
    level: ProtocolLevel,
    required: number,
    venue: Bilingual,
    venueLevel: number,
  ) => ({
    zh: `${level} 级活动需要安保等级 ${required}；${venue.zh}为 ${venueLevel}`,
    en: `${level} events need security level ${required}; ${venue.en} has ${venueLevel}`,
  }),
  outsideOpeningHours: (venue: Bilingual, zone: string) => ({
    zh: `${venue.zh}在整个时段（含布置和撤场）内并非都开放（${zone}）`,
    en: `${venue.en} is not open for the whole time including setup and teardown (${zone})`,
  }),
  inBlackout: (venue: Bilingual, from: Date, until: Date, zone: string, reason: string) => ({
    zh: `${venue.zh}在 ${timeRange(from, until, zone)} 不可用：${reason}`,
    en: `${venue.en} is unavailable ${timeRange(from, until, zone)}: ${reason}`,
  }),
  slotTaken: (venue: Bilingual, from: Date, until: Date, zone: string) => ({
    zh: `${venue.zh}在该时间段内已有部分被预订：${timeRange(from, until, zone)} 已被占用`,
    en: `${venue.en} is already booked for part of that time: busy ${timeRange(from, until, zone)}`,
  }),
});
