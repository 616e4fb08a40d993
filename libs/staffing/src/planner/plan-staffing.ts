import {
  breaksRest,
  clashes,
  hoursOf,
  REST_HOURS,
  scheduleProblem,
  Shift,
  workDayOf,
} from '../schedule-rules';
import { Candidates, findCandidates, pairKey, shiftOf } from './candidates';
import { IntegerProgram, maximizeByParts, ProgramResult, Row } from './integer-program';
import {
  DroppedAssignment,
  ExistingAssignment,
  Placement,
  PlanOutcome,
  PlanProblem,
} from './plan-problem';
import { unfilledReason } from './unfilled-reasons';
import { StaffKind } from '../staffing-enums';

/**
 * Objective weights, in the order. One more place filled outweighs any realistic sum of
 * the rest (a hundred kept assignments); keeping an assignment outweighs continuity, which
 * outweighs the load preference.
 */
export const WEIGHTS = { cover: 1000, keep: 10, continuity: 3, loadPerHour: 0.01 };
const DEFAULT_BUDGET_SECONDS = 20;
/** Rounds of splitting pools whose counts could not be drawn as schedules. */
const MAX_ROUNDS = 6;
const HOUR = 3_600_000;

/** The working day, in the zone, of a requirement's start. */
const dayOf = (problem: PlanProblem, timeZone: string, requirement: number) =>
  workDayOf(timeZone, problem.requirements[requirement].startsAt);

/** Who is planned one by one: for a day (a pool split there) or as a whole person. */
interface Splits {
  keeps: ReadonlySet<number>;
  days: Set<string>;
  whole: Set<number>;
}

/**
 * Staff who are interchangeable for one working day of this plan (a pool): same candidate
 * requirements, hours and zone, and no personal history in it (commitments, assignments to
 * keep, organizers served); or one person. The model counts how many of a pool take each
 * requirement, which keeps it small for large pools; the counts are then drawn as schedules.
 */
interface StaffGroup {
  members: number[];
  requirements: number[];
  maxHoursPerDay: number;
  timeZone: string;
  /** Hours already committed per working day (a lone member's commitments). */
  committedByDay: Map<string, number>;
  committedHours: number;
}

