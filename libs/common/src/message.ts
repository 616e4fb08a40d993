/** The languages the product speaks: an account's locale, or what a signed-out caller asks for. */
export enum Locale {
  ZH_CN = 'zh-CN',
  EN = 'en',
}

/** New accounts read Chinese, and so does a caller who names no language the product speaks. */
export const DEFAULT_LOCALE = Locale.ZH_CN;

/** One text in both languages. */
export interface Bilingual {
  zh: string;
  en: string;
}

declare const FROM_CATALOGUE: unique symbol;

/**
 * A text taken from a lib's message catalogue (see `messages`): what errors carry, so that every
 * error text is one whose two languages a catalogue's spec has checked.
 */
export type Message = Bilingual & { readonly [FROM_CATALOGUE]: true };

export type MessageCatalogue = Record<string, (...args: never[]) => Bilingual>;

export type Messages<C extends MessageCatalogue> = {
  [K in keyof C]: (...args: Parameters<C[K]>) => Message;
};

/** Declares a catalogue: each entry writes one message in both languages from its facts. */
export function messages<C extends MessageCatalogue>(catalogue: C): Messages<C> {
  return catalogue as unknown as Messages<C>;
}

/** The text in the reader's language. */
export function textIn(text: Bilingual, locale: Locale): string {
  return locale === Locale.EN ? text.en : text.zh;
}

/** A thing's name in both languages, as venues, staff and subdistricts store it. */
export function namesOf(named: { nameZh: string; nameEn: string }): Bilingual {
  return { zh: named.nameZh, en: named.nameEn };
}
