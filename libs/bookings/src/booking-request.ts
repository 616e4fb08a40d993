import { createHash } from 'node:crypto';
import { inputMessages } from '@app/common';
import { InterpretationMode, ProtocolLevel } from './booking-enums';
import { InterpretationNeed } from './booking.entity';
import { badBookingInput } from './bookings.errors';
import { bookingMessages } from './bookings.messages';

export interface BookingRequest {
  venueId: string;
  startsAt: Date;
  endsAt: Date;
  title: string;
  description?: string | null;
  attendees: number;
  foreignGuests?: number;
  delegationCountries?: string[];
  interpretation?: InterpretationNeed[];
  protocolLevel?: ProtocolLevel;
  hold?: boolean;
}

/** A request with its defaults applied and every field checked. */
export type NormalisedRequest = Required<Omit<BookingRequest, 'description'>> & {
  description: string | null;
};

const regions = new Intl.DisplayNames(['en'], { type: 'region', fallback: 'none' });
const languages = new Intl.DisplayNames(['en'], { type: 'language', fallback: 'none' });

/** ISO 3166-1 alpha-2 codes that name a real country or territory. */
export function isCountryCode(code: string): boolean {
  return /^[A-Z]{2}$/.test(code) && code !== 'ZZ' && regions.of(code) !== undefined;
}

/** A tag's canonical form (ZH-hans → zh-Hans), one tag at a time: a list would drop repeats. */
export function canonicalLanguage(tag: string): string {
  return Intl.getCanonicalLocales(tag)[0];
}

/** BCP 47 tags whose language is known (zh, en, fr, zh-Hans, pt-BR ...). */
export function isLanguageTag(tag: string): boolean {
  try {
    const [canonical] = Intl.getCanonicalLocales(tag);
    const language = new Intl.Locale(canonical).language;
    return language !== 'und' && languages.of(language) !== undefined;
  } catch {
    return false;
  }
}

export function normaliseRequest(request: BookingRequest, now: Date): NormalisedRequest {
  const { startsAt, endsAt } = request;
  if (!(endsAt.getTime() > startsAt.getTime()))
    throw badBookingInput('endsAt', inputMessages.mustBeAfter('endsAt', 'startsAt'));
  if (startsAt.getTime() <= now.getTime())
    throw badBookingInput('startsAt', inputMessages.mustBeInFuture('startsAt'));
  const title = request.title.trim();
  if (!title) throw badBookingInput('title', inputMessages.mustNotBeEmpty('title'));
  const foreignGuests = request.foreignGuests ?? 0;
  if (foreignGuests > request.attendees) {
    throw badBookingInput('foreignGuests', bookingMessages.foreignGuestsOverAttendees());
  }
  const countries = (request.delegationCountries ?? []).map((code) => code.trim().toUpperCase());
  countries.forEach((code, i) => {
    if (!isCountryCode(code))
      throw badBookingInput(`delegationCountries[${i}]`, bookingMessages.notACountry(code));
  });
  const interpretation = (request.interpretation ?? []).map((need, i) => {
    for (const side of ['from', 'to'] as const) {
      if (!isLanguageTag(need[side])) {
        throw badBookingInput(
          `interpretation[${i}].${side}`,
          inputMessages.unknownLanguage(need[side]),
        );
      }
    }
    const [from, to] = [canonicalLanguage(need.from), canonicalLanguage(need.to)];
    if (from === to)
      throw badBookingInput(`interpretation[${i}].to`, bookingMessages.sameLanguageTwice());
    return { from, to, mode: need.mode };
  });
  const seen = new Set<string>();
  interpretation.forEach((need, i) => {
    const key = `${need.from}>${need.to}>${need.mode}`;
    if (seen.has(key))
      throw badBookingInput(`interpretation[${i}]`, bookingMessages.interpretationListedTwice());
    seen.add(key);
  });
  return {
    venueId: request.venueId,
    startsAt,
    endsAt,
    title,
    description: request.description?.trim() || null,
    attendees: request.attendees,
    foreignGuests,
    delegationCountries: [...new Set(countries)],
    interpretation,
    protocolLevel: request.protocolLevel ?? ProtocolLevel.STANDARD,
    hold: request.hold ?? false,
  };
}

/** Fingerprint of a request, to tell a retry (same key, same request) from a reused key. */
export function requestHash(request: NormalisedRequest): string {
  return createHash('sha256')
    .update(
      JSON.stringify([
        request.venueId,
        request.startsAt.toISOString(),
        request.endsAt.toISOString(),
        request.title,
        request.description,
        request.attendees,
        request.foreignGuests,
        request.delegationCountries,
        request.interpretation,
        request.protocolLevel,
        request.hold,
      ]),
    )
    .digest('hex');
}

export function simultaneousPairs(interpretation: InterpretationNeed[]): number {
  return interpretation.filter((need) => need.mode === InterpretationMode.SIMULTANEOUS).length;
}
