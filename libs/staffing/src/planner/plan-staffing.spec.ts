import { InterpretationMode } from '@app/bookings';
import { seededRandom } from '@app/common/testing';
import { scheduleProblem, Shift } from '../schedule-rules';
import { availabilityProblem, qualificationProblem, StaffProfile } from '../staff-eligibility';
import { StaffMemberEntity } from '../staff-member.entity';
import { StaffKind } from '../staffing-enums';
import { PlanProblem, PlanRequirement, PlanStaff } from './plan-problem';
import { planStaffing } from './plan-staffing';

const TRAVEL = 30;
const ZONE = 'Asia/Shanghai';
/** Monday 2026-06-01 00:00 in Beijing. */
const MONDAY = Date.parse('2026-05-31T16:00:00Z');
const at = (day: number, hour: number) => new Date(MONDAY + (day * 24 + hour) * 3_600_000);

function person(
  id: string,
  kind: StaffKind,
  fields: Partial<StaffMemberEntity> = {},
  extra: Partial<Omit<StaffProfile, 'member'>> = {},
): StaffProfile {
  const member = Object.assign(new StaffMemberEntity(), {
    id,
    userId: id,
    kind,
    nameZh: `员工${id}`,
    nameEn: `Staff ${id}`,
    accreditationLevel: 2,
    unit: null,
    clearanceLevel: kind === StaffKind.SECURITY_OFFICER ? 2 : null,
    maxHoursPerDay: 8,
    timeZone: ZONE,
    active: true,
    ...fields,
  });
  const everyDay = [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({
    id: `${id}-${weekday}`,
    staffId: id,
    weekday,
    fromMinute: 7 * 60,
    untilMinute: 22 * 60,
  }));
  return { member, pairs: [], skills: [], availability: everyDay, leave: [], ...extra };
}

function requirement(id: string, fields: Partial<PlanRequirement>): PlanRequirement {
  return {
    id,
    kind: StaffKind.INTERPRETER,
    headcount: 1,
    startsAt: at(0, 9),
    endsAt: at(0, 12),
    languageFrom: 'zh',
    languageTo: 'en',
    mode: InterpretationMode.CONSECUTIVE,
    minClearance: null,
    skill: null,
    venueId: 'v1',
    organizerId: 'o1',
    timeZone: ZONE,
    ...fields,
  };
}

/** A random small instance: a few staff (some identical), a few requirements over two days. */
function generate(seed: number): PlanProblem {
  const rng = seededRandom(seed);
  const modes = [InterpretationMode.CONSECUTIVE, InterpretationMode.SIMULTANEOUS];
  const languages = ['en', 'fr'];
  const staff: PlanStaff[] = [];
  const count = rng.int(2, 4);
  for (let i = 0; i < count; i++) {
    const copies = rng.chance(0.4) ? 2 : 1;
    const pairs = languages
      .filter(() => rng.chance(0.7))
      .flatMap((to) => modes.filter(() => rng.chance(0.7)).map((mode) => ({ to, mode })));
    const hours = rng.pick([4, 6, 8]);
    const commitments: Shift[] = rng.chance(0.25)
      ? [{ startsAt: at(0, 13), endsAt: at(0, 15), venueId: 'v3' }]
      : [];
    const onLeave = rng.chance(0.2);
    for (let copy = 0; copy < copies; copy++) {
      const id = `${i}-${copy}`;
      staff.push({
        profile: person(
          id,
          StaffKind.INTERPRETER,
          { maxHoursPerDay: hours },
          {
            pairs: pairs.map(({ to, mode }) => ({
              staffId: id,
              languageFrom: 'zh',
              languageTo: to,
              mode,
            })),
            leave: onLeave
              ? [
                  {
                    id: `l${id}`,
                    staffId: id,
                    startsAt: at(1, 0),
                    endsAt: at(2, 0),
                    reason: 'leave',
                  },
                ]
              : [],
          },
        ),
        commitments,
        organizers: new Set(rng.chance(0.3) ? ['o1'] : []),
      });
    }
  }
  const requirements: PlanRequirement[] = [];
  const needs = rng.int(3, 5);
  for (let i = 0; i < needs; i++) {
    const day = rng.int(0, 1);
    const start = rng.pick([8, 9, 10, 11, 12.5, 14, 16, 19, 21]);
    const length = rng.pick([1, 2, 3, 4]);
    requirements.push(
      requirement(`r${i}`, {
        headcount: rng.int(1, 2),
        startsAt: at(day, start),
        endsAt: at(day, start + length),
        languageTo: rng.pick(languages),
        mode: rng.pick(modes),
        venueId: rng.pick(['v1', 'v2']),
        organizerId: rng.pick(['o1', 'o2']),
      }),
    );
  }
  return { requirements, staff, existing: [], excluded: [], travelMinutes: TRAVEL };
}

