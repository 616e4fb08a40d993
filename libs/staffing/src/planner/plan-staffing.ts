import {
  breaksRest,
  clashes,
  hoursOf,
  REST_HOURS,
  scheduleProblem,
  Shift,
  workDayOf,
} from '../schedule-rules';
import { Candidates, findCandidates, pairKey, shiftOf, WorkDays } from './candidates';
import { IntegerProgram, maximizeByParts, Row } from './integer-program';
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
/** Rounds of splitting groups the schedules could not be drawn from; then a greedy top-up. */
const MAX_ROUNDS = 6;
/** The most staff a round plans one by one. */
const SPLIT_LIMIT = 40;
const HOUR = 3_600_000;

/**
 * Staff who are interchangeable for this plan: same candidate requirements, hours, zone, and no
 * personal history in it (commitments, assignments to keep, organizers served). The model counts
 * how many of a group take each requirement, which keeps it small for large pools; each group's
 * count is then drawn as personal schedules.
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
  const days = new WorkDays(requirements);
  const staffIndex = new Map(staff.map((s, i) => [s.profile.member.id, i]));
  const requirementIndex = new Map(requirements.map((r, i) => [r.id, i]));
  const existing = new Map<string, ExistingAssignment>();
  for (const assignment of problem.existing) {
    const s = staffIndex.get(assignment.staffId);
    const r = requirementIndex.get(assignment.requirementId);
    if (s !== undefined && r !== undefined) existing.set(pairKey(s, r), assignment);
  }
  const keepsSomething = new Set([...existing.keys()].map((key) => Number(key.split(':')[0])));

  const alone = new Set<number>();
  let chosen: [number, number][] = [];
  let failed: number[] = [];
  let model: { program: IntegerProgram; columns: [number, number][] } | undefined;
  let optimal = true;
  let solves = 0;
  let bound = 0;
  let groups: StaffGroup[] = [];
  for (let round = 0; round < MAX_ROUNDS; round++) {
    groups = groupStaff(problem, candidates, days, keepsSomething, alone);
    model = buildModel(problem, groups, days, existing);
    const solution = await maximizeByParts(model.program, {
      timeLimitSeconds: problem.timeLimitSeconds,
    });
    solves += solution.parts;
    optimal = solution.optimal;
    bound = coverageBound(model.program, solution.bound);
    ({ chosen, failed } = drawSchedules(problem, groups, model.columns, solution.values));
    if (!failed.length) break;
    // Planning the failed groups' members one by one makes the model exact for them; for large
    // groups that costs more than it gains, and a greedy top-up fills what it can instead.
    const members = failed.flatMap((g) => groups[g].members);
    if (members.length > SPLIT_LIMIT) break;
    for (const s of members) alone.add(s);
  }
  if (failed.length) chosen = topUp(problem, candidates, chosen);

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
      optimal: optimal && (!failed.length || chosen.length >= bound),
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

function groupStaff(
  problem: PlanProblem,
  candidates: Candidates,
  days: WorkDays,
  keepsSomething: ReadonlySet<number>,
  alone: ReadonlySet<number>,
): StaffGroup[] {
  const groups = new Map<string, StaffGroup>();
  problem.staff.forEach((person, s) => {
    const mine = candidates.byStaff[s];
    if (!mine.length) return;
    const { member } = person.profile;
    const personal =
      alone.has(s) ||
      keepsSomething.has(s) ||
      person.commitments.length > 0 ||
      (member.kind === StaffKind.INTERPRETER &&
        mine.some((r) => person.organizers.has(problem.requirements[r].organizerId)));
    const key = personal
      ? `person ${s}`
      : `${member.kind} ${member.maxHoursPerDay} ${member.timeZone} ${mine.join(',')}`;
    const group = groups.get(key);
    if (group) {
      group.members.push(s);
      return;
    }
    const committedByDay = new Map<string, number>();
    for (const shift of person.commitments) {
      const day = workDayOf(member.timeZone, shift.startsAt);
      committedByDay.set(day, (committedByDay.get(day) ?? 0) + hoursOf(shift));
    }
    groups.set(key, {
      members: [s],
      requirements: mine,
      maxHoursPerDay: member.maxHoursPerDay,
      timeZone: member.timeZone,
      committedByDay,
      committedHours: person.commitments.reduce((sum, shift) => sum + hoursOf(shift), 0),
    });
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
  days: WorkDays,
  existing: ReadonlyMap<string, ExistingAssignment>,
) {
  const { requirements, staff, travelMinutes } = problem;
  const costs: number[] = [];
  const upper: number[] = [];
  const columns: [number, number][] = [];
  const rows: Row[] = [];
  const byRequirement = requirements.map<number[]>(() => []);

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

    // Apart but too close: travel between venues, or rest between working days.
    const reach = Math.max(travelMinutes * 60_000, REST_HOURS * HOUR);
    for (let i = 0; i < sorted.length; i++) {
      const a = requirements[sorted[i]];
      const aShift = shiftOf(a);
      const aDay = days.of(group.timeZone, sorted[i]);
      for (let j = i + 1; j < sorted.length; j++) {
        const b = requirements[sorted[j]];
        if (b.startsAt.getTime() >= a.endsAt.getTime() + reach) break;
        if (b.startsAt < a.endsAt && a.startsAt < b.endsAt) continue; // in a clique
        const bShift = shiftOf(b);
        if (
          clashes(aShift, bShift, travelMinutes) ||
          breaksRest(aShift, aDay, bShift, days.of(group.timeZone, sorted[j]))
        ) {
          rows.push({
            columns: [column(sorted[i]), column(sorted[j])],
            coefficients: [1, 1],
            upper: size,
          });
        }
      }
    }

    // Daily hours, less what is already committed that day.
    const byDay = new Map<string, number[]>();
    for (const r of sorted) {
      const day = days.of(group.timeZone, r);
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
 * Turns each group's counts into personal schedules, requirement by requirement in order of
 * start: for each place the member who already serves the organizer, else the least loaded, who
 * can still take it. Groups where that fails are reported, to be planned person by person.
 */