export async function planStaffing(problem: PlanProblem): Promise<PlanOutcome> {
  const started = Date.now();
  const { requirements, staff } = problem;
  const candidates = findCandidates(problem);
  const staffIndex = new Map(staff.map((s, i) => [s.profile.member.id, i]));
  const requirementIndex = new Map(requirements.map((r, i) => [r.id, i]));
  const existing = new Map<string, ExistingAssignment>();
  for (const assignment of problem.existing) {
    const s = staffIndex.get(assignment.staffId);
    const r = requirementIndex.get(assignment.requirementId);
    if (s !== undefined && r !== undefined) existing.set(pairKey(s, r), assignment);
  }
  const keepsSomething = new Set([...existing.keys()].map((key) => Number(key.split(':')[0])));

  const budgetSeconds = problem.timeLimitSeconds ?? DEFAULT_BUDGET_SECONDS;
  const split: Splits = { keeps: keepsSomething, days: new Set(), whole: new Set() };
  const solved = new Map<string, ProgramResult>();
  // Every round's model relaxes the real problem, so each bound holds: keep the least, and the
  // plan that fills the most places.
  let chosen: [number, number][] = [];
  let bound = Number.POSITIVE_INFINITY;
  let optimal = false;
  let model: { program: IntegerProgram; columns: [number, number][] } | undefined;
  let solves = 0;
  let groups: StaffGroup[] = [];
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const roundStarted = Date.now();
    groups = groupStaff(problem, candidates, split);
    model = buildModel(problem, groups, existing);
    const solution = await maximizeByParts(model.program, {
      deadline: started + budgetSeconds * 1000,
      solved,
    });
    solves += solution.solves;
    bound = Math.min(bound, coverageBound(model.program, solution.bound));
    const drawn = drawSchedules(problem, groups, model.columns, solution.values);
    let plan = drawn.chosen;
    for (const g of drawn.failed) {
      plan = await redraw(problem, groups[g], plan, started + budgetSeconds * 1000);
    }
    if (drawn.failed.length) plan = topUp(problem, candidates, plan);
    if (round === 0 || plan.length > chosen.length) {
      chosen = plan;
      optimal = solution.optimal && !drawn.failed.length;
    }
    if (!drawn.failed.length || chosen.length >= bound) break;
    // Plan the failed pools' members one by one, for that day only; a member who still fails
    // is planned as a whole person, with the rules across days. Each step tightens the model.
    for (const g of drawn.failed) {
      const group = groups[g];
      const day = dayOf(problem, group.timeZone, group.requirements[0]);
      for (const member of group.members) {
        if (group.members.length > 1) split.days.add(`${member} ${day}`);
        else split.whole.add(member);
      }
    }
    // Start another round only if one like this one still fits in the budget.
    if (Date.now() + (Date.now() - roundStarted) > started + budgetSeconds * 1000) break;
  }

  const placements: Placement[] = chosen.map(([s, r]) => ({
    requirementId: requirements[r].id,
    staffId: staff[s].profile.member.id,
    existingId: existing.get(pairKey(s, r))?.id ?? null,
  }));
  const kept = new Set(placements.map((p) => p.existingId).filter(Boolean));
  const dropped: DroppedAssignment[] = [];
  for (const [key, assignment] of existing) {
    if (kept.has(assignment.id)) continue;
    dropped.push({
      ...assignment,
      reason:
        candidates.problems.get(key) ??
        'Replanned: this person is needed elsewhere to cover more requirements',
    });
  }
  const filled = new Map<number, number>();
  for (const [, r] of chosen) filled.set(r, (filled.get(r) ?? 0) + 1);
  const unfilled = requirements.flatMap((requirement, r) => {
    const missing = requirement.headcount - (filled.get(r) ?? 0);
    if (missing <= 0) return [];
    const plannedElsewhere = candidates.byRequirement[r].length - (filled.get(r) ?? 0);
    return [
      {
        requirementId: requirement.id,
        missing,
        reason: unfilledReason(requirement, missing, candidates.tallies[r], plannedElsewhere),
      },
    ];
  });
  const places = requirements.reduce((sum, r) => sum + r.headcount, 0);
  return {
    placements,
    dropped,
    unfilled,
    statistics: {
      places,
      covered: chosen.length,
      bound: Math.min(places, bound),
      optimal: optimal || chosen.length >= bound,
      candidates: candidates.count,
      staffGroups: groups.length,
      columns: model?.program.costs.length ?? 0,
      rows: model?.program.rows.length ?? 0,
      solves,
      millis: Date.now() - started,
    },
  };
}

/**
 * Places filled, bounded from the weighted objective's proven bound: every column is worth
 * WEIGHTS.cover per place plus secondary terms, so places ≤ (bound − least secondary) / cover.
 * The grouped model relaxes the real one, so this bounds every plan.
 */
function coverageBound(program: IntegerProgram, objectiveBound: number): number {
  const leastSecondary = program.costs.reduce(
    (sum, cost, c) => sum + Math.min(0, cost - WEIGHTS.cover) * program.upper[c],
    0,
  );
  return Math.floor((objectiveBound - leastSecondary) / WEIGHTS.cover + 1e-9);
}

function groupStaff(problem: PlanProblem, candidates: Candidates, split: Splits): StaffGroup[] {
  const groups = new Map<string, StaffGroup>();
  const add = (key: string, s: number, requirements: number[]) => {
    const group = groups.get(key);
    if (group) {
      group.members.push(s);
      return;
    }
    const { member } = problem.staff[s].profile;
    const commitments = problem.staff[s].commitments;
    const committedByDay = new Map<string, number>();
    for (const shift of commitments) {
      const day = workDayOf(member.timeZone, shift.startsAt);
      committedByDay.set(day, (committedByDay.get(day) ?? 0) + hoursOf(shift));
    }
    groups.set(key, {
      members: [s],
      requirements,
      maxHoursPerDay: member.maxHoursPerDay,
      timeZone: member.timeZone,
      committedByDay,
      committedHours: commitments.reduce((sum, shift) => sum + hoursOf(shift), 0),
    });
  };
  problem.staff.forEach((person, s) => {
    const mine = candidates.byStaff[s];
    if (!mine.length) return;
    const { member } = person.profile;
    const personal =
      split.whole.has(s) ||
      split.keeps.has(s) ||
      person.commitments.length > 0 ||
      (member.kind === StaffKind.INTERPRETER &&
        mine.some((r) => person.organizers.has(problem.requirements[r].organizerId)));
    if (personal) return add(`person ${s}`, s, mine);
    // Pooled by working day: a pool then spans one day, and splitting one costs only that day.
    const byDay = new Map<string, number[]>();
    for (const r of mine) {
      const day = dayOf(problem, member.timeZone, r);
      byDay.set(day, [...(byDay.get(day) ?? []), r]);
    }
    for (const [day, list] of byDay) {
      const key = split.days.has(`${s} ${day}`)
        ? `person ${s} on ${day}`
        : `${member.kind} ${member.maxHoursPerDay} ${member.timeZone} ${day} ${list.join(',')}`;
      add(key, s, list);
    }
  });
  return [...groups.values()];
}

