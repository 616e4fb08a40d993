import { messages } from '@app/common';
import { Role } from './role';

/** What auth errors say, in both languages (see DomainError). */
export const authMessages = messages({
  tokenRequired: () => ({
    zh: '请登录：需要 Bearer 令牌',
    en: 'Sign in: a bearer token is required',
  }),
  tokenExpired: () => ({ zh: '访问令牌已过期', en: 'Access token has expired' }),
  tokenInvalid: () => ({ zh: '访问令牌无效', en: 'Access token is invalid' }),
  tokenNoLongerValid: () => ({ zh: '访问令牌已失效', en: 'Access token is no longer valid' }),
  wrongCredentials: () => ({ zh: '电子邮件或密码错误', en: 'E-mail or password is wrong' }),
  accountInactive: () => ({ zh: '您的账户已停用', en: 'Your account is no longer active' }),
  notOpenTo: (role: Role) => ({
    zh: `此操作不对 ${role} 开放`,
    en: `This operation is not open to ${role}`,
  }),
  onlyAdminCreatesUsers: () => ({
    zh: '只有区级管理员可以创建用户',
    en: 'Only the district admin creates users',
  }),
  emailTaken: (email: string) => ({
    zh: `电子邮件为 ${email} 的用户已存在`,
    en: `A user with e-mail ${email} exists`,
  }),
  unknownSubdistrict: () => ({ zh: '未知的街道', en: 'Unknown subdistrict' }),
  managerNeedsSubdistrict: () => ({
    zh: '街道管理员必须属于一个街道',
    en: 'A subdistrict manager needs a subdistrict',
  }),
  onlyManagersHaveSubdistrict: () => ({
    zh: '只有街道管理员才属于街道',
    en: 'Only subdistrict managers have a subdistrict',
  }),
  nameLength: (field: string) => ({
    zh: `${field} 须为 1 到 100 个字符`,
    en: `${field} must be 1 to 100 characters`,
  }),
  badPhone: () => ({
    zh: 'phone 必须是电话号码（数字、空格、+ ( ) -；5 到 40 个字符）',
    en: 'phone must be a telephone number (digits, spaces, + ( ) -; 5 to 40 characters)',
  }),
  passwordLength: (min: number, max: number) => ({
    zh: `新密码须为 ${min} 到 ${max} 个字符`,
    en: `The new password must be ${min} to ${max} characters`,
  }),
  passwordUnchanged: () => ({
    zh: '新密码不能与当前密码相同',
    en: 'The new password must differ from the current one',
  }),
  currentPasswordWrong: () => ({ zh: '当前密码错误', en: 'The current password is wrong' }),
  tooManyChangesFromAddress: (seconds: number) => ({
    zh: `来自您地址的更改过多；请在 ${seconds} 秒后重试`,
    en: `Too many changes from your address; try again in ${seconds} s`,
  }),
  tooManyChanges: (seconds: number) => ({
    zh: `更改过多；请在 ${seconds} 秒后重试`,
    en: `Too many changes; try again in ${seconds} s`,
  }),
  tooManySubscriptionsFromAddress: (seconds: number) => ({
    zh: `来自您地址的订阅过多；请在 ${seconds} 秒后重试`,
    en: `Too many subscriptions from your address; try again in ${seconds} s`,
  }),
  tooManySubscriptions: (seconds: number) => ({
    zh: `订阅过多；请在 ${seconds} 秒后重试`,
    en: `Too many subscriptions; try again in ${seconds} s`,
  }),
  tooManySignInsFromAddress: (seconds: number) => ({
    zh: `来自您地址的登录尝试过多；请在 ${seconds} 秒后重试`,
    en: `Too many sign-in attempts from your address; try again in ${seconds} s`,
  }),
  tooManyFailedSignIns: (seconds: number) => ({
    zh: `登录失败次数过多；请在 ${seconds} 秒后重试`,
    en: `Too many failed sign-ins; wait before trying again; try again in ${seconds} s`,
  }),
});
