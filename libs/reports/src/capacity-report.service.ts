import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Actor, Role } from '@app/auth';
import { ProtocolLevel } from '@app/bookings';
import { BookableVenueReader, openMinutesOutside } from '@app/venues';
import { DataSource } from 'typeorm';
import {
  CapacityReport,
  InterpreterCoverageRow,
  ProtocolCounts,
  REPORT_MAX_DAYS,
  ReportQuery,
  SecurityLoadRow,
  ServedFigures,
  SubdistrictReportRow,
  UnmetDemandRow,
  VenueReportRow,
} from './capacity-report';
import { interpolate, MEDIAN, P90, percentileRankSql } from './percentiles';
import { badReportInput, ReportError, ReportErrorCode } from './reports.errors';
import { UnmetReason, UnmetSource } from './unmet-demand';
import { VenueScoreService } from './venue-score.service';

const DAY_MS = 86_400_000;
const SERVED = `('APPROVED', 'COMPLETED')`;
const ACTIVE_ASSIGNMENT = `('PROPOSED', 'ACCEPTED')`;
/**
 * (id, status, venue_id) on bookings: requirements look their booking up in it rather than in the
 * wide clustered rows, which a default-sized buffer pool cannot hold for a year of bookings.
 */
const NARROW_BOOKING_INDEX = 'ix_bookings_id_status';

interface ScopeVenue {
  id: string;
  subdistrictId: string;
  nameZh: string;
  nameEn: string;
  timeZone: string;
}

interface Served {
  events: number;
  foreignGuests: number;
  byProtocol: ProtocolCounts;
  bookedSeconds: number;
}

interface LeadTimes {
  approvals: number;
  median: number | null;
  p90: number | null;
}

const hours = (seconds: number) => Math.round((seconds / 3600) * 100) / 100;
const ratio = (part: number, whole: number) =>
  whole > 0 ? Math.round((part / whole) * 10_000) / 10_000 : null;
const noProtocols = (): ProtocolCounts => ({
  [ProtocolLevel.STANDARD]: 0,
  [ProtocolLevel.HIGH]: 0,
  [ProtocolLevel.STATE]: 0,
});

/**
 * The service-capacity report. Every figure is aggregated in SQL over the indexes of the
 * reports migration; only open hours (weekly periods in each venue's zone, less blackouts) are
 * computed here.
 */
