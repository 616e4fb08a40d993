import { ProtocolLevel } from '@app/bookings';
import { UnmetReason, UnmetSource } from './report-enums';

/** The longest range one report may cover. */
export const REPORT_MAX_DAYS = 366;

export interface ReportQuery {
  from: Date;
  to: Date;
  subdistrictId?: string | null;
}

export type ProtocolCounts = Record<ProtocolLevel, number>;

/** What a venue, a subdistrict or the whole scope served in the range. */
export interface ServedFigures {
  /** Hours open by the venues' weekly opening periods, in their time zones, less blackouts. */
  openHours: number;
  /** Hours of approved and completed events that fall in the range. */
  bookedHours: number;
  /** bookedHours / openHours; null where nothing was open. */
  utilisation: number | null;
  /** Approved and completed events starting in the range. */
  events: number;
  foreignGuests: number;
  byProtocol: ProtocolCounts;
  /** Of those events, how many an approver decided, and how long that took from submission. */
  approvals: number;
  leadTimeMedianHours: number | null;
  leadTimeP90Hours: number | null;
}

export interface VenueReportRow extends ServedFigures {
  venueId: string;
  subdistrictId: string;
  nameZh: string;
  nameEn: string;
  serviceScore: number;
}

export interface SubdistrictReportRow extends ServedFigures {
  subdistrictId: string;
  nameZh: string;
  nameEn: string;
  venues: number;
  unmetDemand: number;
}

export interface UnmetDemandRow {
  source: UnmetSource;
  reason: UnmetReason;
  count: number;
}

export interface InterpreterCoverageRow {
  languageFrom: string;
  languageTo: string;
  requestedHours: number;
  staffedHours: number;
  /** staffedHours / requestedHours. */
  coverage: number | null;
}

export interface SecurityLoadRow {
  staffId: string;
  nameZh: string;
  nameEn: string;
  assignments: number;
  hours: number;
}

export interface SecurityLoadSummary {
  activeOfficers: number;
  /** Officers with at least one assignment in the scope. */
  officersAssigned: number;
  assignments: number;
  hours: number;
  /** hours / activeOfficers. */
  meanHoursPerOfficer: number | null;
  maxHours: number;
}

export interface CapacityReport {
  from: Date;
  to: Date;
  subdistrictId: string | null;
  generatedAt: Date;
  totals: ServedFigures & { unmetDemand: number };
  venues: VenueReportRow[];
  subdistricts: SubdistrictReportRow[];
  unmetDemand: UnmetDemandRow[];
  interpreterCoverage: InterpreterCoverageRow[];
  securityLoad: SecurityLoadRow[];
  securitySummary: SecurityLoadSummary;
}
