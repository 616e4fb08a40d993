import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { capacitySql } from '@app/bookings';
import { BookingStatus, ProtocolLevel } from '@app/bookings';
import { ACTIVE_ASSIGNMENT_STATUSES, RequirementStatus, StaffKind } from '@app/staffing';
import { Facility, VenueStatus } from '@app/venues';
import type {
  InterpreterHours,
  LoggedUnmetDemand,
  OfficerLoad,
  RefusedBookings,
  ReportSubdistrict,
  ReportVenue,
  ServedAtVenue,
  UnfilledRequirements,
} from './capacity-report-assembly';
import type { UnmetReason, UnmetSource } from './report-enums';
import { RATING_STARS_SQL } from './service-score';
import type { UnmetSearch } from './unmet-demand.service';
import type { ScoreRows } from './venue-score.service';

/**
 * The tables reports reads, by the lib that owns them. Its figures are aggregates across libs,
 * which their services cannot give without a round trip per venue; so reports is the one lib
 * that reads other libs' tables itself, and only here (opening hours and blackouts it asks
 * venues for). read-model-tables.spec.ts holds every SQL statement of reports to this list.
 */
export const READ_MODEL_TABLES = {
  venues: ['subdistricts', 'venues', 'venue_facilities'],
  bookings: ['bookings'],
  staffing: ['staffing_requirements', 'assignments', 'staff_members'],
  reports: ['unmet_demand', 'booking_ratings'],
} as const;

/** An owner's enum value as an SQL string (enum values are plain capitals, nothing to escape). */
const sql = (value: string) => `'${value}'`;
const sqlList = (values: readonly string[]) => `(${values.map(sql).join(', ')})`;

const SERVED = sqlList([BookingStatus.APPROVED, BookingStatus.COMPLETED]);
const REFUSED = sqlList([BookingStatus.REJECTED, BookingStatus.EXPIRED]);
const IN_SERVICE = sqlList([VenueStatus.ACTIVE, VenueStatus.SUSPENDED]);
const ACTIVE_ASSIGNMENT = sqlList(ACTIVE_ASSIGNMENT_STATUSES);
const OPEN = sql(RequirementStatus.OPEN);
const INTERPRETER = sql(StaffKind.INTERPRETER);
const SECURITY_OFFICER = sql(StaffKind.SECURITY_OFFICER);

/**
 * (id, status, venue_id) on bookings: requirements look their booking up in it rather than in the
 * wide clustered rows, which a default-sized buffer pool cannot hold for a year of bookings.
 */
const NARROW_BOOKING_INDEX = 'ix_bookings_id_status';

/**
 * Room for a venue's lead times: 366 days of back-to-back five-minute events (the shortest a
 * venue may allow), ten digits and a comma each. MySQL's default is 1 KB, MariaDB's 1 MB.
 */
const GROUP_CONCAT_MAX_LEN = 16 * 1024 * 1024;

/** Whether some ACTIVE venue fits a search: big enough; and equipped; and secure as well. */
export interface SearchFit {
  big: boolean;
  equipped: boolean;
  secure: boolean;
  /** The ACTIVE venues (in scope) big, equipped and secure enough, with their booking limits. */
  suitable: {
    id: string;
    timeZone: string;
    minDurationMinutes: number;
    maxDurationMinutes: number;
  }[];
}

/**
 * The figures reports are made of, each aggregated in SQL (those of the capacity report over the
 * indexes of the reports migration). A subdistrict id narrows a figure to that subdistrict.
 */
