import { DateTime } from 'luxon';
import { StaffKind } from '../staffing-enums';
import { Tally } from './candidates';
import { PlanRequirement } from './plan-problem';

/** "interpreter with zh→ar SIMULTANEOUS", "security officer with clearance 2+ and VIP_PROTECTION". */
export function describeNeed(requirement: PlanRequirement): string {
  if (requirement.kind === StaffKind.INTERPRETER) {
    return `interpreter with ${requirement.languageFrom}→${requirement.languageTo} ${requirement.mode}`;
  }
  const skill = requirement.skill ? ` and ${requirement.skill}` : '';
  return `security officer with clearance ${requirement.minClearance ?? 1}+${skill}`;
}

/** "2026-06-03 09:00–12:00 Asia/Shanghai", in the venue's zone. */
export function describeTime(requirement: PlanRequirement): string {
  const start = DateTime.fromJSDate(requirement.startsAt, { zone: requirement.timeZone });
  const end = DateTime.fromJSDate(requirement.endsAt, { zone: requirement.timeZone });
  const until = end.hasSame(start, 'day')
    ? end.toFormat('HH:mm')
    : end.toFormat('yyyy-MM-dd HH:mm');
  return `${start.toFormat('yyyy-MM-dd HH:mm')}–${until} ${requirement.timeZone}`;
}

/**
 * Why places stay empty, in the planner's terms: nobody qualified, or how the qualified were
 * taken (off duty or on leave, held by assignments outside the plan, planned for other events).
 */
export function unfilledReason(
  requirement: PlanRequirement,
  missing: number,
  tally: Tally,
  plannedElsewhere: number,
): string {
  const head = `No ${describeNeed(requirement)} free ${describeTime(requirement)}`;
  const places = `${missing} of ${requirement.headcount} place${requirement.headcount === 1 ? '' : 's'} unfilled`;
  if (!tally.qualified) return `${head}: ${places}; nobody in the pool has this qualification`;
  return `${head}: ${places}; of ${tally.qualified} qualified, ${tally.offDuty} off duty or on leave, ${tally.committed} assigned elsewhere, ${plannedElsewhere} planned for other events`;
}
