import Negotiator from 'negotiator';
import type { Actor } from '@app/auth';
import { DEFAULT_LOCALE, Locale } from '@app/common';

/** The product's languages, the default first: it wins where a caller accepts any (`*`). */
const SPOKEN: readonly string[] = [
  DEFAULT_LOCALE,
  ...Object.values(Locale).filter((locale) => locale !== DEFAULT_LOCALE),
];

export interface Reader {
  actor?: Actor;
  headers?: Record<string, string | string[] | undefined>;
}

/**
 * The language a caller's errors are answered in: their account's when signed in; else the one
 * their Accept-Language prefers (q-values honoured; `zh` finds zh-CN, `en-GB` finds en); else the
 * default.
 */
export function readerLocale(request: Reader | undefined): Locale {
  if (request?.actor?.locale) return request.actor.locale;
  const accepted = request?.headers?.['accept-language'];
  if (typeof accepted !== 'string' || !accepted.trim()) return DEFAULT_LOCALE;
  const best = new Negotiator({ headers: { 'accept-language': accepted } }).language(SPOKEN);
  return (best as Locale | undefined) ?? DEFAULT_LOCALE;
}
