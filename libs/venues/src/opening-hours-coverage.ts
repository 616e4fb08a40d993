import { DateTime, IANAZone, Info } from 'luxon';
import { coversWeekRange, MINUTES_PER_DAY, OpeningPeriod, weekRange } from './weekly-hours';

/** Local wall-clock time on a day (24:00 is the next midnight); DST gaps resolve forward. */
function wallClock(day: DateTime, minute: number): DateTime {
  if (minute === MINUTES_PER_DAY) return day.plus({ days: 1 }).startOf('day');
  return day.set({ hour: Math.floor(minute / 60), minute: minute % 60 });
}

/**
 * The real instants (UTC) of the opening periods that could touch [from, until), in the venue's
 * time zone: each weekly period is laid on the local calendar days around the range, so periods
 * that run past midnight and ranges that cross a UTC date change are placed correctly, and DST
 * shifts (where a zone has them) are honoured.
 */
export function openIntervals(
  periods: readonly OpeningPeriod[],
  timeZone: string,
  from: Date,
  until: Date,
): [number, number][] {
  const first = DateTime.fromJSDate(from, { zone: timeZone }).startOf('day').minus({ days: 1 });
  const last = DateTime.fromJSDate(until, { zone: timeZone }).startOf('day');
  const intervals: [number, number][] = [];
  for (let day = first; day <= last; day = day.plus({ days: 1 })) {
    for (const period of periods) {
      if (period.weekday !== day.weekday) continue;
      const opens = wallClock(day, period.opensMinute);
      const closesNextDay = period.closesMinute <= period.opensMinute;
      const closes = wallClock(closesNextDay ? day.plus({ days: 1 }) : day, period.closesMinute);
      intervals.push([opens.toMillis(), closes.toMillis()]);
    }
  }
  return intervals.sort((a, b) => a[0] - b[0]);
}

/** Whether the venue is open for the whole half-open range; touching periods join up. */
export function isOpenThroughout(
  periods: readonly OpeningPeriod[],
  timeZone: string,
  from: Date,
  until: Date,
): boolean {
  let covered = from.getTime();
  const end = until.getTime();
  for (const [opens, closes] of openIntervals(periods, timeZone, from, until)) {
    if (opens > covered) break;
    covered = Math.max(covered, closes);
    if (covered >= end) return true;
  }
  return covered >= end;
}

const QUARTER_HOUR = 900_000;
const offsets = new Map<string, number | null>();

/**
 * The zone's offset from UTC in minutes at an instant (null for an unknown zone), remembered per
 * quarter hour: zones change offset only on a quarter hour, and asking ICU costs on every booking.
 */
export function zoneOffsetAt(timeZone: string, at: number): number | null {
  const key = `${timeZone} ${Math.floor(at / QUARTER_HOUR)}`;
  let offset = offsets.get(key);
  if (offset === undefined) {
    const zone = IANAZone.create(timeZone);
    offset = zone.isValid ? zone.offset(at) : null;
    if (offsets.size >= 100_000) offsets.clear();
    offsets.set(key, offset);
  }
  return offset;
}

/**
 * The range as minutes from Monday 00:00 in the zone's local time, or null when the zone's
 * offset changes within it (then only isOpenThroughout is exact). Computed once, it serves every
 * venue of the zone: availability search checks thousands of venues this way.
 */
export function localWeekRange(timeZone: string, from: Date, until: Date): [number, number] | null {
  const offset = zoneOffsetAt(timeZone, from.getTime());
  if (offset === null || offset !== zoneOffsetAt(timeZone, until.getTime())) return null;
  // The local wall clock, read through the UTC fields of the shifted instant.
  const local = new Date(from.getTime() + offset * 60_000);
  const weekday = (local.getUTCDay() + 6) % 7;
  const startMinute =
    weekday * MINUTES_PER_DAY +
    local.getUTCHours() * 60 +
    local.getUTCMinutes() +
    local.getUTCSeconds() / 60 +
    local.getUTCMilliseconds() / 60_000;
  return [startMinute, startMinute + (until.getTime() - from.getTime()) / 60_000];
}

/** isOpenThroughout, with the local range computed by the caller (see localWeekRange). */
export function isOpenForLocalRange(
  periods: readonly OpeningPeriod[],
  local: [number, number] | null,
  timeZone: string,
  from: Date,
  until: Date,
): boolean {
  return local
    ? coversWeekRange(periods, local[0], local[1])
    : isOpenThroughout(periods, timeZone, from, until);
}

const MINUTES_PER_WEEK = 7 * MINUTES_PER_DAY;

/**
 * How many minutes of [from, until) the venue is open. In a zone without DST (the usual case
 * here) the weekly periods repeat every 10080 local minutes, so a year costs a few hundred
 * steps per venue; elsewhere each period is laid on the calendar by openIntervals.
 */
export function openMinutesBetween(
  periods: readonly OpeningPeriod[],
  timeZone: string,
  from: Date,
  until: Date,
): number {
  if (until.getTime() <= from.getTime() || !periods.length) return 0;
  const local = Info.hasDST(timeZone) ? null : localWeekRange(timeZone, from, until);
  if (!local) {
    let minutes = 0;
    for (const [opens, closes] of openIntervals(periods, timeZone, from, until)) {
      const overlap = Math.min(closes, until.getTime()) - Math.max(opens, from.getTime());
      if (overlap > 0) minutes += overlap / 60_000;
    }
    return minutes;
  }
  const [start, end] = local;
  let minutes = 0;
  for (const period of periods) {
    const [a, b] = weekRange(period);
    const firstWeek = Math.floor((start - b) / MINUTES_PER_WEEK);
    const lastWeek = Math.ceil((end - a) / MINUTES_PER_WEEK);
    for (let week = firstWeek; week <= lastWeek; week++) {
      const shift = week * MINUTES_PER_WEEK;
      const overlap = Math.min(b + shift, end) - Math.max(a + shift, start);
      if (overlap > 0) minutes += overlap;
    }
  }
  return minutes;
}

/**
 * How many minutes of [from, until) the venue is open and not blacked out: its open minutes
 * less those inside the blackouts, which are clipped to the range and merged first, so that
 * overlapping blackouts take nothing away twice.
 */
export function openMinutesOutside(
  periods: readonly OpeningPeriod[],
  timeZone: string,
  from: Date,
  until: Date,
  blackouts: readonly (readonly [Date, Date])[],
): number {
  let minutes = openMinutesBetween(periods, timeZone, from, until);
  for (const [start, end] of mergedWithin(blackouts, from.getTime(), until.getTime()))
    minutes -= openMinutesBetween(periods, timeZone, new Date(start), new Date(end));
  return minutes;
}

/** The intervals clipped to [from, until), sorted, with overlapping or touching ones joined. */
function mergedWithin(
  intervals: readonly (readonly [Date, Date])[],
  from: number,
  until: number,
): [number, number][] {
  const clipped = intervals
    .map(([start, end]): [number, number] => [
      Math.max(start.getTime(), from),
      Math.min(end.getTime(), until),
    ])
    .filter(([start, end]) => end > start)
    .sort((a, b) => a[0] - b[0]);
  const merged: [number, number][] = [];
  for (const [start, end] of clipped) {
    const last = merged[merged.length - 1];
    if (last && start <= last[1]) last[1] = Math.max(last[1], end);
    else merged.push([start, end]);
  }
  return merged;
}
