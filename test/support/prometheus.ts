import parsePrometheusTextFormat, {
  PrometheusFamily,
  PrometheusSample,
} from 'parse-prometheus-text-format';

/** A scrape, parsed as Prometheus reads it. */
export class Scrape {
  constructor(readonly families: PrometheusFamily[]) {}

  static async of(url: string, token?: string): Promise<Scrape> {
    const response = await fetch(url, {
      headers: token ? { authorization: `Bearer ${token}` } : {},
    });
    if (response.status !== 200) throw new Error(`${url}: ${response.status}`);
    if (!response.headers.get('content-type')?.startsWith('text/plain'))
      throw new Error(`${url}: ${response.headers.get('content-type')}`);
    return new Scrape(parse(await response.text()));
  }

  family(name: string): PrometheusFamily {
    const family = this.families.find((f) => f.name === name);
    if (!family) throw new Error(`no series ${name}`);
    return family;
  }

  /** The samples of a series whose labels include the given ones. */
  samples(name: string, labels: Record<string, string> = {}): PrometheusSample[] {
    return this.family(name).metrics.filter((sample) =>
      Object.entries(labels).every(([key, value]) => sample.labels?.[key] === value),
    );
  }

  /** The one sample's value (a gauge's or counter's), or a histogram's count. */
  value(name: string, labels: Record<string, string> = {}): number {
    const found = this.samples(name, labels);
    if (found.length !== 1)
      throw new Error(`${name} ${JSON.stringify(labels)}: ${found.length} samples`);
    return Number(found[0].value ?? found[0].count);
  }

  /** Every value one label takes in a series. */
  labelValues(name: string, label: string): string[] {
    return [...new Set(this.family(name).metrics.map((s) => s.labels?.[label] ?? ''))].sort();
  }
}

/**
 * The text parsed by parse-prometheus-text-format. Its histograms lose their labels (it folds
 * every labelled series of a family into one), so each histogram is read a second time with its
 * type line made untyped: the parser then gives `_bucket`, `_sum` and `_count` as plain series
 * with their labels, which are grouped back into one sample per label set here.
 */
export function parse(text: string): PrometheusFamily[] {
  const families = parsePrometheusTextFormat(text);
  const histograms = families.filter((f) => f.type === 'HISTOGRAM').map((f) => f.name);
  if (!histograms.length) return families;
  const untyped = parsePrometheusTextFormat(
    text.replace(/^# TYPE (\S+) histogram$/gm, '# TYPE $1 untyped'),
  );
  // Each label set's _bucket lines, then its _sum and _count, come out as families of their own.
  const series = (name: string) => untyped.filter((f) => f.name === name).flatMap((f) => f.metrics);
  for (const family of families.filter((f) => f.type === 'HISTOGRAM')) {
    const byLabels = new Map<string, PrometheusSample>();
    const sampleOf = (labels: Record<string, string> = {}) => {
      const key = JSON.stringify(Object.entries(labels).sort());
      let sample = byLabels.get(key);
      if (!sample) byLabels.set(key, (sample = { labels, buckets: {} }));
      return sample;
    };
    for (const { labels = {}, value } of series(`${family.name}_bucket`)) {
      const { le, ...rest } = labels;
      sampleOf(rest).buckets![le] = value!;
    }
    for (const { labels, value } of series(`${family.name}_sum`)) sampleOf(labels).sum = value;
    for (const { labels, value } of series(`${family.name}_count`)) sampleOf(labels).count = value;
    family.metrics = [...byLabels.values()].map((sample) =>
      Object.keys(sample.labels!).length ? sample : { ...sample, labels: undefined },
    );
  }
  return families;
}
