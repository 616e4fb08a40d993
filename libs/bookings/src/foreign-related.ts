import { BookingEntity } from './booking.entity';

export type ForeignFacts = Pick<
  BookingEntity,
  'foreignGuests' | 'delegationCountries' | 'interpretation'
>;

/**
 * Foreign-related: foreign guests, a delegation, or interpretation. These are the events security
 * is told of and sees in its calendar.
 */
export function isForeignRelated(booking: ForeignFacts): boolean {
  return (
    booking.foreignGuests > 0 ||
    booking.delegationCountries.length > 0 ||
    booking.interpretation.length > 0
  );
}

/**
 * The same test as a SQL condition on the `bookings` row under `alias`, for queries that should
 * not load every booking to keep a few: the countries are stored comma-separated, the
 * interpretation needs as a JSON array. Change both together.
 */
export function foreignRelatedSql(alias: string): string {
  return `(${alias}.foreign_guests > 0 OR ${alias}.delegation_countries <> '' OR JSON_LENGTH(${alias}.interpretation) > 0)`;
}