@Injectable()
export class CapacityReportService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly venues: BookableVenueReader,
    private readonly scores: VenueScoreService,
  ) {}

  async report(actor: Actor, query: ReportQuery, now = new Date()): Promise<CapacityReport> {
    if (actor.role !== Role.DISTRICT_ADMIN)
      throw new ReportError(ReportErrorCode.FORBIDDEN, 'Reports are for the district admin');
    const { from, to } = query;
    if (!(to.getTime() > from.getTime())) throw badReportInput('to', 'to must be after from');
    if (to.getTime() - from.getTime() > REPORT_MAX_DAYS * DAY_MS)
      throw badReportInput('to', `A report covers at most ${REPORT_MAX_DAYS} days`);
    const subdistrictId = query.subdistrictId ?? null;
    const subdistricts = await this.subdistricts(subdistrictId);
    if (subdistrictId && !subdistricts.length)
      throw new ReportError(
        ReportErrorCode.NOT_FOUND,
        `No subdistrict ${subdistrictId}`,
        'subdistrictId',
      );

    const [served, leadTimes, unmet, coverage, security, activeOfficers] = await Promise.all([
      this.served(from, to, subdistrictId),
      this.leadTimes(from, to, subdistrictId),
      this.unmetDemand(from, to, subdistrictId),
      this.interpreterCoverage(from, to, subdistrictId),
      this.securityLoad(from, to, subdistrictId),
      this.activeOfficers(),
    ]);
    const venues = await this.scopeVenues(subdistrictId, [...served.keys()]);
    const venueIds = venues.map((venue) => venue.id);
    const [periods, blackouts, scores] = await Promise.all([
      this.venues.openingPeriodsOf(venueIds),
      this.venues.blackoutsOf(venueIds, from, to),
      this.scores.scoreValues(venueIds),
    ]);

    const venueRows: VenueReportRow[] = venues.map((venue) => {
      const openSeconds =
        openMinutesOutside(
          periods.get(venue.id) ?? [],
          venue.timeZone,
          from,
          to,
          blackouts.get(venue.id) ?? [],
        ) * 60;
      return {
        venueId: venue.id,
        subdistrictId: venue.subdistrictId,
        nameZh: venue.nameZh,
        nameEn: venue.nameEn,
        serviceScore: scores.get(venue.id) ?? 0,
        ...figures(openSeconds, served.get(venue.id), leadTimes.get(`v${venue.id}`)),
      };
    });

    const unmetBySubdistrict = new Map<string, number>();
    const unmetByKind = new Map<string, UnmetDemandRow>();
    for (const row of unmet) {
      if (row.subdistrictId)
        unmetBySubdistrict.set(
          row.subdistrictId,
          (unmetBySubdistrict.get(row.subdistrictId) ?? 0) + row.count,
        );
      const key = `${row.source}|${row.reason}`;
      const total = unmetByKind.get(key);
      if (total) total.count += row.count;
      else unmetByKind.set(key, { source: row.source, reason: row.reason, count: row.count });
    }

    const subdistrictRows: SubdistrictReportRow[] = subdistricts.map((subdistrict) => {
      const own = venueRows.filter((row) => row.subdistrictId === subdistrict.id);
      return {
        subdistrictId: subdistrict.id,
        nameZh: subdistrict.nameZh,
        nameEn: subdistrict.nameEn,
        venues: own.length,
        unmetDemand: unmetBySubdistrict.get(subdistrict.id) ?? 0,
        ...sumOf(own, leadTimes.get(`s${subdistrict.id}`)),
      };
    });

    const unmetDemand = [...unmetByKind.values()].sort(
      (a, b) =>
        b.count - a.count || a.source.localeCompare(b.source) || a.reason.localeCompare(b.reason),
    );
    const assignedHours = security.map((row) => row.hours);
    const securityHours = hours(security.reduce((sum, row) => sum + row.seconds, 0));
    return {
      from,
      to,
      subdistrictId,
      generatedAt: now,
      totals: {
        ...sumOf(venueRows, leadTimes.get('t')),
        unmetDemand: unmetDemand.reduce((sum, row) => sum + row.count, 0),
      },
      venues: venueRows,
      subdistricts: subdistrictRows,
      unmetDemand,
      interpreterCoverage: coverage,
      securityLoad: security.map(({ seconds: _seconds, ...row }) => row),
      securitySummary: {
        activeOfficers,
        officersAssigned: security.length,
        assignments: security.reduce((sum, row) => sum + row.assignments, 0),
        hours: securityHours,
        meanHoursPerOfficer: activeOfficers
          ? Math.round((securityHours / activeOfficers) * 100) / 100
          : null,
        maxHours: assignedHours.length ? Math.max(...assignedHours) : 0,
      },
    };
  }

  /** The district's subdistricts (or just one), in id order. */
  async subdistricts(
    only: string | null = null,
  ): Promise<{ id: string; nameZh: string; nameEn: string }[]> {
    const rows = await this.dataSource.query<{ id: string; nameZh: string; nameEn: string }[]>(
      `SELECT id, name_zh AS nameZh, name_en AS nameEn FROM subdistricts
        ${only ? 'WHERE id = ?' : ''} ORDER BY id`,
      only ? [only] : [],
    );
    return rows.map((row) => ({ ...row, id: String(row.id) }));
  }

  /** Venues in service (ACTIVE or SUSPENDED), and any other venue that served in the range. */
  private async scopeVenues(subdistrictId: string | null, served: string[]): Promise<ScopeVenue[]> {
    const rows = await this.dataSource.query<ScopeVenue[]>(
      `SELECT id, subdistrict_id AS subdistrictId, name_zh AS nameZh, name_en AS nameEn, time_zone AS timeZone
         FROM venues
        WHERE (status IN ('ACTIVE', 'SUSPENDED') ${served.length ? 'OR id IN (?)' : ''})
          ${subdistrictId ? 'AND subdistrict_id = ?' : ''}
        ORDER BY subdistrict_id, id`,
      [...(served.length ? [served] : []), ...(subdistrictId ? [subdistrictId] : [])],
    );
    return rows.map((row) => ({
      ...row,
      id: String(row.id),
      subdistrictId: String(row.subdistrictId),
    }));
  }

  private scopeSql(subdistrictId: string | null, venueColumn: string): [string, unknown[]] {
    return subdistrictId
      ? [`AND ${venueColumn} IN (SELECT id FROM venues WHERE subdistrict_id = ?)`, [subdistrictId]]
      : ['', []];
  }

  /**
   * Approved and completed events per venue: counted where they start, their hours where they
   * fall. The lower bound on starts_at (the longest duration any venue allows) keeps the scan
   * on the report index.
   */
  private async served(
    from: Date,
    to: Date,
    subdistrictId: string | null,
  ): Promise<Map<string, Served>> {
    const [scope, scopeParams] = this.scopeSql(subdistrictId, 'b.venue_id');
    const [{ longest }] = await this.dataSource.query<{ longest: number | null }[]>(
      'SELECT MAX(max_duration_minutes) AS longest FROM venues',
    );
    const earliest = new Date(from.getTime() - Number(longest ?? 0) * 60_000);
    const rows = await this.dataSource.query<Record<string, string | number>[]>(
      `SELECT b.venue_id AS venueId,
              SUM(b.starts_at >= ?) AS events,
              SUM(IF(b.starts_at >= ?, b.foreign_guests, 0)) AS foreignGuests,
              SUM(b.starts_at >= ? AND b.protocol_level = 'STANDARD') AS standard,
              SUM(b.starts_at >= ? AND b.protocol_level = 'HIGH') AS high,
              SUM(b.starts_at >= ? AND b.protocol_level = 'STATE') AS state,
              SUM(TIMESTAMPDIFF(SECOND, GREATEST(b.starts_at, ?), LEAST(b.ends_at, ?))) AS bookedSeconds
         FROM bookings b
        WHERE b.status IN ${SERVED} AND b.starts_at >= ? AND b.starts_at < ? AND b.ends_at > ? ${scope}
        GROUP BY b.venue_id`,
      [from, from, from, from, from, from, to, earliest, to, from, ...scopeParams],
    );
    return new Map(
      rows.map((row) => [
        String(row.venueId),
        {
          events: Number(row.events),
          foreignGuests: Number(row.foreignGuests),
          byProtocol: {
            [ProtocolLevel.STANDARD]: Number(row.standard),
            [ProtocolLevel.HIGH]: Number(row.high),
            [ProtocolLevel.STATE]: Number(row.state),
          },
          bookedSeconds: Number(row.bookedSeconds),
        },
      ]),
    );
  }

  /**
   * Approval lead time (submission to the approver's final approval) of the events starting in
   * the range, with median and p90 per venue (key v<id>), subdistrict (s<id>) and in total (t):
   * ROW_NUMBER ranks the values and only the rows at the percentiles' ranks come back. One query
   * per level, run side by side: MariaDB 10.11 numbers rows wrongly when one SELECT has window
   * functions over different partitions. The subdistrict comes from a scalar subquery, as a join
   * to venues made the window's sort several times slower.
   */
  private async leadTimes(
    from: Date,
    to: Date,
    subdistrictId: string | null,
  ): Promise<Map<string, LeadTimes>> {
    const levels: [prefix: string, partition: string | null][] = [
      ['v', 'venueId'],
      ['s', 'subdistrictId'],
      ['t', null],
    ];
    const result = new Map<string, LeadTimes>();
    const ranked = await Promise.all(
      levels.map(([, partition]) => this.rankedLeadTimes(from, to, subdistrictId, partition)),
    );
    levels.forEach(([prefix], level) => {
      const groups = new Map<string, { n: number; values: Map<number, number> }>();
      for (const row of ranked[level]) {
        const key = `${prefix}${row.grp}`;
        let group = groups.get(key);
        if (!group) groups.set(key, (group = { n: row.n, values: new Map() }));
        group.values.set(row.rank, row.lead);
      }
      for (const [key, { n, values }] of groups) {
        const at = (rank: number) => values.get(rank);
        const median = interpolate(MEDIAN, n, at);
        const p90 = interpolate(P90, n, at);
        result.set(key, {
          approvals: n,
          median: median === null ? null : hours(median),
          p90: p90 === null ? null : hours(p90),
        });
      }
    });
    return result;
  }

  private async rankedLeadTimes(
    from: Date,
    to: Date,
    subdistrictId: string | null,
    partition: string | null,
  ): Promise<{ grp: string; lead: number; rank: number; n: number }[]> {
    const [scope, scopeParams] = this.scopeSql(subdistrictId, 'b.venue_id');
    const over = partition ? `PARTITION BY ${partition}` : '';
    const rows = await this.dataSource.query<Record<string, string | number>[]>(
      `SELECT ${partition ?? "''"} AS grp, waited, rnk, cnt FROM (
         SELECT x.*, ROW_NUMBER() OVER (${over} ORDER BY waited) AS rnk, COUNT(*) OVER (${over}) AS cnt
           FROM (SELECT b.venue_id AS venueId,
                        ${partition === 'subdistrictId' ? '(SELECT v.subdistrict_id FROM venues v WHERE v.id = b.venue_id)' : 'NULL'} AS subdistrictId,
                        TIMESTAMPDIFF(SECOND, b.submitted_at, b.approved_at) AS waited
                   FROM bookings b
                  WHERE b.status IN ${SERVED} AND b.starts_at >= ? AND b.starts_at < ?
                    AND b.approved_at >= b.submitted_at ${scope}) x
       ) y
       WHERE ${percentileRankSql(MEDIAN, 'rnk', 'cnt')} OR ${percentileRankSql(P90, 'rnk', 'cnt')}`,
      [from, to, ...scopeParams],
    );
    return rows.map((row) => ({
      grp: String(row.grp),
      lead: Number(row.waited),
      rank: Number(row.rnk),
      n: Number(row.cnt),
    }));
  }

  /**
   * Unmet demand wanted in the range, by subdistrict (null for searches over the whole district),
   * source and reason: searches with nothing found (unmet_demand), rejected
   * requests and expired holds, and approved events with staffing places left unfilled.
   */
  private async unmetDemand(
    from: Date,
    to: Date,
    subdistrictId: string | null,
  ): Promise<(UnmetDemandRow & { subdistrictId: string | null })[]> {
    const [scope, scopeParams] = this.scopeSql(subdistrictId, 'b.venue_id');
    // Bookings are grouped by venue and mapped to subdistricts here: a join to venues made
    // MariaDB drive the scan from the venues side, ten times slower over a year.
    const [logged, refused, unstaffed, subdistrictOf] = await Promise.all([
      this.dataSource.query<Record<string, string | number | null>[]>(
        `SELECT u.subdistrict_id AS subdistrictId, u.source, u.reason, COUNT(*) AS n
           FROM unmet_demand u
          WHERE u.wanted_from >= ? AND u.wanted_from < ? ${subdistrictId ? 'AND u.subdistrict_id = ?' : ''}
          GROUP BY u.subdistrict_id, u.source, u.reason`,
        [from, to, ...(subdistrictId ? [subdistrictId] : [])],
      ),
      this.dataSource.query<Record<string, string | number>[]>(
        `SELECT b.venue_id AS venueId, b.status AS source, '${UnmetReason.OTHER}' AS reason, COUNT(*) AS n
           FROM bookings b
          WHERE b.status IN ('REJECTED', 'EXPIRED') AND b.starts_at >= ? AND b.starts_at < ? ${scope}
          GROUP BY b.venue_id, b.status`,
        [from, to, ...scopeParams],
      ),
      this.dataSource.query<Record<string, string | number>[]>(
        `SELECT STRAIGHT_JOIN b.venue_id AS venueId, '${UnmetSource.UNSTAFFED}' AS source,
                IF(r.kind = 'INTERPRETER', '${UnmetReason.LANGUAGE}', '${UnmetReason.SECURITY_LEVEL}') AS reason,
                COUNT(*) AS n
           FROM staffing_requirements r
           JOIN bookings b FORCE INDEX (${NARROW_BOOKING_INDEX}) ON b.id = r.booking_id
          WHERE r.status = 'OPEN' AND r.starts_at >= ? AND r.starts_at < ? AND b.status IN ${SERVED} ${scope}
            AND r.headcount > (SELECT COUNT(*) FROM assignments a
                                WHERE a.requirement_id = r.id AND a.status IN ${ACTIVE_ASSIGNMENT})
          GROUP BY b.venue_id, r.kind`,
        [from, to, ...scopeParams],
      ),
      this.venueSubdistricts(),
    ]);
    return [
      ...logged.map((row) => ({
        subdistrictId: row.subdistrictId === null ? null : String(row.subdistrictId),
        source: String(row.source) as UnmetSource,
        reason: String(row.reason) as UnmetReason,
        count: Number(row.n),
      })),
      ...[...refused, ...unstaffed].map((row) => ({
        subdistrictId: subdistrictOf.get(String(row.venueId)) ?? null,
        source: String(row.source) as UnmetSource,
        reason: String(row.reason) as UnmetReason,
        count: Number(row.n),
      })),
    ];
  }

  private async venueSubdistricts(): Promise<Map<string, string>> {
    const rows = await this.dataSource.query<{ id: string; subdistrictId: string }[]>(
      'SELECT id, subdistrict_id AS subdistrictId FROM venues',
    );
    return new Map(rows.map((row) => [String(row.id), String(row.subdistrictId)]));
  }

  /** Interpreter hours asked for (headcount × duration) against hours of staff assigned, per pair. */
  private async interpreterCoverage(
    from: Date,
    to: Date,
    subdistrictId: string | null,
  ): Promise<InterpreterCoverageRow[]> {
    const [scope, scopeParams] = this.scopeSql(subdistrictId, 'b.venue_id');
    const rows = await this.dataSource.query<Record<string, string | number>[]>(
      `SELECT languageFrom, languageTo, SUM(requested) AS requested, SUM(LEAST(requested, staffed)) AS staffed
         FROM (SELECT STRAIGHT_JOIN r.language_from AS languageFrom, r.language_to AS languageTo,
                      r.headcount * TIMESTAMPDIFF(SECOND, r.starts_at, r.ends_at) AS requested,
                      (SELECT COALESCE(SUM(TIMESTAMPDIFF(SECOND, a.starts_at, a.ends_at)), 0) FROM assignments a
                        WHERE a.requirement_id = r.id AND a.status IN ${ACTIVE_ASSIGNMENT}) AS staffed
                 FROM staffing_requirements r
                 JOIN bookings b FORCE INDEX (${NARROW_BOOKING_INDEX}) ON b.id = r.booking_id
                WHERE r.status = 'OPEN' AND r.starts_at >= ? AND r.starts_at < ? AND r.kind = 'INTERPRETER'
                  AND b.status IN ${SERVED} ${scope}) x
        GROUP BY languageFrom, languageTo
        ORDER BY languageFrom, languageTo`,
      [from, to, ...scopeParams],
    );
    return rows.map((row) => {
      const requested = Number(row.requested);
      const staffed = Number(row.staffed);
      return {
        languageFrom: String(row.languageFrom),
        languageTo: String(row.languageTo),
        requestedHours: hours(requested),
        staffedHours: hours(staffed),
        coverage: ratio(staffed, requested),
      };
    });
  }

  /** Each security officer's assignments (proposed or accepted) starting in the range. */
  private async securityLoad(
    from: Date,
    to: Date,
    subdistrictId: string | null,
  ): Promise<(SecurityLoadRow & { seconds: number })[]> {
    const [scope, scopeParams] = this.scopeSql(subdistrictId, 'a.venue_id');
    const rows = await this.dataSource.query<Record<string, string | number>[]>(
      `SELECT s.id AS staffId, s.name_zh AS nameZh, s.name_en AS nameEn, COUNT(*) AS n,
              SUM(TIMESTAMPDIFF(SECOND, a.starts_at, a.ends_at)) AS seconds
         FROM assignments a JOIN staff_members s ON s.id = a.staff_id
        WHERE a.starts_at >= ? AND a.starts_at < ? AND a.status IN ${ACTIVE_ASSIGNMENT}
          AND s.kind = 'SECURITY_OFFICER' ${scope}
        GROUP BY s.id, s.name_zh, s.name_en
        ORDER BY seconds DESC, s.id`,
      [from, to, ...scopeParams],
    );
    return rows.map((row) => ({
      staffId: String(row.staffId),
      nameZh: String(row.nameZh),
      nameEn: String(row.nameEn),
      assignments: Number(row.n),
      seconds: Number(row.seconds),
      hours: hours(Number(row.seconds)),
    }));
  }

  private async activeOfficers(): Promise<number> {
    const [row] = await this.dataSource.query<{ n: string }[]>(
      `SELECT COUNT(*) AS n FROM staff_members WHERE kind = 'SECURITY_OFFICER' AND active = 1`,
    );
    return Number(row.n);
  }
}

function figures(
  openSeconds: number,
  served: Served | undefined,
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

/** Venue rows added up; lead-time percentiles come from SQL, they do not add up. */
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
