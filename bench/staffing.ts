// Benchmark of the staffing planner on a generated week: `npm run bench:staffing` alone, and
// item 4 of `npm run bench`. Prints coverage, the solver's proven bound, and time. It measures
// the planner itself (the model, HiGHS, the drawing of schedules); reading and writing the
// database are not included.
import { InterpretationMode, ProtocolLevel } from '@app/bookings';
import { seededRandom } from '@app/common/testing';
import {
  deriveRequirements,
  planStaffing,
  PlanRequirement,
  PlanStaff,
  SecuritySkill,
  StaffKind,
  StaffMemberEntity,
  StaffProfile,
} from '@app/staffing';

const ZONE = 'Asia/Shanghai';
const BOOKINGS = Number(process.env.BENCH_BOOKINGS ?? 500);
const INTERPRETERS = Number(process.env.BENCH_INTERPRETERS ?? 300);
const OFFICERS = Number(process.env.BENCH_OFFICERS ?? 400);
const SEED = Number(process.env.BENCH_SEED ?? 20260601);
/** The planner's time budget (see PlanProblem.timeLimitSeconds). */
const BUDGET_SECONDS = Number(process.env.BENCH_BUDGET_SECONDS ?? 8);
/** Monday 2026-06-01 00:00 in Beijing. */
const MONDAY = Date.parse('2026-05-31T16:00:00Z');
const at = (day: number, hour: number) => new Date(MONDAY + (day * 24 + hour) * 3_600_000);

let rng = seededRandom(SEED);
const { SIMULTANEOUS, CONSECUTIVE, ESCORT } = InterpretationMode;
/** How much each language is asked for, and how many interpreters the pool has for it. */
const LANGUAGES: [string, number][] = [
  ['en', 40],
  ['fr', 10],
  ['ru', 10],
  ['ja', 9],
  ['ko', 8],
  ['es', 8],
  ['de', 8],
  ['ar', 7],
];
const MODE_SETS: [InterpretationMode[], number][] = [
  [[SIMULTANEOUS, CONSECUTIVE], 4],
  [[CONSECUTIVE, ESCORT], 4],
  [[SIMULTANEOUS, CONSECUTIVE, ESCORT], 2],
];
/** Weekly patterns: [weekdays, from hour, until hour]. */
const PATTERNS: [[number[], number, number], number][] = [
  [[[1, 2, 3, 4, 5, 6], 8, 20], 6],
  [[[1, 2, 3, 4, 5], 9, 18], 2],
  [[[1, 2, 3, 4, 5, 6, 7], 7, 22], 2],
];

let ids = 0;
function profile(kind: StaffKind, fields: Partial<StaffMemberEntity>): StaffProfile {
  const id = String(++ids);
  const [days, from, until] = rng.weighted(PATTERNS);
  const leaveDay = rng.chance(0.05) ? rng.int(0, 5) : null;
  return {
    // The planner reads profiles only: a plain object of the entity's shape.
    member: {
      id,
      userId: id,
      kind,
      nameZh: `员工${id}`,
      nameEn: `Staff ${id}`,
      accreditationLevel: null,
      unit: null,
      clearanceLevel: null,
      maxHoursPerDay: 8,
      timeZone: ZONE,
      active: true,
      createdAt: new Date(0),
      updatedAt: new Date(0),
      ...fields,
    } satisfies StaffMemberEntity,
    pairs: [],
    skills: [],
    availability: days.map((weekday) => ({
      id: `${id}-${weekday}`,
      staffId: id,
      weekday,
      fromMinute: from * 60,
      untilMinute: until * 60,
    })),
    leave:
      leaveDay === null
        ? []
        : [
            {
              id: `leave-${id}`,
              staffId: id,
              startsAt: at(leaveDay, 0),
              endsAt: at(leaveDay + 1, 0),
              reason: 'Annual leave',
            },
          ],
  };
}

function staffPools(): PlanStaff[] {
  const staff: PlanStaff[] = [];
  for (let i = 0; i < INTERPRETERS; i++) {
    const language = rng.weighted(LANGUAGES);
    const modes = rng.weighted(MODE_SETS);
    const person = profile(StaffKind.INTERPRETER, { accreditationLevel: rng.int(1, 3) });
    person.pairs = modes.flatMap((mode) => [
      { staffId: person.member.id, languageFrom: 'zh', languageTo: language, mode },
      { staffId: person.member.id, languageFrom: language, languageTo: 'zh', mode },
    ]);
    staff.push({ profile: person, commitments: [], organizers: new Set() });
  }
  for (let i = 0; i < OFFICERS; i++) {
    const person = profile(StaffKind.SECURITY_OFFICER, {
      clearanceLevel: rng.weighted([
        [1, 4],
        [2, 4],
        [3, 2],
      ]),
      maxHoursPerDay: 10,
      unit: `Unit ${rng.int(1, 8)}`,
    });
    person.skills = [
      [SecuritySkill.VIP_PROTECTION, 0.3],
      [SecuritySkill.CROWD_CONTROL, 0.5],
      [SecuritySkill.SCREENING, 0.5],
    ]
      .filter(([, p]) => rng.chance(p as number))
      .map(([skill]) => ({ staffId: person.member.id, skill: skill as SecuritySkill }));
    staff.push({ profile: person, commitments: [], organizers: new Set() });
  }
  return staff;
}

