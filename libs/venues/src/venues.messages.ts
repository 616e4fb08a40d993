import { Bilingual, messages } from '@app/common';
import { VenueStatus } from './venue-enums';

/** What venue errors say, in both languages (see DomainError). */
export const venueMessages = messages({
  noVenue: (id: string) => ({ zh: `没有场地 ${id}`, en: `No venue ${id}` }),
  unknownSubdistrict: (id: string) => ({ zh: `未知的街道 ${id}`, en: `Unknown subdistrict ${id}` }),
  ofAnotherSubdistrict: (id: string) => ({
    zh: `场地 ${id} 属于其他街道`,
    en: `Venue ${id} belongs to another subdistrict`,
  }),
  registerInOwnSubdistrict: () => ({
    zh: '您只能在本街道登记场地',
    en: 'You may register venues only in your own subdistrict',
  }),
  onlyDistrictReviews: () => ({
    zh: '只有区级可以审核场地',
    en: 'Only the district reviews venues',
  }),
  underReview: () => ({
    zh: '审核中的场地不能编辑，请等待审核结果',
    en: 'A venue under review cannot be edited; wait for the review',
  }),
  noChangeWaiting: (id: string) => ({
    zh: `场地 ${id} 没有待审核的变更`,
    en: `Venue ${id} has no change waiting for review`,
  }),
  cannotBecome: (
    id: string,
    status: VenueStatus,
    from: readonly VenueStatus[],
    to: VenueStatus,
  ) => ({
    zh: `场地 ${id} 当前为 ${status}；只有 ${from.join(' 或 ')} 的场地才能变为 ${to}`,
    en: `Venue ${id} is ${status}; only a ${from.join(' or ')} venue can become ${to}`,
  }),
  sayWhyChangeRejected: () => ({
    zh: '请说明驳回变更的原因',
    en: 'Say why the change is rejected',
  }),
  sayWhySentBack: () => ({ zh: '请说明退回场地的原因', en: 'Say why the venue is sent back' }),
  sayWhySuspended: () => ({ zh: '请说明暂停场地的原因', en: 'Say why the venue is suspended' }),
  sayWhyUnavailable: () => ({
    zh: '请说明场地不可用的原因',
    en: 'Say why the venue is unavailable',
  }),
  blackoutTooLong: (days: number) => ({
    zh: `停用时段最长 ${days} 天`,
    en: `A blackout may last at most ${days} days`,
  }),
  tooManyPeriods: (max: number, period: Bilingual) => ({
    zh: `最多 ${max} 个${period.zh}`,
    en: `At most ${max} ${period.en.toLowerCase()}s`,
  }),
  badWeekday: () => ({
    zh: 'weekday 须为 1（星期一）到 7（星期日）',
    en: 'weekday must be 1 (Monday) to 7 (Sunday)',
  }),
  badStartClock: (field: string) => ({
    zh: `${field} 须为 00:00 到 23:59 之间的 "HH:mm" 时间`,
    en: `${field} must be a time "HH:mm" from 00:00 to 23:59`,
  }),
  badEndClock: (field: string) => ({
    zh: `${field} 须为 00:00 到 24:00 之间的 "HH:mm" 时间`,
    en: `${field} must be a time "HH:mm" from 00:00 to 24:00`,
  }),
  zeroLengthPeriod: (period: Bilingual, n: number) => ({
    zh: `第 ${n} 个${period.zh}的时长不能为零（午夜请用 24:00）`,
    en: `${period.en} ${n} cannot be of zero length (use 24:00 for midnight)`,
  }),
  periodsOverlap: (period: Bilingual, later: number, earlier: number) => ({
    zh: `第 ${later} 个${period.zh}与第 ${earlier} 个时段重叠`,
    en: `${period.en} ${later} overlaps period ${earlier}`,
  }),
  durationsInverted: () => ({
    zh: 'maxDurationMinutes 不能小于 minDurationMinutes',
    en: 'maxDurationMinutes must not be below minDurationMinutes',
  }),
});