/** Every (person, requirement) pair that passes the rules on its own, against commitments. */
function feasiblePairs(problem: PlanProblem): [number, number][] {
  const pairs: [number, number][] = [];
  problem.staff.forEach((s, i) =>
    problem.requirements.forEach((r, j) => {
      const shift = { startsAt: r.startsAt, endsAt: r.endsAt, venueId: r.venueId };
      if (
        !qualificationProblem(s.profile, r) &&
        !availabilityProblem(s.profile, r.startsAt, r.endsAt) &&
        !scheduleProblem(s.profile.member, s.commitments, shift, problem.travelMinutes)
      )
        pairs.push([i, j]);
    }),
  );
  return pairs;
}

/** The most places any plan fills, by exhaustive search over the feasible pairs. */
function bruteForceCoverage(problem: PlanProblem): number {
  const pairs = feasiblePairs(problem);
  const shifts = problem.staff.map((s) => [...s.commitments]);
  const filled = problem.requirements.map(() => 0);
  let best = 0;
  const search = (k: number, covered: number) => {
    if (covered + (pairs.length - k) <= best) return;
    if (k === pairs.length) {
      best = covered;
      return;
    }
    const [s, r] = pairs[k];
    const req = problem.requirements[r];
    const shift = { startsAt: req.startsAt, endsAt: req.endsAt, venueId: req.venueId };
    if (
      filled[r] < req.headcount &&
      !scheduleProblem(problem.staff[s].profile.member, shifts[s], shift, problem.travelMinutes)
    ) {
      shifts[s].push(shift);
      filled[r] += 1;
      search(k + 1, covered + 1);
      filled[r] -= 1;
      shifts[s].pop();
    }
    search(k + 1, covered);
  };
  search(0, 0);
  return best;
}

/** Checks a plan against every hard constraint, independently of the planner. */
function expectFeasible(
  problem: PlanProblem,
  placements: { requirementId: string; staffId: string }[],
) {
  const staff = new Map(problem.staff.map((s) => [s.profile.member.id, s]));
  const requirements = new Map(problem.requirements.map((r) => [r.id, r]));
  const shifts = new Map(problem.staff.map((s) => [s.profile.member.id, [...s.commitments]]));
  const perRequirement = new Map<string, Set<string>>();
  const sorted = [...placements].sort(
    (a, b) =>
      requirements.get(a.requirementId)!.startsAt.getTime() -
      requirements.get(b.requirementId)!.startsAt.getTime(),
  );
  for (const { requirementId, staffId } of sorted) {
    const s = staff.get(staffId)!;
    const r = requirements.get(requirementId)!;
    const shift = { startsAt: r.startsAt, endsAt: r.endsAt, venueId: r.venueId };
    expect(qualificationProblem(s.profile, r)).toBeNull();
    expect(availabilityProblem(s.profile, r.startsAt, r.endsAt)).toBeNull();
    expect(
      scheduleProblem(s.profile.member, shifts.get(staffId)!, shift, problem.travelMinutes),
    ).toBeNull();
    shifts.get(staffId)!.push(shift);
    const on = perRequirement.get(requirementId) ?? new Set();
    expect(on.has(staffId)).toBe(false);
    on.add(staffId);
    perRequirement.set(requirementId, on);
    expect(on.size).toBeLessThanOrEqual(r.headcount);
  }
}

describe('planStaffing', () => {
  it.each(Array.from({ length: 80 }, (_, i) => i + 1))(
    'fills as many places as a brute-force search, within the rules (seed %i)',
    async (seed) => {
      const problem = generate(seed);
      const outcome = await planStaffing(problem);
      expectFeasible(problem, outcome.placements);
      expect(outcome.statistics.covered).toBe(bruteForceCoverage(problem));
      expect(outcome.statistics.bound).toBeGreaterThanOrEqual(outcome.statistics.covered);
      const missing = outcome.unfilled.reduce((sum, u) => sum + u.missing, 0);
      expect(outcome.statistics.covered + missing).toBe(outcome.statistics.places);
    },
  );
});
