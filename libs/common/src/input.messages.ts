import { messages } from './message';

/** Messages about input that several libs check the same way; `field` is the input's name. */
export const inputMessages = messages({
  mustBeAfter: (field: string, other: string) => ({
    zh: `${field} 必须晚于 ${other}`,
    en: `${field} must be after ${other}`,
  }),
  mustBeInFuture: (field: string) => ({
    zh: `${field} 必须是将来的时间`,
    en: `${field} must be in the future`,
  }),
  mustNotBeEmpty: (field: string) => ({
    zh: `${field} 不能为空`,
    en: `${field} must not be empty`,
  }),
  atMostCharacters: (field: string, max: number) => ({
    zh: `${field} 最多 ${max} 个字符`,
    en: `${field} may be at most ${max} characters`,
  }),
  unknownTimeZone: (zone: string) => ({
    zh: `未知的时区 ${zone}`,
    en: `Unknown time zone ${zone}`,
  }),
  unknownLanguage: (tag: string) => ({
    zh: `${tag} 不是已知的 BCP 47 语言代码`,
    en: `${tag} is not a known BCP 47 language`,
  }),
  listedTwice: (value: string) => ({
    zh: `${value} 重复列出`,
    en: `${value} is listed twice`,
  }),
});