/**
 * One integer column per (group, requirement): how many of the group take it. A group of one is
 * exactly its person; a larger group is a relaxation its schedules are then drawn from.
 */
function buildModel(
  problem: PlanProblem,
  groups: StaffGroup[],
  existing: ReadonlyMap<string, ExistingAssignment>,
) {
  const { requirements, staff, travelMinutes } = problem;
  const costs: number[] = [];
  const upper: number[] = [];
  const columns: [number, number][] = [];
  const rows: Row[] = [];
  const byRequirement = requirements.map<number[]>(() => []);
  const travel = travelMinutes * 60_000;

  for (const [g, group] of groups.entries()) {
    const size = group.members.length;
    const person = size === 1 ? staff[group.members[0]] : null;
    const own = new Map<number, number>();
    for (const r of group.requirements) {
      const requirement = requirements[r];
      let cost = WEIGHTS.cover - WEIGHTS.loadPerHour * group.committedHours;
      if (person) {
        if (existing.has(pairKey(group.members[0], r))) cost += WEIGHTS.keep;
        if (
          person.profile.member.kind === StaffKind.INTERPRETER &&
          person.organizers.has(requirement.organizerId)
        )
          cost += WEIGHTS.continuity;
      }
      own.set(r, costs.length);
      byRequirement[r].push(costs.length);
      columns.push([g, r]);
      costs.push(cost);
      upper.push(Math.min(size, requirement.headcount));
    }
    const column = (r: number) => own.get(r)!;
    const sorted = group.requirements; // by start

    // Overlapping requirements: at most `size` of the group at any moment (maximal cliques).
    const events = sorted.flatMap((r) => [
      { at: requirements[r].startsAt.getTime(), r, start: true },
      { at: requirements[r].endsAt.getTime(), r, start: false },
    ]);
    events.sort((a, b) => a.at - b.at || Number(a.start) - Number(b.start));
    const active = new Set<number>();
    let grown = false;
    for (const event of events) {
      if (event.start) {
        active.add(event.r);
        grown = true;
        continue;
      }
      if (grown && active.size > 1) {
        const members = [...active].map(column);
        rows.push({ columns: members, coefficients: members.map(() => 1), upper: size });
      }
      grown = false;
      active.delete(event.r);
    }

    // Apart but too close: travel between venues, or rest between working days (only groups
    // spanning several days can break the rest; pools are one day each).
    const days = sorted.map((r) => dayOf(problem, group.timeZone, r));
    const starts = sorted.map((r) => requirements[r].startsAt.getTime());
    const ends = sorted.map((r) => requirements[r].endsAt.getTime());
    const reach = new Set(days).size > 1 ? Math.max(travel, REST_HOURS * HOUR) : travel;
    /**
     * Around a moment between two events at different venues, nobody can do two of: the events
     * running then, and at each other venue the events within half the travel time that share
     * one instant (the first to start after the moment, or the last to end before it). Every
     * set of pairwise clashing events is of this form, so for a pool these rows are what the
     * pairs alone miss: each person takes at most one of them.
     */
    const travelCliques = new Set<string>();
    const travelClique = (moment: number): number[] => {
      const running: number[] = [];
      const near = new Map<string, number[]>();
      sorted.forEach((r, k) => {
        if (starts[k] <= moment && moment < ends[k]) running.push(k);
        else if (starts[k] - travel / 2 < moment && moment < ends[k] + travel / 2) {
          const venue = requirements[r].venueId;
          near.set(venue, [...(near.get(venue) ?? []), k]);
        }
      });
      const busy = new Set(running.map((k) => requirements[sorted[k]].venueId));
      for (const [venue, list] of near) {
        if (busy.has(venue)) continue;
        const after = list.filter((k) => starts[k] > moment);
        const before = list.filter((k) => ends[k] <= moment);
        const first = Math.min(...after.map((k) => starts[k]));
        const last = Math.max(...before.map((k) => ends[k]));
        const atFirst = after.filter((k) => starts[k] <= first && first < ends[k]);
        const atLast = before.filter((k) => starts[k] < last && last <= ends[k]);
        running.push(...(atFirst.length >= atLast.length ? atFirst : atLast));
      }
      return running.map((k) => column(sorted[k])).sort((x, y) => x - y);
    };
    for (let i = 0; i < sorted.length; i++) {
      const a = shiftOf(requirements[sorted[i]]);
      for (let j = i + 1; j < sorted.length && starts[j] < ends[i] + reach; j++) {
        if (starts[j] < ends[i] && starts[i] < ends[j]) continue; // in a clique
        const b = shiftOf(requirements[sorted[j]]);
        if (clashes(a, b, travelMinutes) || breaksRest(a, days[i], b, days[j])) {
          rows.push({
            columns: [column(sorted[i]), column(sorted[j])],
            coefficients: [1, 1],
            upper: size,
          });
          if (a.venueId !== b.venueId && starts[j] < ends[i] + travel) {
            for (const moment of [(ends[i] + starts[j]) / 2, ends[i] + 1, starts[j] - 1]) {
              const clique = travelClique(moment);
              const key = clique.join(',');
              if (clique.length > 2 && !travelCliques.has(key)) {
                travelCliques.add(key);
                rows.push({ columns: clique, coefficients: clique.map(() => 1), upper: size });
              }
            }
          }
        }
      }
    }

    // Daily hours, less what is already committed that day.
    const byDay = new Map<string, number[]>();
    for (const r of sorted) {
      const day = dayOf(problem, group.timeZone, r);
      byDay.set(day, [...(byDay.get(day) ?? []), r]);
    }
    for (const [day, list] of byDay) {
      const capacity = size * group.maxHoursPerDay - (group.committedByDay.get(day) ?? 0);
      const most = list.reduce(
        (sum, r) => sum + hoursOf(shiftOf(requirements[r])) * upper[column(r)],
        0,
      );
      if (most <= capacity) continue;
      rows.push({
        columns: list.map(column),
        coefficients: list.map((r) => hoursOf(shiftOf(requirements[r]))),
        upper: capacity,
      });
    }
  }

  requirements.forEach((requirement, r) => {
    const most = byRequirement[r].reduce((sum, c) => sum + upper[c], 0);
    if (most <= requirement.headcount) return;
    rows.push({
      columns: byRequirement[r],
      coefficients: byRequirement[r].map(() => 1),
      upper: requirement.headcount,
    });
  });
  return { program: { costs, upper, rows }, columns };
}

