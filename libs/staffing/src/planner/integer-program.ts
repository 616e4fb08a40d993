import loadHighs from 'highs';

type Highs = Awaited<ReturnType<typeof loadHighs>>;
let runtime: Promise<Highs> | undefined;
/** The HiGHS WebAssembly runtime, loaded once per process. */
const highs = () => (runtime ??= loadHighs());

export interface Row {
  columns: number[];
  coefficients: number[];
  upper: number;
}

/** maximize costs·x subject to rows (each ≤ upper), 0 ≤ x ≤ upper, x integer. */
export interface IntegerProgram {
  costs: number[];
  upper: number[];
  rows: Row[];
}

export interface ProgramResult {
  values: number[];
  objective: number;
  /** A proven upper bound on the objective (the optimum itself, within an absolute 0.99). */
  bound: number;
  optimal: boolean;
}

export interface SolveOptions {
  timeLimitSeconds?: number;
  /** Epoch milliseconds by which every part must be done: each gets what time is left. */
  deadline?: number;
  /** Results of parts solved before, by their text: re-planning solves only what changed. */
  solved?: Map<string, ProgramResult>;
}

export async function maximize(
  program: IntegerProgram,
  options: SolveOptions = {},
): Promise<ProgramResult> {
  const { costs, upper, rows } = program;
  if (!costs.length) return { values: [], objective: 0, bound: 0, optimal: true };
  const solver = await highs();
  const starts = [0];
  const indices: number[] = [];
  const values: number[] = [];
  for (const row of rows) {
    indices.push(...row.columns);
    values.push(...row.coefficients);
    starts.push(indices.length);
  }
  return solver.withModel(
    {
      numCols: costs.length,
      numRows: rows.length,
      sense: solver.constants.objectiveSense.maximize,
      colCost: costs,
      colLower: costs.map(() => 0),
      colUpper: upper,
      rowLower: rows.map(() => -solver.infinity),
      rowUpper: rows.map((row) => row.upper),
      matrix: {
        format: 'csr',
        numRows: rows.length,
        numCols: costs.length,
        starts,
        indices,
        values,
      },
      integrality: costs.map(() => solver.constants.variableType.integer),
    },
    (model) => {
      model.options.set({
        output_flag: false,
        // Absolute, not relative: callers weigh objectives in whole units they must not lose.
        mip_rel_gap: 0,
        mip_abs_gap: 0.99,
        ...(options.timeLimitSeconds ? { time_limit: options.timeLimitSeconds } : {}),
      });
      model.run();
      const status = model.getModelStatus();
      const { colValue } = model.getSolution();
      if (status !== solver.constants.modelStatus.optimal && !colValue.length) {
        throw new Error(`the solver stopped without a solution (model status ${status})`);
      }
      const objective = model.getObjectiveValue();
      const optimal = status === solver.constants.modelStatus.optimal;
      const dual = Number(model.info.get('mip_dual_bound'));
      return {
        values: Array.from(colValue),
        objective,
        bound: Number.isFinite(dual) ? dual : optimal ? objective : Number.POSITIVE_INFINITY,
        optimal,
      };
    },
  );
}

/**
 * Solves each independent part of the program on its own (columns linked by no row never
 * interact), which is exact and much faster than one large branch-and-bound: a week's staffing
 * falls apart into days and staff kinds.
 */
export async function maximizeByParts(
  program: IntegerProgram,
  options: SolveOptions = {},
): Promise<ProgramResult & { solves: number }> {
  const { costs, upper, rows } = program;
  const parent = costs.map((_, c) => c);
  const find = (c: number): number => {
    while (parent[c] !== c) c = parent[c] = parent[parent[c]];
    return c;
  };
  for (const row of rows) {
    const [first, ...rest] = row.columns;
    for (const c of rest) parent[find(c)] = find(first);
  }
  const parts = new Map<number, { columns: number[]; rows: Row[] }>();
  costs.forEach((_, c) => {
    const root = find(c);
    if (!parts.has(root)) parts.set(root, { columns: [], rows: [] });
    parts.get(root)!.columns.push(c);
  });
  for (const row of rows) if (row.columns.length) parts.get(find(row.columns[0]))!.rows.push(row);

  const values = costs.map(() => 0);
  let objective = 0;
  let bound = 0;
  let optimal = true;
  let solves = 0;
  for (const part of parts.values()) {
    const local = new Map(part.columns.map((c, i) => [c, i]));
    const subprogram: IntegerProgram = {
      costs: part.columns.map((c) => costs[c]),
      upper: part.columns.map((c) => upper[c]),
      rows: part.rows.map((row) => ({ ...row, columns: row.columns.map((c) => local.get(c)!) })),
    };
    const key = JSON.stringify(subprogram);
    let result = options.solved?.get(key);
    if (!result) {
      const left = options.deadline ? (options.deadline - Date.now()) / 1000 : undefined;
      result = await maximize(subprogram, {
        ...options,
        timeLimitSeconds: left === undefined ? options.timeLimitSeconds : Math.max(0.1, left),
      });
      // A part stopped by the clock is not kept: a later round may give it more time.
      if (result.optimal) options.solved?.set(key, result);
      solves += 1;
    }
    part.columns.forEach((c, i) => (values[c] = result.values[i]));
    objective += result.objective;
    bound += result.bound;
    optimal &&= result.optimal;
  }
  return { values, objective, bound, optimal, solves };
}
