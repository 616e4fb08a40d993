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
  /** Optimality proven (within HiGHS's default relative gap of 1e-4). */
  optimal: boolean;
}

export interface SolveOptions {
  timeLimitSeconds?: number;
  /** Solve the linear relaxation instead: its optimum bounds the integer one from above. */
  relaxed?: boolean;
}

export async function maximize(
  program: IntegerProgram,
  options: SolveOptions = {},
): Promise<ProgramResult> {
  const { costs, upper, rows } = program;
  if (!costs.length) return { values: [], objective: 0, optimal: true };
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
      ...(options.relaxed
        ? {}
        : { integrality: costs.map(() => solver.constants.variableType.integer) }),
    },
    (model) => {
      model.options.set({
        output_flag: false,
        ...(options.timeLimitSeconds ? { time_limit: options.timeLimitSeconds } : {}),
      });
      model.run();
      const status = model.getModelStatus();
      const { colValue } = model.getSolution();
      if (status !== solver.constants.modelStatus.optimal && !colValue.length) {
        throw new Error(`the solver stopped without a solution (model status ${status})`);
      }
      return {
        values: Array.from(colValue),
        objective: model.getObjectiveValue(),
        optimal: status === solver.constants.modelStatus.optimal,
      };
    },
  );
}