/**
 * Turns group counts into personal schedules, in order of start across all groups (a person is
 * in one group per day): for each place the member who already serves the organizer, else the
 * one with the fewest hours, who can still take it under every rule. Groups where that fails
 * are reported, to be planned person by person.
 */
function drawSchedules(
  problem: PlanProblem,
  groups: StaffGroup[],
  columns: [number, number][],
  values: number[],
): { chosen: [number, number][]; failed: number[] } {
  const { requirements, staff, travelMinutes } = problem;
  const shifts = new Map<number, Shift[]>();
  const served = new Map<number, Set<string>>();
  const hours = new Map<number, number>();
  for (const group of groups) {
    for (const s of group.members) {
      shifts.set(s, [...staff[s].commitments]);
      served.set(s, new Set(staff[s].organizers));
      hours.set(s, 0);
    }
  }
  const taken = columns
    .map(([g, r], c) => ({ g, r, count: Math.round(values[c]) }))
    .filter(({ count }) => count > 0)
    .sort((a, b) => requirements[a.r].startsAt.getTime() - requirements[b.r].startsAt.getTime());
  const chosen: [number, number][] = [];
  const failed = new Set<number>();
  /**
   * How long the member has been free for this shift (travel included): the shortest wait is
   * the tightest fit, which keeps members free since long for events at other venues.
   */
  const readySince = (s: number, shift: Shift) => {
    const start = shift.startsAt.getTime();
    let ready = Number.NEGATIVE_INFINITY;
    for (const other of shifts.get(s)!) {
      const end =
        other.endsAt.getTime() + (other.venueId === shift.venueId ? 0 : travelMinutes * 60_000);
      if (end <= start && end > ready) ready = end;
    }
    return start - ready;
  };
  for (const { g, r, count } of taken) {
    const requirement = requirements[r];
    const shift = shiftOf(requirement);
    const able = groups[g].members
      .filter(
        (s) => !scheduleProblem(staff[s].profile.member, shifts.get(s)!, shift, travelMinutes),
      )
      .sort(
        (a, b) =>
          Number(served.get(b)!.has(requirement.organizerId)) -
            Number(served.get(a)!.has(requirement.organizerId)) ||
          readySince(a, shift) - readySince(b, shift) ||
          hours.get(a)! - hours.get(b)! ||
          a - b,
      )
      .slice(0, count);
    for (const s of able) {
      shifts.get(s)!.push(shift);
      served.get(s)!.add(requirement.organizerId);
      hours.set(s, hours.get(s)! + hoursOf(shift));
      chosen.push([s, r]);
    }
    if (able.length < count) failed.add(g);
  }
  return { chosen, failed: [...failed] };
}

