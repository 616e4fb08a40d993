import { BookingStatus, ProtocolLevel } from '@app/bookings';
import { StaffKind } from '@app/staffing';
import { OpeningPeriod, openMinutesOutside } from '@app/venues';
import {
  CapacityReport,
  ProtocolCounts,
  ServedFigures,
  SubdistrictReportRow,
  UnmetDemandRow,
  VenueReportRow,
} from './capacity-report';
import { interpolate, MEDIAN, P90 } from './percentiles';
import { UnmetReason, UnmetSource } from './report-enums';

export interface ReportSubdistrict {
  id: string;
  nameZh: string;
  nameEn: string;
}

export interface ReportVenue {
  id: string;
  subdistrictId: string;
  nameZh: string;
  nameEn: string;
  timeZone: string;
}

/** A venue's approved and completed events: counted where they start, seconds where they fall. */
export interface ServedAtVenue {
  events: number;
  foreignGuests: number;
  byProtocol: ProtocolCounts;
  bookedSeconds: number;
  /**
   * Approval lead times (submission to the final approval, in seconds) of the events starting
   * in the range that an approver decided, in no order.
   */
  leadTimes: readonly number[];
}

/** Searches that found nothing; subdistrictId null for a search over the whole district. */
export interface LoggedUnmetDemand extends UnmetDemandRow {
  subdistrictId: string | null;
}

export interface RefusedBookings {
  venueId: string;
  status: BookingStatus.REJECTED | BookingStatus.EXPIRED;
  count: number;
}

/** Requirements of approved events with places left unfilled. */
export interface UnfilledRequirements {
  venueId: string;
  kind: StaffKind;
  count: number;
}

export interface InterpreterHours {
  languageFrom: string;
  languageTo: string;
  requestedSeconds: number;
  staffedSeconds: number;
}

export interface OfficerLoad {
  staffId: string;
  nameZh: string;
  nameEn: string;
  assignments: number;
  seconds: number;
}

/** Everything a capacity report is made of, as the read model reads it. */
export interface CapacityFigures {
  subdistricts: ReportSubdistrict[];
  /** In report order (subdistrict, then id). */
  venues: ReportVenue[];
  openingPeriods: ReadonlyMap<string, readonly OpeningPeriod[]>;
  blackouts: ReadonlyMap<string, readonly (readonly [Date, Date])[]>;
  serviceScores: ReadonlyMap<string, number>;
  served: ReadonlyMap<string, ServedAtVenue>;
  loggedUnmetDemand: LoggedUnmetDemand[];
  refusedBookings: RefusedBookings[];
  unfilledRequirements: UnfilledRequirements[];
  /** Every venue's subdistrict, for the refused and unfilled demand counted by venue. */
  venueSubdistricts: ReadonlyMap<string, string>;
  interpreterHours: InterpreterHours[];
  /** The busiest first. */
  officerLoad: OfficerLoad[];
  activeOfficers: number;
}

export interface ReportRange {
  from: Date;
  to: Date;
  subdistrictId: string | null;
  generatedAt: Date;
}

interface LeadTimes {
  approvals: number;
  median: number | null;
  p90: number | null;
}

const REFUSED_SOURCE: Record<RefusedBookings['status'], UnmetSource> = {
  [BookingStatus.REJECTED]: UnmetSource.REJECTED,
  [BookingStatus.EXPIRED]: UnmetSource.EXPIRED,
};

/** An unfilled interpreter place wants a language, an unfilled officer's place security. */
const UNFILLED_REASON: Record<StaffKind, UnmetReason> = {
  [StaffKind.INTERPRETER]: UnmetReason.LANGUAGE,
  [StaffKind.SECURITY_OFFICER]: UnmetReason.SECURITY_LEVEL,
};

const hours = (seconds: number) => Math.round((seconds / 3600) * 100) / 100;
const ratio = (part: number, whole: number) =>
  whole > 0 ? Math.round((part / whole) * 10_000) / 10_000 : null;
const noProtocols = (): ProtocolCounts => ({
  [ProtocolLevel.STANDARD]: 0,
  [ProtocolLevel.HIGH]: 0,
  [ProtocolLevel.STATE]: 0,
});

