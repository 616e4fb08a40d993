/** A percentile as a fraction num/den, so ranks are whole-number arithmetic. */
export interface Percentile {
  num: number;
  den: number;
}

export const MEDIAN: Percentile = { num: 1, den: 2 };
export const P90: Percentile = { num: 9, den: 10 };

/**
 * The 1-based ranks around the percentile of n sorted values and the weight of the upper one:
 * linear interpolation between closest ranks, position 1 + p·(n − 1) (as PERCENTILE_CONT).
 */
export function percentileRanks(
  p: Percentile,
  n: number,
): { lower: number; upper: number; weight: number } {
  const scaled = p.den + p.num * (n - 1); // position × den, an integer
  const lower = Math.floor(scaled / p.den);
  const remainder = scaled % p.den;
  return { lower, upper: remainder ? lower + 1 : lower, weight: remainder / p.den };
}

/** The percentile from the values at the ranks percentileRanks named. */
export function interpolate(
  p: Percentile,
  n: number,
  valueAt: (rank: number) => number | undefined,
): number | null {
  if (n <= 0) return null;
  const { lower, upper, weight } = percentileRanks(p, n);
  const low = valueAt(lower);
  const high = valueAt(upper);
  if (low === undefined || high === undefined) return null;
  return low + (high - low) * weight;
}
