/**
 * Label values taken as they come up to a limit, then folded into one: a label fed by clients
 * (GraphQL operation names) cannot grow the series without bound.
 */
export class BoundedLabel {
  private readonly seen = new Set<string>();

  constructor(
    private readonly limit: number,
    private readonly overflow = 'other',
  ) {}

  of(value: string): string {
    if (this.seen.has(value)) return value;
    if (this.seen.size >= this.limit) return this.overflow;
    this.seen.add(value);
    return value;
  }
}
