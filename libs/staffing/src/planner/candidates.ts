import { hoursOf, scheduleProblem, Shift } from '../schedule-rules';
import { availabilityProblem, qualificationProblem, worksThroughout } from '../staff-eligibility';
import { PlanProblem, PlanRequirement } from './plan-problem';

const DAY = 86_400_000;

/** Why the pool could not fill a requirement, person by person. */
export interface Tally {
  qualified: number;
  /** Qualified, but outside their weekly hours or on leave. */
  offDuty: number;
  /** Qualified and on duty, but held by assignments outside the plan. */
  committed: number;
}

/** Who could fill what, each on their own: every hard constraint against fixed commitments. */
export interface Candidates {
  /** Staff indices per requirement index. */
  byRequirement: number[][];
  /** Requirement indices per staff index, by start. */
  byStaff: number[][];
  tallies: Tally[];
  /** Why a person cannot hold a requirement, for the pairs that have an existing assignment. */
  problems: Map<string, string>;
  count: number;
}

export const pairKey = (staff: number, requirement: number) => `${staff}:${requirement}`;

export function shiftOf(requirement: PlanRequirement): Shift {
  return {
    startsAt: requirement.startsAt,
    endsAt: requirement.endsAt,
    venueId: requirement.venueId,
  };
}

export function findCandidates(problem: PlanProblem): Candidates {
  const { requirements, staff, travelMinutes } = problem;
  const watched = new Set(
    problem.existing.map((e) => `${e.staffId}:${e.requirementId}`), // explained when dropped
  );
  const declined = new Set(problem.excluded.map((e) => `${e.staffId}:${e.requirementId}`));
  const byRequirement = requirements.map<number[]>(() => []);
  const byStaff = staff.map<number[]>(() => []);
  const tallies = requirements.map<Tally>(() => ({ qualified: 0, offDuty: 0, committed: 0 }));
  const problems = new Map<string, string>();
  // Staff sharing a weekly pattern and zone share the answer: work it out once per requirement.
  const patternOf = staff.map(
    (s) =>
      `${s.profile.member.timeZone} ${s.profile.availability
        .map((a) => `${a.weekday}/${a.fromMinute}/${a.untilMinute}`)
        .sort()
        .join(',')}`,
  );
  const weekly = new Map<string, boolean>();
  const works = (s: number, r: number) => {
    const key = `${patternOf[s]} ${r}`;
    let answer = weekly.get(key);
    if (answer === undefined) {
      answer = worksThroughout(staff[s].profile, requirements[r].startsAt, requirements[r].endsAt);
      weekly.set(key, answer);
    }
    return answer;
  };
  let count = 0;

  const ofKind = new Map<string, number[]>();
  staff.forEach((person, s) => {
    const kind = person.profile.member.kind;
    ofKind.set(kind, [...(ofKind.get(kind) ?? []), s]);
  });
  requirements.forEach((requirement, r) => {
    const shift = shiftOf(requirement);
    for (const s of ofKind.get(requirement.kind) ?? []) {
      const person = staff[s];
      const { member } = person.profile;
      const pair = declined.size || watched.size ? `${member.id}:${requirement.id}` : '';
      if (declined.has(pair)) continue;
      const explain = watched.has(pair);
      const unqualified = qualificationProblem(person.profile, requirement);
      if (unqualified) {
        if (explain) problems.set(pairKey(s, r), unqualified.message.en);
        continue;
      }
      tallies[r].qualified += 1;
      const offDuty = availabilityProblem(
        person.profile,
        requirement.startsAt,
        requirement.endsAt,
        works(s, r),
      );
      if (offDuty) {
        tallies[r].offDuty += 1;
        if (explain) problems.set(pairKey(s, r), offDuty.message.en);
        continue;
      }
      const near = person.commitments.filter(
        (c) =>
          c.endsAt.getTime() > requirement.startsAt.getTime() - DAY - DAY / 2 &&
          c.startsAt.getTime() < requirement.endsAt.getTime() + DAY + DAY / 2,
      );
      // Without commitments nearby only the event's own length can break the daily limit.
      const busy = near.length
        ? scheduleProblem(member, near, shift, travelMinutes)?.message.en
        : hoursOf(shift) > member.maxHoursPerDay
          ? `${member.nameEn} may work at most ${member.maxHoursPerDay} hours a day`
          : null;
      if (busy) {
        tallies[r].committed += 1;
        if (explain) problems.set(pairKey(s, r), busy);
        continue;
      }
      byRequirement[r].push(s);
      byStaff[s].push(r);
      count += 1;
    }
  });
  for (const list of byStaff) {
    list.sort((a, b) => requirements[a].startsAt.getTime() - requirements[b].startsAt.getTime());
  }
  return { byRequirement, byStaff, tallies, problems, count };
}
