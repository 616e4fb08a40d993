import { DateTime } from 'luxon';

/** One local time as notices and messages show it: "2026-06-03 14:00". */
export function localTime(date: Date, zone: string): string {
  return DateTime.fromJSDate(date, { zone }).toFormat('yyyy-MM-dd HH:mm');
}

/** "2026-06-03 14:00–16:30 (Asia/Shanghai)": the end's date only when it falls on another day. */
export function timeRange(startsAt: Date, endsAt: Date, zone: string): string {
  const start = DateTime.fromJSDate(startsAt, { zone });
  const end = DateTime.fromJSDate(endsAt, { zone });
  const until = end.hasSame(start, 'day') ? end.toFormat('HH:mm') : localTime(endsAt, zone);
  return `${localTime(startsAt, zone)}–${until} (${zone})`;
}

/** "2026-06-03 14:00 (Asia/Shanghai)": one local time with its zone named. */
export function zonedTime(date: Date, zone: string): string {
  return `${localTime(date, zone)} (${zone})`;
}
