import { OpeningHoursEntity } from './opening-hours.entity';
import { VenueFieldChange } from './venue-audit.entity';
import { Facility, VenueStatus } from './venue-enums';
import { VenueFacilityEntity } from './venue-facility.entity';
import { VenueEntity } from './venue.entity';
import { formatClock, OpeningPeriod } from './weekly-hours';

/**
 * The facts the district reviews before a venue is offered: what makes it eligible for an event
 * (security level for the protocol level, capacity for the attendees, facilities for the needs).
 * On a reviewed venue an owner's change to them waits for the district.
 */
export const REVIEWED_FIELDS = [
  'securityLevel',
  'seatedCapacity',
  'standingCapacity',
  'facilities',
] as const;

export type ReviewedField = (typeof REVIEWED_FIELDS)[number];

export interface FacilityRow {
  type: Facility;
  count: number;
}

/** The proposed values of a pending change; a field not named keeps the venue's value. */
export interface ProposedVenueValues {
  securityLevel?: number;
  seatedCapacity?: number;
  standingCapacity?: number | null;
  facilities?: FacilityRow[];
}

/** The venue's reviewed facts as they stand. */
export type ReviewedValues = Required<ProposedVenueValues>;

/** The venue's reviewed facts once the pending change (if any) is applied. */
export function proposedValues(
  current: ReviewedValues,
  pending: ProposedVenueValues | null,
): ReviewedValues {
  return { ...current, ...(pending ?? {}) };
}

/**
 * Whether an owner's edit of the reviewed facts must wait for the district: on a venue that was
 * reviewed (ACTIVE, or SUSPENDED and to be reinstated as it was), unless the district edits it.
 */
export function editNeedsReview(venue: VenueEntity, byReviewer: boolean): boolean {
  return (
    !byReviewer && (venue.status === VenueStatus.ACTIVE || venue.status === VenueStatus.SUSPENDED)
  );
}

/** A value as the audit trail keeps it: text, or null. */
export function auditText(field: string, value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (field === 'facilities') return facilitiesText(value as FacilityRow[]);
  if (field === 'openingHours') return openingHoursText(value as OpeningPeriod[]);
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}

/** "AV_SYSTEM×1, WIFI×1", in type order; null for none. */
export function facilitiesText(rows: readonly FacilityRow[]): string | null {
  if (!rows.length) return null;
  return [...rows]
    .sort((a, b) => a.type.localeCompare(b.type))
    .map((row) => `${row.type}×${row.count}`)
    .join(', ');
}

/** "1 08:00–20:00, 2 08:00–20:00" (ISO weekday, local time); null for none. */
export function openingHoursText(
  rows: readonly Pick<OpeningHoursEntity, 'weekday' | 'opensMinute' | 'closesMinute'>[],
): string | null {
  if (!rows.length) return null;
  return [...rows]
    .sort((a, b) => a.weekday - b.weekday || a.opensMinute - b.opensMinute)
    .map((row) => `${row.weekday} ${formatClock(row.opensMinute)}–${formatClock(row.closesMinute)}`)
    .join(', ');
}

/** The fields whose text differs between before and after, in the order of `fields`. */
export function fieldChanges(
  fields: readonly string[],
  before: object,
  after: object,
): VenueFieldChange[] {
  return fields.flatMap((field) => {
    const from = auditText(field, (before as Record<string, unknown>)[field]);
    const to = auditText(field, (after as Record<string, unknown>)[field]);
    return from === to ? [] : [{ field, from, to }];
  });
}

export function facilityRowsOf(entities: readonly VenueFacilityEntity[]): FacilityRow[] {
  return entities.map(({ type, count }) => ({ type, count }));
}
