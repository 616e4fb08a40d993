import { Locale, Role } from '@app/auth';
import { readerLocale } from './reader-locale';

const signedIn = (locale: Locale) => ({
  actor: { userId: '1', role: Role.ORGANIZER, subdistrictId: null, locale },
});
const asking = (header: string) => ({ headers: { 'accept-language': header } });

describe('readerLocale', () => {
  it("answers a signed-in caller in their account's language, whatever the browser asks", () => {
    expect(readerLocale({ ...signedIn(Locale.EN), ...asking('zh-CN') })).toBe(Locale.EN);
    expect(readerLocale({ ...signedIn(Locale.ZH_CN), ...asking('en') })).toBe(Locale.ZH_CN);
  });

  it.each([
    ['en', Locale.EN],
    ['en-GB,en;q=0.9', Locale.EN],
    ['zh-CN', Locale.ZH_CN],
    ['zh', Locale.ZH_CN],
    ['fr-FR, en;q=0.5, zh-CN;q=0.8', Locale.ZH_CN],
    ['zh-CN;q=0.2, en;q=0.7', Locale.EN],
    ['en;q=0, zh-CN', Locale.ZH_CN],
    ['*', Locale.ZH_CN],
    ['fr, de', Locale.ZH_CN],
    ['', Locale.ZH_CN],
  ])('answers a signed-out caller asking %p in %s', (header, locale) => {
    expect(readerLocale(asking(header))).toBe(locale);
  });

  it('answers in the default language without a request or a header', () => {
    expect(readerLocale(undefined)).toBe(Locale.ZH_CN);
    expect(readerLocale({ headers: {} })).toBe(Locale.ZH_CN);
  });
});
