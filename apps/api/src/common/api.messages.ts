import { Role } from '@app/auth';
import { messages } from '@app/common';

/** What errors raised at the API edge say, in both languages (see DomainError). */
export const apiMessages = messages({
  serviceUnavailable: () => ({
    zh: '服务暂时不可用，请稍后重试',
    en: 'The service is briefly unavailable; try again shortly',
  }),
  internalError: (errorId: string) => ({
    zh: `内部错误（编号 ${errorId}）`,
    en: `Internal error (id ${errorId})`,
  }),
  invalidInput: () => ({ zh: '输入无效', en: 'Invalid input' }),
  notAValidId: (field: string) => ({
    zh: `${field} 不是有效的 id`,
    en: `${field} is not a valid id`,
  }),
  firstOutOfRange: (max: number) => ({
    zh: `first 须在 1 到 ${max} 之间`,
    en: `first must be between 1 and ${max}`,
  }),
  notACursor: () => ({
    zh: 'after 不是本 API 返回的游标',
    en: 'after is not a cursor returned by this API',
  }),
  givenAndCleared: (field: string) => ({
    zh: `${field} 不能同时给出又清除`,
    en: `${field} is both given and cleared`,
  }),
  notAnInstant: (field: string) => ({
    zh: `${field} 必须是 ISO 8601 日期或时间`,
    en: `${field} must be an ISO 8601 date or time`,
  }),
  noReportTable: (table: string, tables: readonly string[]) => ({
    zh: `没有报表 ${table}；可用的报表有 ${tables.join(', ')}`,
    en: `No report table ${table}; there are ${tables.join(', ')}`,
  }),
  noSuchCalendarFeed: () => ({ zh: '没有这个日历订阅', en: 'No such calendar feed' }),
  metricsOnOwnPort: () => ({
    zh: '监控指标在单独的端口上提供',
    en: 'Metrics are served on their own port',
  }),
  signInWithPassword: () => ({
    zh: '请用电子邮件和密码登录',
    en: 'Sign in with your e-mail and password',
  }),
  pageNotOpenTo: (role: Role) => ({
    zh: `此页面不对 ${role} 开放`,
    en: `This page is not open to ${role}`,
  }),
});
