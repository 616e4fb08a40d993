import { Histogram, Registry } from 'prom-client';

export type PlannerPhase = 'load' | 'solve' | 'write' | 'total';

/**
 * staffing_planner_duration_seconds: each planning run (a window, a booking, a replan after a
 * decline) by phase: reading the snapshot, the solver, writing the plan, and all of it.
 */
export function plannerDurations(registry: Registry): Histogram<'phase'> {
  const name = 'staffing_planner_duration_seconds';
  const existing = registry.getSingleMetric(name);
  if (existing) return existing as Histogram<'phase'>;
  return new Histogram({
    name,
    help: 'Staffing planner runs by phase (load, solve, write, total)',
    labelNames: ['phase'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    registers: [registry],
  });
}
