import { stringify } from 'csv-stringify/sync';
import { ProtocolLevel } from '@app/bookings';
import { CapacityReport, ServedFigures } from './capacity-report';

/** The report's tables as CSV downloads, by the name in their URL. */
export const REPORT_CSV_TABLES = [
  'venues',
  'subdistricts',
  'unmet-demand',
  'interpreter-coverage',
  'security-load',
] as const;
export type ReportCsvTable = (typeof REPORT_CSV_TABLES)[number];

const served = (row: ServedFigures) => ({
  open_hours: row.openHours,
  booked_hours: row.bookedHours,
  utilisation: row.utilisation ?? '',
  events: row.events,
  foreign_guests: row.foreignGuests,
  standard_events: row.byProtocol[ProtocolLevel.STANDARD],
  high_events: row.byProtocol[ProtocolLevel.HIGH],
  state_events: row.byProtocol[ProtocolLevel.STATE],
  approvals: row.approvals,
  approval_lead_median_hours: row.leadTimeMedianHours ?? '',
  approval_lead_p90_hours: row.leadTimeP90Hours ?? '',
});

function rowsOf(report: CapacityReport, table: ReportCsvTable): Record<string, unknown>[] {
  switch (table) {
    case 'venues':
      return report.venues.map((row) => ({
        venue_id: row.venueId,
        subdistrict_id: row.subdistrictId,
        name_zh: row.nameZh,
        name_en: row.nameEn,
        service_score: row.serviceScore,
        ...served(row),
      }));
    case 'subdistricts':
      return report.subdistricts.map((row) => ({
        subdistrict_id: row.subdistrictId,
        name_zh: row.nameZh,
        name_en: row.nameEn,
        venues: row.venues,
        ...served(row),
        unmet_demand: row.unmetDemand,
      }));
    case 'unmet-demand':
      return report.unmetDemand.map((row) => ({
        source: row.source,
        reason: row.reason,
        count: row.count,
      }));
    case 'interpreter-coverage':
      return report.interpreterCoverage.map((row) => ({
        language_from: row.languageFrom,
        language_to: row.languageTo,
        requested_hours: row.requestedHours,
        staffed_hours: row.staffedHours,
        coverage: row.coverage ?? '',
      }));
    case 'security-load':
      return report.securityLoad.map((row) => ({
        staff_id: row.staffId,
        name_zh: row.nameZh,
        name_en: row.nameEn,
        assignments: row.assignments,
        hours: row.hours,
      }));
  }
}

const HEADERS: Record<ReportCsvTable, string[]> = {
  venues: ['venue_id', 'subdistrict_id', 'name_zh', 'name_en', 'service_score'],
  subdistricts: ['subdistrict_id', 'name_zh', 'name_en', 'venues'],
  'unmet-demand': ['source', 'reason', 'count'],
  'interpreter-coverage': [
    'language_from',
    'language_to',
    'requested_hours',
    'staffed_hours',
    'coverage',
  ],
  'security-load': ['staff_id', 'name_zh', 'name_en', 'assignments', 'hours'],
};

const SERVED_COLUMNS = Object.keys(
  served({
    openHours: 0,
    bookedHours: 0,
    utilisation: null,
    events: 0,
    foreignGuests: 0,
    byProtocol: { STANDARD: 0, HIGH: 0, STATE: 0 },
    approvals: 0,
    leadTimeMedianHours: null,
    leadTimeP90Hours: null,
  }),
);

function columnsOf(table: ReportCsvTable): string[] {
  if (table === 'venues') return [...HEADERS.venues, ...SERVED_COLUMNS];
  if (table === 'subdistricts') return [...HEADERS.subdistricts, ...SERVED_COLUMNS, 'unmet_demand'];
  return HEADERS[table];
}

/**
 * A text cell a spreadsheet would run as a formula (a venue named `=HYPERLINK(…)`) gets a
 * leading apostrophe, which spreadsheets show as text; numbers are left as they are.
 */
export function neutraliseFormula(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

/** One table as CSV (UTF-8 with a byte order mark, so spreadsheet apps read the Chinese names). */
export function reportCsv(report: CapacityReport, table: ReportCsvTable): string {
  return stringify(rowsOf(report, table), {
    header: true,
    columns: columnsOf(table),
    bom: true,
    cast: { string: neutraliseFormula },
  });
}
