import { interpolate, MEDIAN, P90, percentileRanks } from './percentiles';

describe('percentiles', () => {
  const of = (values: number[]) => (rank: number) => values[rank - 1];

  it('interpolates between the closest ranks', () => {
    // [2, 4, 10]: median at position 1 + 0.5·2 = 2 → 4; p90 at 1 + 0.9·2 = 2.8 → 4 + 0.8·6 = 8.8.
    expect(interpolate(MEDIAN, 3, of([2, 4, 10]))).toBe(4);
    expect(interpolate(P90, 3, of([2, 4, 10]))).toBeCloseTo(8.8, 10);
    // [1, 3, 5, 7]: median at 2.5 → 3 + 0.5·2 = 4.
    expect(interpolate(MEDIAN, 4, of([1, 3, 5, 7]))).toBe(4);
  });

  it('uses exact ranks where floating point would not (p90 of 11 values is rank 10)', () => {
    expect(percentileRanks(P90, 11)).toEqual({ lower: 10, upper: 10, weight: 0 });
    expect(percentileRanks(MEDIAN, 1)).toEqual({ lower: 1, upper: 1, weight: 0 });
  });

  it('has no percentile of nothing', () => {
    expect(interpolate(MEDIAN, 0, of([]))).toBeNull();
  });
});
