import { DateTime } from 'luxon';
import { Message, namesOf } from '@app/common';
import { Unfit, unfit } from './staff-eligibility';
import { StaffingErrorCode } from './staffing.errors';
import { staffingMessages } from './staffing.messages';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
/** Rest between the last assignment of one working day and the first of the next. */
export const REST_HOURS = 11;

/** A stretch of a staff member's time at a venue. */
export interface Shift {
  startsAt: Date;
  endsAt: Date;
  venueId: string;
}

/** What the working-time rules look at in a staff member. */
export interface Worker {
  nameZh: string;
  nameEn: string;
  timeZone: string;
  maxHoursPerDay: number;
}

export interface ScheduleProblem extends Unfit {
  code: StaffingErrorCode.STAFF_CONFLICT | StaffingErrorCode.STAFF_OVER_HOURS;
}

function problem(code: ScheduleProblem['code'], say: () => Message): ScheduleProblem {
  return Object.assign(unfit(say), { code });
}

const workDays = new Map<string, string>();

/** The local calendar day (in the staff member's zone) a shift counts towards. */
export function workDayOf(timeZone: string, startsAt: Date): string {
  // Planning asks this millions of times for a few thousand instants; luxon is the slow part.
  const key = `${timeZone} ${startsAt.getTime()}`;
  let day = workDays.get(key);
  if (day === undefined) {
    if (workDays.size >= 100_000) workDays.clear();
    day = DateTime.fromJSDate(startsAt, { zone: timeZone }).toISODate() ?? '';
    workDays.set(key, day);
  }
  return day;
}

export function hoursOf(shift: Shift): number {
  return (shift.endsAt.getTime() - shift.startsAt.getTime()) / HOUR;
}

/** One person cannot do both: they overlap, or lie at different venues within the travel gap. */
export function clashes(a: Shift, b: Shift, travelMinutes: number): boolean {
  const gap = a.venueId === b.venueId ? 0 : travelMinutes * MINUTE;
  return (
    a.startsAt.getTime() < b.endsAt.getTime() + gap &&
    b.startsAt.getTime() < a.endsAt.getTime() + gap
  );
}

/** Shifts on different working days closer than the rest period (days given by the caller). */
export function breaksRest(a: Shift, aDay: string, b: Shift, bDay: string): boolean {
  const rest = REST_HOURS * HOUR;
  return (
    aDay !== bDay &&
    a.startsAt.getTime() < b.endsAt.getTime() + rest &&
    b.startsAt.getTime() < a.endsAt.getTime() + rest
  );
}

/**
 * Why the worker, already holding `shifts`, cannot also take `candidate`: a clash (travel
 * included), more than their daily hours, or too little rest between working days. Null when
 * they can. The same rules serve manual assignments and the planner.
 */
export function scheduleProblem(
  worker: Worker,
  shifts: readonly Shift[],
  candidate: Shift,
  travelMinutes: number,
): ScheduleProblem | null {
  const clash = shifts.find((shift) => clashes(shift, candidate, travelMinutes));
  if (clash) {
    return problem(StaffingErrorCode.STAFF_CONFLICT, () =>
      staffingMessages.assignedElsewhere(
        namesOf(worker),
        clash.startsAt,
        clash.endsAt,
        worker.timeZone,
        travelMinutes,
      ),
    );
  }
  const day = workDayOf(worker.timeZone, candidate.startsAt);
  const sameDay = shifts.filter((shift) => workDayOf(worker.timeZone, shift.startsAt) === day);
  const hours = [...sameDay, candidate].reduce((sum, shift) => sum + hoursOf(shift), 0);
  if (hours > worker.maxHoursPerDay) {
    return problem(StaffingErrorCode.STAFF_OVER_HOURS, () =>
      staffingMessages.overDailyHours(namesOf(worker), hours, day, worker.maxHoursPerDay),
    );
  }
  const tooClose = shifts.find((shift) =>
    breaksRest(shift, workDayOf(worker.timeZone, shift.startsAt), candidate, day),
  );
  if (tooClose) {
    return problem(StaffingErrorCode.STAFF_OVER_HOURS, () =>
      staffingMessages.tooLittleRest(namesOf(worker), REST_HOURS, tooClose.endsAt, worker.timeZone),
    );
  }
  return null;
}
