import { Bilingual, Message } from '@app/common';
import { badVenueInput } from './venues.errors';
import { venueMessages } from './venues.messages';

export const MINUTES_PER_DAY = 24 * 60;
const MINUTES_PER_WEEK = 7 * MINUTES_PER_DAY;

/** As clients send it: ISO weekday (1 = Monday) and "HH:mm" local times. */
export interface OpeningHoursSpec {
  weekday: number;
  opens: string;
  closes: string;
}

/** As stored: minutes after local midnight. closesMinute <= opensMinute: closes the next day. */
export interface OpeningPeriod {
  weekday: number;
  opensMinute: number;
  closesMinute: number;
}

/** Minutes after midnight for "HH:mm"; "24:00" only where allowEndOfDay. Null when malformed. */
export function parseClock(text: string, allowEndOfDay = false): number | null {
  const match = /^([01][0-9]|2[0-4]):([0-5][0-9])$/.exec(text);
  if (!match) return null;
  const minutes = Number(match[1]) * 60 + Number(match[2]);
  if (minutes > MINUTES_PER_DAY || (minutes === MINUTES_PER_DAY && !allowEndOfDay)) return null;
  return minutes;
}

export function formatClock(minutes: number): string {
  const hh = Math.floor(minutes / 60);
  const mm = minutes % 60;
  return `${String(hh).padStart(2, '0')}:${String(mm).padStart(2, '0')}`;
}

export function periodLength(period: OpeningPeriod): number {
  const { opensMinute: opens, closesMinute: closes } = period;
  return closes > opens ? closes - opens : closes + MINUTES_PER_DAY - opens;
}

/** The period as a half-open range of minutes from Monday 00:00, possibly running past Sunday. */
export function weekRange(period: OpeningPeriod): [start: number, end: number] {
  const start = (period.weekday - 1) * MINUTES_PER_DAY + period.opensMinute;
  return [start, start + periodLength(period)];
}

/** How a weekly schedule's fields are named in errors: venues' opening hours, staff availability. */
export interface WeeklyScheduleTerms {
  opens: string;
  closes: string;
  /** Noun for one period, e.g. "Opening period" (capitalised in English). */
  period: Bilingual;
}

const OPENING_HOURS_TERMS: WeeklyScheduleTerms = {
  opens: 'opens',
  closes: 'closes',
  period: { zh: '开放时段', en: 'Opening period' },
};

/**
 * Validates a weekly opening schedule: well-formed times, no zero-length period, and no two
 * periods overlapping (an overnight period may run into the next day, Sunday into Monday).
 * Touching periods (one closes 12:00, the next opens 12:00) are fine.
 */
export function parseOpeningHours(
  specs: readonly OpeningHoursSpec[],
  field = 'openingHours',
): OpeningPeriod[] {
  return parseWeeklySchedule(specs, field, badVenueInput, OPENING_HOURS_TERMS);
}

/**
 * The rules of parseOpeningHours for any weekly schedule; `fail` builds the caller's own
 * BAD_USER_INPUT error, so each lib keeps its error class and field names.
 */
export function parseWeeklySchedule(
  specs: readonly OpeningHoursSpec[],
  field: string,
  fail: (field: string, message: Message) => Error,
  terms: WeeklyScheduleTerms,
): OpeningPeriod[] {
  if (specs.length > 50) throw fail(field, venueMessages.tooManyPeriods(50, terms.period));
  const periods = specs.map((spec, index) => {
    const at = `${field}[${index}]`;
    if (!Number.isInteger(spec.weekday) || spec.weekday < 1 || spec.weekday > 7) {
      throw fail(`${at}.weekday`, venueMessages.badWeekday());
    }
    const opensMinute = parseClock(spec.opens);
    if (opensMinute === null)
      throw fail(`${at}.${terms.opens}`, venueMessages.badStartClock(terms.opens));
    const closesMinute = parseClock(spec.closes, true);
    if (closesMinute === null)
      throw fail(`${at}.${terms.closes}`, venueMessages.badEndClock(terms.closes));
    if (closesMinute === opensMinute) {
      throw fail(`${at}.${terms.closes}`, venueMessages.zeroLengthPeriod(terms.period, index + 1));
    }
    return { weekday: spec.weekday, opensMinute, closesMinute };
  });

  const pieces = periods.flatMap((period, index) => {
    const [start, end] = weekRange(period);
    return end <= MINUTES_PER_WEEK
      ? [{ start, end, index }]
      : [
          { start, end: MINUTES_PER_WEEK, index },
          { start: 0, end: end - MINUTES_PER_WEEK, index },
        ];
  });
  pieces.sort((a, b) => a.start - b.start);
  for (let i = 1; i < pieces.length; i++) {
    if (pieces[i].start < pieces[i - 1].end) {
      const later = Math.max(pieces[i].index, pieces[i - 1].index);
      const earlier = Math.min(pieces[i].index, pieces[i - 1].index);
      throw fail(
        `${field}[${later}]`,
        venueMessages.periodsOverlap(terms.period, later + 1, earlier + 1),
      );
    }
  }
  return periods;
}

/**
 * Whether weekly periods cover the half-open range [start, end) of minutes from Monday 00:00
 * local time (end may run past Sunday, up to a week). Touching periods join up. Walks forward
 * from start through the periods (each also a week earlier and later) that reach past what is
 * covered so far, building no list: a search checks thousands of venues.
 */
export function coversWeekRange(
  periods: readonly OpeningPeriod[],
  start: number,
  end: number,
): boolean {
  if (end - start > MINUTES_PER_WEEK) return false;
  let covered = start;
  while (covered < end) {
    let reach = covered;
    for (const period of periods) {
      const opens = (period.weekday - 1) * MINUTES_PER_DAY + period.opensMinute;
      const closes = opens + periodLength(period);
      for (let shift = -MINUTES_PER_WEEK; shift <= MINUTES_PER_WEEK; shift += MINUTES_PER_WEEK) {
        if (opens + shift <= covered && closes + shift > reach) reach = closes + shift;
      }
    }
    if (reach === covered) return false;
    covered = reach;
  }
  return true;
}