function drawSchedules(
  problem: PlanProblem,
  groups: StaffGroup[],
  columns: [number, number][],
  values: number[],
): { chosen: [number, number][]; failed: number[] } {
  const { requirements, staff, travelMinutes } = problem;
  const counts = groups.map(() => new Map<number, number>());
  columns.forEach(([g, r], c) => {
    const count = Math.round(values[c]);
    if (count > 0) counts[g].set(r, count);
  });
  const chosen: [number, number][] = [];
  const failed: number[] = [];
  groups.forEach((group, g) => {
    const shifts = new Map<number, Shift[]>(
      group.members.map((s) => [s, [...staff[s].commitments]]),
    );
    const served = new Map<number, Set<string>>(
      group.members.map((s) => [s, new Set(staff[s].organizers)]),
    );
    const hours = new Map<number, number>(group.members.map((s) => [s, 0]));
    for (const r of group.requirements) {
      let count = counts[g].get(r) ?? 0;
      if (!count) continue;
      const requirement = requirements[r];
      const shift = shiftOf(requirement);
      const able = group.members
        .filter(
          (s) => !scheduleProblem(staff[s].profile.member, shifts.get(s)!, shift, travelMinutes),
        )
        .sort(
          (a, b) =>
            Number(served.get(b)!.has(requirement.organizerId)) -
              Number(served.get(a)!.has(requirement.organizerId)) ||
            hours.get(a)! - hours.get(b)! ||
            a - b,
        );
      for (const s of able) {
        if (!count) break;
        shifts.get(s)!.push(shift);
        served.get(s)!.add(requirement.organizerId);
        hours.set(s, hours.get(s)! + hoursOf(shift));
        chosen.push([s, r]);
        count -= 1;
      }
      if (count && !failed.includes(g)) failed.push(g);
    }
  });
  return { chosen, failed };
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
