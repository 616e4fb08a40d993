import { messages } from '@app/common';

/** What report and rating errors say, in both languages (see DomainError). */
export const reportMessages = messages({
  noBooking: (id: string) => ({ zh: `没有预订 ${id}`, en: `No booking ${id}` }),
  noSubdistrict: (id: string) => ({ zh: `没有街道 ${id}`, en: `No subdistrict ${id}` }),
  reportTooLong: (days: number) => ({
    zh: `报表最多覆盖 ${days} 天`,
    en: `A report covers at most ${days} days`,
  }),
  ownSubdistrictOnly: () => ({
    zh: '街道管理员只能查看本街道的报表',
    en: 'A subdistrict manager reads the report of their own subdistrict',
  }),
  reportsForAdminsAndManagers: () => ({
    zh: '报表只对区级管理员和街道管理员开放',
    en: 'Reports are for the district admin and the subdistrict managers',
  }),
  scoreOneToFive: (field: string) => ({
    zh: `${field} 须为 1 到 5 的整数`,
    en: `${field} must be a whole number from 1 to 5`,
  }),
  commentTooLong: (max: number) => ({
    zh: `comment 最多 ${max} 个字符`,
    en: `comment must be at most ${max} characters`,
  }),
  onlyOwnerRates: () => ({
    zh: '只有提交预订的主办方可以评价',
    en: 'Only the organizer who made the booking may rate it',
  }),
  notCompleted: (id: string, status: string) => ({
    zh: `预订 ${id} 当前为 ${status}：只有 COMPLETED 的预订可以评价`,
    en: `Booking ${id} is ${status}: only a COMPLETED booking can be rated`,
  }),
  alreadyRated: (id: string) => ({
    zh: `预订 ${id} 已经评价过`,
    en: `Booking ${id} has been rated already`,
  }),
});
