import { SqlFragment } from '@app/database';

/** A booking whose occupied span (buffers included) exceeds this is in the long bucket. */
export const SHORT_SPAN_MINUTES = 1440;

export type SpanBucket = 'short' | 'long';
export const SPAN_BUCKETS: readonly SpanBucket[] = ['short', 'long'];

/** The longest occupied span in a bucket, in whole minutes rounded up: read off its index. */
const LONGEST: Record<SpanBucket, string> = {
  short: String(SHORT_SPAN_MINUTES),
  long: '(SELECT MAX(l.occupied_minutes) FROM bookings l WHERE l.occupied_long = 1)',
};

/**
 * "Booking `a`'s occupied range overlaps [from, until)" within one span bucket, bounded on both
 * sides of the index: a booking of that bucket that still runs at `from` began after `from`
 * minus the bucket's longest span. Ask once per bucket (two range scans) rather than with an OR,
 * which no index serves. `from` and `until` are SQL (placeholders or expressions); the fragment's
 * params follow the order they appear in.
 */
export function overlapsIn(
  bucket: SpanBucket,
  a: string,
  from: SqlFragment,
  until: SqlFragment,
): SqlFragment {
  return {
    sql: `${a}.occupied_long = ${bucket === 'long' ? 1 : 0}
      AND ${a}.occupied_from > DATE_SUB(${from.sql}, INTERVAL ${LONGEST[bucket]} MINUTE)
      AND ${a}.occupied_from < ${until.sql} AND ${a}.occupied_until > ${from.sql}`,
    params: [...from.params, ...until.params, ...from.params],
  };
}

/** As overlapsIn, with named parameters (`:from`) for the query builder. */
export function overlapsInNamed(bucket: SpanBucket, a: string, from: string, until: string) {
  return overlapsIn(bucket, a, { sql: from, params: [] }, { sql: until, params: [] }).sql;
}

/** The largest setup and teardown buffers of any venue, read off their indexes. */
export const LARGEST_SETUP = '(SELECT MAX(vs.setup_minutes) FROM venues vs)';
export const LARGEST_TEARDOWN = '(SELECT MAX(vt.teardown_minutes) FROM venues vt)';
