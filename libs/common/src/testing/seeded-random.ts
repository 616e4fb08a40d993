import { unsafeUniformIntDistribution, xoroshiro128plus } from 'pure-rand';

/** Reproducible random choices for generated test and benchmark data: a seed replays a run. */
export function seededRandom(seed: number) {
  const generator = xoroshiro128plus(seed);
  const int = (low: number, high: number) => unsafeUniformIntDistribution(low, high, generator);
  const chance = (p: number) => int(0, 999_999) < p * 1_000_000;
  const pick = <T>(items: readonly T[]): T => items[int(0, items.length - 1)];
  /** One of the options, each as likely as its weight. */
  const weighted = <T>(options: readonly [T, number][]): T => {
    let roll = int(0, options.reduce((sum, [, w]) => sum + w, 0) - 1);
    for (const [value, weight] of options) if ((roll -= weight) < 0) return value;
    return options[options.length - 1][0];
  };
  return { int, chance, pick, weighted };
}