/**
 * Where drawing a pool failed, its members re-plan exactly, one by one by the same model: each
 * held by their other shifts, for the places the rest of the plan leaves open among the pool's
 * requirements. The plan can only gain.
 */
async function redraw(
  problem: PlanProblem,
  group: StaffGroup,
  plan: [number, number][],
  deadline: number,
): Promise<[number, number][]> {
  const day = new Set(group.requirements);
  const mine = (s: number, r: number) => group.members.includes(s) && day.has(r);
  const others = plan.filter(([s, r]) => !mine(s, r));
  const open = new Map(group.requirements.map((r) => [r, problem.requirements[r].headcount]));
  for (const [, r] of others) if (open.has(r)) open.set(r, open.get(r)! - 1);
  const wanted = group.requirements.filter((r) => open.get(r)! > 0);
  const sub: PlanProblem = {
    ...problem,
    requirements: wanted.map((r) => ({ ...problem.requirements[r], headcount: open.get(r)! })),
    staff: group.members.map((s) => ({
      ...problem.staff[s],
      commitments: [
        ...problem.staff[s].commitments,
        ...others.filter(([o]) => o === s).map(([, r]) => shiftOf(problem.requirements[r])),
      ],
    })),
    existing: [],
    excluded: [],
  };
  const candidates = findCandidates(sub);
  const everyone = new Set(sub.staff.map((_, s) => s));
  const groups = groupStaff(sub, candidates, {
    keeps: everyone,
    days: new Set(),
    whole: everyone,
  });
  const model = buildModel(sub, groups, new Map());
  const solution = await maximizeByParts(model.program, { deadline });
  const { chosen } = drawSchedules(sub, groups, model.columns, solution.values);
  return [...others, ...chosen.map(([s, r]): [number, number] => [group.members[s], wanted[r]])];
}

/** After the last round: fill what places remain, one person and one check at a time. */
function topUp(
  problem: PlanProblem,
  candidates: Candidates,
  chosen: [number, number][],
): [number, number][] {
  const { requirements, staff, travelMinutes } = problem;
  const result = [...chosen];
  const shifts = new Map<number, Shift[]>();
  const filled = new Map<number, Set<number>>();
  const shiftsOf = (s: number) => {
    if (!shifts.has(s)) shifts.set(s, [...staff[s].commitments]);
    return shifts.get(s)!;
  };
  for (const [s, r] of chosen) {
    shiftsOf(s).push(shiftOf(requirements[r]));
    filled.set(r, (filled.get(r) ?? new Set()).add(s));
  }
  const order = requirements
    .map((_, r) => r)
    .sort((a, b) => requirements[a].startsAt.getTime() - requirements[b].startsAt.getTime());
  for (const r of order) {
    const on = filled.get(r) ?? new Set<number>();
    for (const s of candidates.byRequirement[r]) {
      if (on.size >= requirements[r].headcount) break;
      if (on.has(s)) continue;
      const shift = shiftOf(requirements[r]);
      if (scheduleProblem(staff[s].profile.member, shiftsOf(s), shift, travelMinutes)) continue;
      shiftsOf(s).push(shift);
      on.add(s);
      result.push([s, r]);
    }
    filled.set(r, on);
  }
  return result;
}