function week(): PlanRequirement[] {
  const requirements: PlanRequirement[] = [];
  for (let b = 0; b < BOOKINGS; b++) {
    const day = rng.weighted<number>([
      [0, 3],
      [1, 3],
      [2, 3],
      [3, 3],
      [4, 3],
      [5, 1],
    ]);
    const start = 8 + rng.int(0, 18) / 2;
    const hours = Math.min(
      rng.weighted<number>([
        [1, 2],
        [2, 4],
        [3, 4],
        [4, 3],
        [6, 1],
        [8, 1],
      ]),
      20 - start,
    );
    const startsAt = at(day, start);
    const endsAt = at(day, start + hours);
    const needs = rng.weighted<number>([
      [0, 3],
      [1, 5],
      [2, 2],
    ]);
    const languages = new Set<string>();
    while (languages.size < needs) languages.add(rng.weighted(LANGUAGES));
    const specs = deriveRequirements(
      {
        startsAt,
        endsAt,
        occupiedFrom: startsAt,
        occupiedUntil: endsAt,
        attendees: rng.int(20, 300),
        protocolLevel: rng.weighted([
          [ProtocolLevel.STANDARD, 14],
          [ProtocolLevel.HIGH, 5],
          [ProtocolLevel.STATE, 1],
        ]),
        interpretation: [...languages].map((to) => ({
          from: 'zh',
          to,
          mode: rng.weighted([
            [CONSECUTIVE, 5],
            [SIMULTANEOUS, 3],
            [ESCORT, 2],
          ]),
        })),
      },
      rng.int(1, 3),
    );
    const venueId = `venue-${rng.int(1, 120)}`;
    const organizerId = `organizer-${rng.int(1, 80)}`;
    specs.forEach((spec, i) =>
      requirements.push({ ...spec, id: `${b}-${i}`, venueId, organizerId, timeZone: ZONE }),
    );
  }
  return requirements;
}

export interface StaffingFigures {
  seed: number;
  places: number;
  covered: number;
  /** The solver's proven bound on the places any plan can fill (the optimum when proven optimal). */
  bound: number;
  optimal: boolean;
  /** Wall-clock time of the whole planner call. */
  seconds: number;
  report: string;
}

/** Plans the generated week (the same instance for the same seed) and returns the figures. */
export async function staffingBench(): Promise<StaffingFigures> {
  rng = seededRandom(SEED);
  ids = 0;
  const staff = staffPools();
  const requirements = week();
  const started = performance.now();
  const outcome = await planStaffing({
    requirements,
    staff,
    existing: [],
    excluded: [],
    travelMinutes: 30,
    timeLimitSeconds: BUDGET_SECONDS,
  });
  const wallMs = performance.now() - started;
  const s = outcome.statistics;
  const byKind = (kind: StaffKind) => {
    const mine = new Set(requirements.filter((r) => r.kind === kind).map((r) => r.id));
    const places = requirements.filter((r) => mine.has(r.id)).reduce((n, r) => n + r.headcount, 0);
    const filled = outcome.placements.filter((p) => mine.has(p.requirementId)).length;
    return `${filled}/${places}`;
  };
  const percent = (x: number) => `${(100 * x).toFixed(2)}%`;
  const report = [
    `staffing planner benchmark (seed ${SEED}, budget ${BUDGET_SECONDS} s)`,
    `  instance     ${BOOKINGS} bookings, ${requirements.length} requirements, ${s.places} places; ${INTERPRETERS} interpreters, ${OFFICERS} officers`,
    `  model        ${s.candidates} candidate pairs, ${s.staffGroups} staff groups, ${s.columns} columns, ${s.rows} rows, ${s.solves} solver runs`,
    `  coverage     ${s.covered}/${s.places} places (${percent(s.covered / s.places)}); interpreters ${byKind(StaffKind.INTERPRETER)}, officers ${byKind(StaffKind.SECURITY_OFFICER)}`,
    `  bound        ${s.bound} places; coverage is ${percent(s.covered / Math.max(1, s.bound))} of the bound (gap ${s.bound - s.covered}); proven optimal: ${s.optimal}`,
    `  time         ${s.millis} ms in the planner, ${Math.round(wallMs)} ms in all`,
  ].join('\n');
  return {
    seed: SEED,
    places: s.places,
    covered: s.covered,
    bound: s.bound,
    optimal: s.optimal,
    seconds: wallMs / 1000,
    report,
  };
}

if (require.main === module) {
  staffingBench()
    .then((figures) => console.log(figures.report))
    .catch((error) => {
      console.error(error);
      process.exit(1);
    });
}
