import { Facility, VenueKind } from './venue-enums';
import { OpeningHoursSpec } from './weekly-hours';

export interface FacilitySpec {
  type: Facility;
  /** Defaults to 1. */
  count?: number;
}

/** Everything an owner states about a venue; optional fields have the contract's defaults. */
export interface VenueDetails {
  nameZh: string;
  nameEn: string;
  addressZh: string;
  addressEn: string;
  kind: VenueKind;
  seatedCapacity: number;
  standingCapacity?: number | null;
  facilities: FacilitySpec[];
  securityLevel: number;
  timeZone?: string;
  openingHours: OpeningHoursSpec[];
  setupMinutes?: number;
  teardownMinutes?: number;
  minNoticeHours?: number;
  maxAdvanceDays?: number;
  minDurationMinutes?: number;
  maxDurationMinutes?: number;
  requiresApproval?: boolean;
  contactName?: string | null;
  contactPhone?: string | null;
  contactEmail?: string | null;
}

export interface NewVenue extends VenueDetails {
  subdistrictId: string;
}

export type VenueChanges = Partial<VenueDetails>;

export const VENUE_DEFAULTS = {
  timeZone: 'Asia/Shanghai',
  setupMinutes: 0,
  teardownMinutes: 0,
  minNoticeHours: 0,
  maxAdvanceDays: 365,
  minDurationMinutes: 30,
  maxDurationMinutes: 720,
  requiresApproval: true,
} as const;
