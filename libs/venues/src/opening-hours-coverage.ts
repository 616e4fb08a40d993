import { DateTime } from 'luxon';
import { MINUTES_PER_DAY, OpeningPeriod } from './weekly-hours';

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