/**
 * The capacity report from its figures: per venue (open hours from the weekly periods in the
 * venue's zone, less blackouts), per subdistrict and in total, unmet demand by kind, interpreter
 * coverage and security load.
 */
export function assembleCapacityReport(
  range: ReportRange,
  figures: CapacityFigures,
): CapacityReport {
  const { from, to } = range;
  const { venueLeads, subdistrictLeads, totalLeads } = leadTimesOf(figures);

  const venues: VenueReportRow[] = figures.venues.map((venue) => {
    const openSeconds =
      openMinutesOutside(
        figures.openingPeriods.get(venue.id) ?? [],
        venue.timeZone,
        from,
        to,
        figures.blackouts.get(venue.id) ?? [],
      ) * 60;
    return {
      venueId: venue.id,
      subdistrictId: venue.subdistrictId,
      nameZh: venue.nameZh,
      nameEn: venue.nameEn,
      serviceScore: figures.serviceScores.get(venue.id) ?? 0,
      ...venueFigures(openSeconds, figures.served.get(venue.id), venueLeads.get(venue.id)),
    };
  });

  const unmet = unmetDemandOf(figures);
  const subdistricts: SubdistrictReportRow[] = figures.subdistricts.map((subdistrict) => {
    const own = venues.filter((row) => row.subdistrictId === subdistrict.id);
    return {
      subdistrictId: subdistrict.id,
      nameZh: subdistrict.nameZh,
      nameEn: subdistrict.nameEn,
      venues: own.length,
      unmetDemand: unmet.bySubdistrict.get(subdistrict.id) ?? 0,
      ...sumOf(own, subdistrictLeads.get(subdistrict.id)),
    };
  });

  const officers = figures.officerLoad;
  const securityHours = hours(officers.reduce((sum, row) => sum + row.seconds, 0));
  const assignedHours = officers.map((row) => hours(row.seconds));
  return {
    from,
    to,
    subdistrictId: range.subdistrictId,
    generatedAt: range.generatedAt,
    totals: {
      ...sumOf(venues, totalLeads),
      unmetDemand: unmet.byKind.reduce((sum, row) => sum + row.count, 0),
    },
    venues,
    subdistricts,
    unmetDemand: unmet.byKind,
    interpreterCoverage: figures.interpreterHours.map((row) => ({
      languageFrom: row.languageFrom,
      languageTo: row.languageTo,
      requestedHours: hours(row.requestedSeconds),
      staffedHours: hours(row.staffedSeconds),
      coverage: ratio(row.staffedSeconds, row.requestedSeconds),
    })),
    securityLoad: officers.map(({ seconds, ...row }) => ({ ...row, hours: hours(seconds) })),
    securitySummary: {
      activeOfficers: figures.activeOfficers,
      officersAssigned: officers.length,
      assignments: officers.reduce((sum, row) => sum + row.assignments, 0),
      hours: securityHours,
      meanHoursPerOfficer: figures.activeOfficers
        ? Math.round((securityHours / figures.activeOfficers) * 100) / 100
        : null,
      maxHours: assignedHours.length ? Math.max(...assignedHours) : 0,
    },
  };
}

/** Median and p90 (in hours) of lead times, in seconds. */
function leadTimesOfValues(seconds: readonly number[]): LeadTimes {
  const sorted = Float64Array.from(seconds).sort();
  const at = (rank: number) => sorted[rank - 1];
  const median = interpolate(MEDIAN, sorted.length, at);
  const p90 = interpolate(P90, sorted.length, at);
  return {
    approvals: sorted.length,
    median: median === null ? null : hours(median),
    p90: p90 === null ? null : hours(p90),
  };
}