@Injectable()
export class ReportsReadModelRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The district's subdistricts (or just one), in id order. */
  async subdistricts(only: string | null = null): Promise<ReportSubdistrict[]> {
    const rows = await this.dataSource.query<ReportSubdistrict[]>(
      `SELECT id, name_zh AS nameZh, name_en AS nameEn FROM subdistricts
        ${only ? 'WHERE id = ?' : ''} ORDER BY id`,
      only ? [only] : [],
    );
    return rows.map((row) => ({ ...row, id: String(row.id) }));
  }

  /** Venues in service (ACTIVE or SUSPENDED), and any other venue that served in the range. */
  async venuesInScope(subdistrictId: string | null, served: string[]): Promise<ReportVenue[]> {
    const rows = await this.dataSource.query<ReportVenue[]>(
      `SELECT id, subdistrict_id AS subdistrictId, name_zh AS nameZh, name_en AS nameEn, time_zone AS timeZone
         FROM venues
        WHERE (status IN ${IN_SERVICE} ${served.length ? 'OR id IN (?)' : ''})
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

  /** Every venue's subdistrict, by venue id. */
  async venueSubdistricts(): Promise<Map<string, string>> {
    const rows = await this.dataSource.query<{ id: string; subdistrictId: string }[]>(
      'SELECT id, subdistrict_id AS subdistrictId FROM venues',
    );
    return new Map(rows.map((row) => [String(row.id), String(row.subdistrictId)]));
  }

  /**
   * Approved and completed events per venue: counted where they start, their seconds where they
   * fall, and the approval lead times (submission to the approver's final approval) of those
   * starting in the range, ranked by the assembly: one scan serves them all, where ranking in
   * SQL took a window sort and a scan of its own per level. The lower bound on starts_at (the
   * longest duration any venue allows) keeps the scan on the report index.
   */
  async served(
    from: Date,
    to: Date,
    subdistrictId: string | null,
  ): Promise<Map<string, ServedAtVenue>> {
    const [scope, scopeParams] = scopeSql(subdistrictId, 'b.venue_id');
    const [{ longest }] = await this.dataSource.query<{ longest: number | null }[]>(
      'SELECT MAX(max_duration_minutes) AS longest FROM venues',
    );
    const earliest = new Date(from.getTime() - Number(longest ?? 0) * 60_000);
    const decided = 'b.starts_at >= ? AND b.approved_at >= b.submitted_at';
    const rows = await this.withLongGroupConcat((query) =>
      query<Record<string, string | number | null>[]>(
        `SELECT b.venue_id AS venueId,
                SUM(b.starts_at >= ?) AS events,
                SUM(IF(b.starts_at >= ?, b.foreign_guests, 0)) AS foreignGuests,
                SUM(b.starts_at >= ? AND b.protocol_level = ${sql(ProtocolLevel.STANDARD)}) AS standard,
                SUM(b.starts_at >= ? AND b.protocol_level = ${sql(ProtocolLevel.HIGH)}) AS high,
                SUM(b.starts_at >= ? AND b.protocol_level = ${sql(ProtocolLevel.STATE)}) AS state,
                SUM(TIMESTAMPDIFF(SECOND, GREATEST(b.starts_at, ?), LEAST(b.ends_at, ?))) AS bookedSeconds,
                SUM(${decided}) AS approvals,
                GROUP_CONCAT(IF(${decided}, TIMESTAMPDIFF(SECOND, b.submitted_at, b.approved_at), NULL)) AS leadTimes
           FROM bookings b
          WHERE b.status IN ${SERVED} AND b.starts_at >= ? AND b.starts_at < ? AND b.ends_at > ? ${scope}
          GROUP BY b.venue_id`,
        [from, from, from, from, from, from, to, from, from, earliest, to, from, ...scopeParams],
      ),
    );
    return new Map(
      rows.map((row) => {
        const venueId = String(row.venueId);
        const leadTimes = row.leadTimes ? String(row.leadTimes).split(',').map(Number) : [];
        // GROUP_CONCAT cuts at group_concat_max_len with only a warning: never rank a cut list.
        if (leadTimes.length !== Number(row.approvals))
          throw new Error(`lead times of venue ${venueId} were cut short`);
        return [
          venueId,
          {
            events: Number(row.events),
            foreignGuests: Number(row.foreignGuests),
            byProtocol: {
              [ProtocolLevel.STANDARD]: Number(row.standard),
              [ProtocolLevel.HIGH]: Number(row.high),
              [ProtocolLevel.STATE]: Number(row.state),
            },
            bookedSeconds: Number(row.bookedSeconds),
            leadTimes,
          },
        ];
      }),
    );
  }

  /**
   * Runs a query on one connection whose GROUP_CONCAT holds a venue's year of lead times (the
   * default 1 MB would cut a busy venue's short).
   */
  private async withLongGroupConcat<T>(
    work: (query: <R>(sql: string, params: unknown[]) => Promise<R>) => Promise<T>,
  ): Promise<T> {
    const runner = this.dataSource.createQueryRunner();
    try {
      await runner.query(`SET SESSION group_concat_max_len = ${GROUP_CONCAT_MAX_LEN}`);
      return await work((text, params) => runner.query(text, params));
    } finally {
      await runner.release();
    }
  }

  /** Searches that found nothing (the unmet_demand log), wanted in the range, by subdistrict. */
  async loggedUnmetDemand(
    from: Date,
    to: Date,
    subdistrictId: string | null,
  ): Promise<LoggedUnmetDemand[]> {
    const rows = await this.dataSource.query<Record<string, string | number | null>[]>(
      `SELECT u.subdistrict_id AS subdistrictId, u.source, u.reason, COUNT(*) AS n
         FROM unmet_demand u
        WHERE u.wanted_from >= ? AND u.wanted_from < ? ${subdistrictId ? 'AND u.subdistrict_id = ?' : ''}
        GROUP BY u.subdistrict_id, u.source, u.reason`,
      [from, to, ...(subdistrictId ? [subdistrictId] : [])],
    );
    return rows.map((row) => ({
      subdistrictId: row.subdistrictId === null ? null : String(row.subdistrictId),
      source: String(row.source) as UnmetSource,
      reason: String(row.reason) as UnmetReason,
      count: Number(row.n),
    }));
  }

  /**
   * Rejected requests and expired holds starting in the range, per venue and status. Grouped by
   * venue, not subdistrict: a join to venues made MariaDB drive the scan from the venues side,
   * ten times slower over a year.
   */
  async refusedBookings(
    from: Date,
    to: Date,
    subdistrictId: string | null,
  ): Promise<RefusedBookings[]> {
    const [scope, scopeParams] = scopeSql(subdistrictId, 'b.venue_id');
    const rows = await this.dataSource.query<Record<string, string | number>[]>(
      `SELECT b.venue_id AS venueId, b.status AS status, COUNT(*) AS n
         FROM bookings b
        WHERE b.status IN ${REFUSED} AND b.starts_at >= ? AND b.starts_at < ? ${scope}
        GROUP BY b.venue_id, b.status`,
      [from, to, ...scopeParams],
    );
    return rows.map((row) => ({
      venueId: String(row.venueId),
      status: String(row.status) as RefusedBookings['status'],
      count: Number(row.n),
    }));
  }

  /**
   * Open staffing requirements of approved and completed events starting in the range that have
   * fewer people (proposed or accepted) than their headcount, per venue and kind of staff.
   */
  async unfilledRequirements(
    from: Date,
    to: Date,
    subdistrictId: string | null,
  ): Promise<UnfilledRequirements[]> {
    const [scope, scopeParams] = scopeSql(subdistrictId, 'b.venue_id');
    const rows = await this.dataSource.query<Record<string, string | number>[]>(
      `SELECT STRAIGHT_JOIN b.venue_id AS venueId, r.kind AS kind, COUNT(*) AS n
         FROM staffing_requirements r
         JOIN bookings b FORCE INDEX (${NARROW_BOOKING_INDEX}) ON b.id = r.booking_id
        WHERE r.status = ${OPEN} AND r.starts_at >= ? AND r.starts_at < ? AND b.status IN ${SERVED} ${scope}
          AND r.headcount > (SELECT COUNT(*) FROM assignments a
                              WHERE a.requirement_id = r.id AND a.status IN ${ACTIVE_ASSIGNMENT})
        GROUP BY b.venue_id, r.kind`,
      [from, to, ...scopeParams],
    );
    return rows.map((row) => ({
      venueId: String(row.venueId),
      kind: String(row.kind) as UnfilledRequirements['kind'],
      count: Number(row.n),
    }));
  }

  /**
   * Interpreter seconds asked for (headcount × duration) against seconds of staff assigned
   * (proposed or accepted, at most the asked for), per language pair, in pair order.
   */
  async interpreterHours(
    from: Date,
    to: Date,
    subdistrictId: string | null,
  ): Promise<InterpreterHours[]> {
    const [scope, scopeParams] = scopeSql(subdistrictId, 'b.venue_id');
    const rows = await this.dataSource.query<Record<string, string | number>[]>(
      `SELECT languageFrom, languageTo, SUM(requested) AS requested, SUM(LEAST(requested, staffed)) AS staffed
         FROM (SELECT STRAIGHT_JOIN r.language_from AS languageFrom, r.language_to AS languageTo,
                      r.headcount * TIMESTAMPDIFF(SECOND, r.starts_at, r.ends_at) AS requested,
                      (SELECT COALESCE(SUM(TIMESTAMPDIFF(SECOND, a.starts_at, a.ends_at)), 0) FROM assignments a
                        WHERE a.requirement_id = r.id AND a.status IN ${ACTIVE_ASSIGNMENT}) AS staffed
                 FROM staffing_requirements r
                 JOIN bookings b FORCE INDEX (${NARROW_BOOKING_INDEX}) ON b.id = r.booking_id
                WHERE r.status = ${OPEN} AND r.starts_at >= ? AND r.starts_at < ? AND r.kind = ${INTERPRETER}
                  AND b.status IN ${SERVED} ${scope}) x
        GROUP BY languageFrom, languageTo
        ORDER BY languageFrom, languageTo`,
      [from, to, ...scopeParams],
    );
    return rows.map((row) => ({
      languageFrom: String(row.languageFrom),
      languageTo: String(row.languageTo),
      requestedSeconds: Number(row.requested),
      staffedSeconds: Number(row.staffed),
    }));
  }

  /**
   * Each security officer's assignments (proposed or accepted) starting in the range, the
   * busiest first.
   */
  async officerLoad(from: Date, to: Date, subdistrictId: string | null): Promise<OfficerLoad[]> {
    const [scope, scopeParams] = scopeSql(subdistrictId, 'a.venue_id');
    const rows = await this.dataSource.query<Record<string, string | number>[]>(
      `SELECT s.id AS staffId, s.name_zh AS nameZh, s.name_en AS nameEn, COUNT(*) AS n,
              SUM(TIMESTAMPDIFF(SECOND, a.starts_at, a.ends_at)) AS seconds
         FROM assignments a JOIN staff_members s ON s.id = a.staff_id
        WHERE a.starts_at >= ? AND a.starts_at < ? AND a.status IN ${ACTIVE_ASSIGNMENT}
          AND s.kind = ${SECURITY_OFFICER} ${scope}
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
    }));
  }

  /** Security officers on the active roster, assigned or not. */
  async activeOfficers(): Promise<number> {
    const [row] = await this.dataSource.query<{ n: string }[]>(
      `SELECT COUNT(*) AS n FROM staff_members WHERE kind = ${SECURITY_OFFICER} AND active = 1`,
    );
    return Number(row.n);
  }

  /** Seated and standing capacities of the venues; unknown ids are left out. */
  venueCapacities(venueIds: readonly string[]): Promise<ScoreRows['venues']> {
    return this.dataSource.query<{ id: string; seated: number; standing: number | null }[]>(
      'SELECT id, seated_capacity AS seated, standing_capacity AS standing FROM venues WHERE id IN (?)',
      [venueIds],
    );
  }

  /** The facilities of the venues, with how many of each. */
  venueFacilities(venueIds: readonly string[]): Promise<ScoreRows['facilities']> {
    return this.dataSource.query<{ venueId: string; type: Facility; count: number }[]>(
      'SELECT venue_id AS venueId, type, count FROM venue_facilities WHERE venue_id IN (?)',
      [venueIds],
    );
  }

  /** How many ratings each of the venues has, and their mean in stars. */
  venueRatings(venueIds: readonly string[]): Promise<ScoreRows['ratings']> {
    return this.dataSource.query<{ venueId: string; ratings: number; stars: string }[]>(
      `SELECT r.venue_id AS venueId, COUNT(*) AS ratings, AVG(${RATING_STARS_SQL}) AS stars
         FROM booking_ratings r WHERE r.venue_id IN (?) GROUP BY r.venue_id`,
      [venueIds],
    );
  }

  /** How close the ACTIVE venues (of the search's subdistrict, if any) come to a search. */
  async searchFit(search: UnmetSearch): Promise<SearchFit> {
    const params: unknown[] = [search.attendees];
    const facilities = (search.facilities ?? []).map((facility) => {
      params.push(facility.type, facility.count ?? 1);
      return 'EXISTS (SELECT 1 FROM venue_facilities f WHERE f.venue_id = v.id AND f.type = ? AND f.count >= ?)';
    });
    params.push(search.minSecurityLevel ?? 1);
    const scope = search.subdistrictId ? 'AND v.subdistrict_id = ?' : '';
    if (search.subdistrictId) params.push(search.subdistrictId);
    const [row] = await this.dataSource.query<{ big: string; equipped: string; secure: string }[]>(
      `SELECT COALESCE(MAX(big), 0) AS big, COALESCE(MAX(big AND equipped), 0) AS equipped,
              COALESCE(MAX(big AND equipped AND secure), 0) AS secure
         FROM (SELECT ${capacitySql(search.seating)} >= ? AS big,
                      ${facilities.length ? facilities.join(' AND ') : '1'} AS equipped,
                      v.security_level >= ? AS secure
                 FROM venues v WHERE v.status = ${sql(VenueStatus.ACTIVE)} ${scope}) x`,
      params,
    );
    const suitable = Number(row.secure)
      ? await this.dataSource.query<
          { id: string; timeZone: string; minDuration: number; maxDuration: number }[]
        >(
          `SELECT v.id, v.time_zone AS timeZone, v.min_duration_minutes AS minDuration,
                  v.max_duration_minutes AS maxDuration
             FROM venues v
            WHERE v.status = ${sql(VenueStatus.ACTIVE)} ${scope}
              AND ${capacitySql(search.seating)} >= ?
              AND v.security_level >= ? ${facilities.length ? `AND ${facilities.join(' AND ')}` : ''}`,
          [
            ...(search.subdistrictId ? [search.subdistrictId] : []),
            search.attendees,
            search.minSecurityLevel ?? 1,
            ...(search.facilities ?? []).flatMap((f) => [f.type, f.count ?? 1]),
          ],
        )
      : [];
    return {
      big: !!Number(row.big),
      equipped: !!Number(row.equipped),
      secure: !!Number(row.secure),
      suitable: suitable.map((v) => ({
        id: String(v.id),
        timeZone: v.timeZone,
        minDurationMinutes: Number(v.minDuration),
        maxDurationMinutes: Number(v.maxDuration),
      })),
    };
  }
}

/** The condition that a venue column is one of the subdistrict's venues (none without one). */
function scopeSql(subdistrictId: string | null, venueColumn: string): [string, unknown[]] {
  return subdistrictId
    ? [`AND ${venueColumn} IN (SELECT id FROM venues WHERE subdistrict_id = ?)`, [subdistrictId]]
    : ['', []];
}
