import { Facility, VenueKind, VenueStatus } from './venue-enums';

export interface VenueFilter {
  subdistrictId?: string;
  kind?: VenueKind;
  status?: VenueStatus;
  /** Seated capacity at least this. */
  minCapacity?: number;
  /** The venue has every one of these. */
  facilities?: Facility[];
  minSecurityLevel?: number;
  /** Matches the name or address in either language. */
  text?: string;
}