/** Lead times per venue, per subdistrict (of the venue) and over the whole scope. */
function leadTimesOf(figures: CapacityFigures): {
  venueLeads: Map<string, LeadTimes>;
  subdistrictLeads: Map<string, LeadTimes>;
  totalLeads: LeadTimes;
} {
  const venueLeads = new Map<string, LeadTimes>();
  const bySubdistrict = new Map<string, number[]>();
  const all: number[] = [];
  for (const [venueId, served] of figures.served) {
    if (!served.leadTimes.length) continue;
    venueLeads.set(venueId, leadTimesOfValues(served.leadTimes));
    const subdistrictId = figures.venueSubdistricts.get(venueId);
    if (subdistrictId === undefined) continue;
    const values = bySubdistrict.get(subdistrictId) ?? [];
    if (!bySubdistrict.has(subdistrictId)) bySubdistrict.set(subdistrictId, values);
    for (const value of served.leadTimes) values.push(value);
  }
  for (const values of bySubdistrict.values()) for (const value of values) all.push(value);
  const subdistrictLeads = new Map(
    [...bySubdistrict].map(([id, values]) => [id, leadTimesOfValues(values)]),
  );
  return { venueLeads, subdistrictLeads, totalLeads: leadTimesOfValues(all) };
}

/**
 * Unmet demand per subdistrict (searches over the whole district count in none) and per source
 * and reason, the largest first: logged searches, refused bookings and unfilled requirements.
 */
function unmetDemandOf(figures: CapacityFigures): {
  bySubdistrict: Map<string, number>;
  byKind: UnmetDemandRow[];
} {
  const subdistrictOf = (venueId: string) => figures.venueSubdistricts.get(venueId) ?? null;
  const rows: LoggedUnmetDemand[] = [
    ...figures.loggedUnmetDemand,
    ...figures.refusedBookings.map((row) => ({
      subdistrictId: subdistrictOf(row.venueId),
      source: REFUSED_SOURCE[row.status],
      reason: UnmetReason.OTHER,
      count: row.count,
    })),
    ...figures.unfilledRequirements.map((row) => ({
      subdistrictId: subdistrictOf(row.venueId),
      source: UnmetSource.UNSTAFFED,
      reason: UNFILLED_REASON[row.kind],
      count: row.count,
    })),
  ];
  const bySubdistrict = new Map<string, number>();
  const byKind = new Map<string, UnmetDemandRow>();
  for (const row of rows) {
    if (row.subdistrictId)
      bySubdistrict.set(row.subdistrictId, (bySubdistrict.get(row.subdistrictId) ?? 0) + row.count);
    const key = `${row.source}|${row.reason}`;
    const total = byKind.get(key);
    if (total) total.count += row.count;
    else byKind.set(key, { source: row.source, reason: row.reason, count: row.count });
  }
  return {
    bySubdistrict,
    byKind: [...byKind.values()].sort(
      (a, b) =>
        b.count - a.count || a.source.localeCompare(b.source) || a.reason.localeCompare(b.reason),
    ),
  };
}

function venueFigures(
  openSeconds: number,
  served: ServedAtVenue | undefined,
  leadTimes: LeadTimes | undefined,
): ServedFigures {
  const bookedSeconds = served?.bookedSeconds ?? 0;
  return {
    openHours: hours(openSeconds),
    bookedHours: hours(bookedSeconds),
    utilisation: ratio(bookedSeconds, openSeconds),
    events: served?.events ?? 0,
    foreignGuests: served?.foreignGuests ?? 0,
    byProtocol: served?.byProtocol ?? noProtocols(),
    approvals: leadTimes?.approvals ?? 0,
    leadTimeMedianHours: leadTimes?.median ?? null,
    leadTimeP90Hours: leadTimes?.p90 ?? null,
  };
}

/** Venue rows added up; lead-time percentiles come from their own ranking, they do not add up. */
function sumOf(rows: ServedFigures[], leadTimes: LeadTimes | undefined): ServedFigures {
  const byProtocol = noProtocols();
  let open = 0;
  let booked = 0;
  let events = 0;
  let guests = 0;
  for (const row of rows) {
    open += row.openHours;
    booked += row.bookedHours;
    events += row.events;
    guests += row.foreignGuests;
    for (const level of Object.values(ProtocolLevel)) byProtocol[level] += row.byProtocol[level];
  }
  return {
    openHours: Math.round(open * 100) / 100,
    bookedHours: Math.round(booked * 100) / 100,
    utilisation: ratio(booked, open),
    events,
    foreignGuests: guests,
    byProtocol,
    approvals: leadTimes?.approvals ?? 0,
    leadTimeMedianHours: leadTimes?.median ?? null,
    leadTimeP90Hours: leadTimes?.p90 ?? null,
  };
}
