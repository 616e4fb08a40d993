import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { inputMessages } from '@app/common';
import { compareIds, Page } from '@app/database';
import {
  BookableVenueReader,
  Facility,
  isOpenForLocalRange,
  localWeekRange,
  VenueCatalogService,
  VenueEntity,
  VenueOpening,
  VenueStatus,
} from '@app/venues';
import { ProtocolLevel, REQUIRED_SECURITY_LEVEL, Seating } from './booking-enums';
import { badBookingInput, BookingError, BookingErrorCode } from './bookings.errors';
import { bookingMessages } from './bookings.messages';
import { BLOCKING_SQL } from './bookings.repository';
import { LARGEST_SETUP, LARGEST_TEARDOWN, overlapsInNamed, SPAN_BUCKETS } from './occupancy-sql';

export interface AvailabilityQuery {
  startsAt: Date;
  endsAt: Date;
  attendees: number;
  /** SEATED unless said. */
  seating?: Seating;
  facilities?: { type: Facility; count?: number }[];
  minSecurityLevel?: number;
  /** Venues below the security level the protocol level needs are not offered. */
  protocolLevel?: ProtocolLevel;
  subdistrictId?: string;
}

/** The capacity a search counts attendees against, as SQL over venues `v`. */
export function capacitySql(seating: Seating = Seating.SEATED): string {
  return seating === Seating.STANDING
    ? 'GREATEST(v.seated_capacity, COALESCE(v.standing_capacity, 0))'
    : 'v.seated_capacity';
}

/** The security level a search asks for: the one given, and at least its protocol level's. */
export function searchSecurityLevel(
  query: Pick<AvailabilityQuery, 'minSecurityLevel' | 'protocolLevel'>,
): number {
  return Math.max(
    query.minSecurityLevel ?? 1,
    REQUIRED_SECURITY_LEVEL[query.protocolLevel ?? ProtocolLevel.STANDARD],
  );
}

/** Scores of venues (higher first) to order candidates of equal capacity by; see search. */
export type TieScores = (venueIds: string[]) => Promise<Map<string, number>>;

export interface SearchOptions {
  now?: Date;
  tieScores?: TieScores;
}

interface Candidate {
  id: string;
  /** The venue's version: its zone, buffers and opening hours are known by it (see openingAt). */
  version: number;
  capacity: number;
}

const MINUTE = 60_000;

/** The occupied range of the search's window at the venue with the largest buffers. */
const WIDEST_FROM = `DATE_SUB(:startsAt, INTERVAL ${LARGEST_SETUP} MINUTE)`;
const WIDEST_UNTIL = `DATE_ADD(:endsAt, INTERVAL ${LARGEST_TEARDOWN} MINUTE)`;
/** A range [from, until) overlapping the window's occupied range at venue `w`, its own buffers. */
const EXACT_OVERLAP = (from: string, until: string) =>
  `${until} > DATE_SUB(:startsAt, INTERVAL w.setup_minutes MINUTE)
   AND ${from} < DATE_ADD(:endsAt, INTERVAL w.teardown_minutes MINUTE)`;

/** Whether the venue is open throughout the occupied range the query's window gives it. */
function isOpenFor(query: AvailabilityQuery, opening: VenueOpening): boolean {
  const from = new Date(query.startsAt.getTime() - opening.setupMinutes * MINUTE);
  const until = new Date(query.endsAt.getTime() + opening.teardownMinutes * MINUTE);
  const { timeZone, periods } = opening;
  return isOpenForLocalRange(periods, localWeekRange(timeZone, from, until), timeZone, from, until);
}

/** Candidates by capacity, then id: the order before ties are ranked by score. */
const byCapacityThenId = (a: Candidate, b: Candidate) =>
  a.capacity - b.capacity || compareIds(a.id, b.id);

/**
 * Free, suitable venues for a time: ACTIVE, big enough, equipped, secure enough, within notice,
 * advance and duration limits, no blocking booking or blackout over the occupied range (all in
 * SQL), and open throughout that range in the venue's own time zone (checked here on openings
 * kept in memory by venue version, once per distinct opening). Ordered by fit: the smallest
 * sufficient capacity first; among equal capacities the higher tieScores score (asked only for
 * the ties the page and its cursor fall in), then id.
 */
@Injectable()
export class AvailabilityService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly venues: BookableVenueReader,
    private readonly catalog: VenueCatalogService,
  ) {}

  async search(
    query: AvailabilityQuery,
    first: number,
    afterId?: string,
    options: SearchOptions = {},
  ): Promise<Page<VenueEntity>> {
    const now = options.now ?? new Date();
    const { startsAt, endsAt } = query;
    if (!(endsAt.getTime() > startsAt.getTime()))
      throw badBookingInput('endsAt', inputMessages.mustBeAfter('endsAt', 'startsAt'));
    if (startsAt.getTime() <= now.getTime())
      throw badBookingInput('startsAt', inputMessages.mustBeInFuture('startsAt'));
    // An unknown subdistrict is a mistake, not demand nobody could meet: refused, counted nowhere.
    if (query.subdistrictId && !(await this.catalog.subdistrictExists(query.subdistrictId)))
      throw new BookingError(
        BookingErrorCode.NOT_FOUND,
        bookingMessages.noSubdistrict(query.subdistrictId),
        'subdistrictId',
      );

    const open = await this.openCandidates(query, await this.candidates(query, now));
    const { page, hasNextPage } = await this.page(open, first, afterId, options.tieScores);
    const pageIds = page.map((candidate) => candidate.id);
    const byId = await this.catalog.byIds(pageIds);
    return {
      items: pageIds.flatMap((id) => byId.get(id) ?? []),
      totalCount: () => Promise.resolve(open.length),
      hasNextPage,
    };
  }

  /**
   * The page after `afterId` of the open candidates (by capacity, then id) in the search's order.
   * A run of equal capacity keeps its place in the list whatever its venues' scores, which only
   * order it inside: so scores are asked for the runs from the cursor's to the last the page can
   * reach, not for every tie of thousands of candidates.
   */
  private async page(
    open: Candidate[],
    first: number,
    afterId: string | undefined,
    tieScores?: TieScores,
  ): Promise<{ page: Candidate[]; hasNextPage: boolean }> {
    const runStart = (i: number) => {
      while (i > 0 && open[i - 1].capacity === open[i].capacity) i--;
      return i;
    };
    const runEnd = (i: number) => {
      while (i + 1 < open.length && open[i + 1].capacity === open[i].capacity) i++;
      return i + 1;
    };
    let from = 0;
    let reach = first;
    if (afterId) {
      const index = open.findIndex((candidate) => candidate.id === afterId);
      if (index < 0) throw badBookingInput('after', bookingMessages.venueLeftResults());
      from = runStart(index);
      reach = runEnd(index) + first;
    }
    // Ranked up to the end of the run holding the last place the page can reach.
    const last = Math.min(reach, open.length) - 1;
    const to = last < from ? from : runEnd(last);
    const ranked = await this.rankTies(open.slice(from, to), tieScores);
    const start = afterId ? ranked.findIndex((candidate) => candidate.id === afterId) + 1 : 0;
    return {
      page: ranked.slice(start, start + first),
      hasNextPage: from + start + first < open.length,
    };
  }

  /**
   * Everything but opening hours, in one SQL statement. The one read of bookings over venues'
   * tables (venues, venue_facilities, venue_blackouts): a search must weigh every venue against
   * the bookings in one pass, which no call to the venues lib could do as fast.
   */
  private async candidates(query: AvailabilityQuery, now: Date): Promise<Candidate[]> {
    const { startsAt, endsAt, attendees } = query;
    const durationMinutes = (endsAt.getTime() - startsAt.getTime()) / MINUTE;
    const leadMinutes = (startsAt.getTime() - now.getTime()) / MINUTE;
    const sql = this.dataSource
      .createQueryBuilder()
      .from('venues', 'v')
      .select(['v.id AS id', 'v.version AS version', `${capacitySql(query.seating)} AS capacity`])
      .where('v.status = :active', { active: VenueStatus.ACTIVE })
      .andWhere(`${capacitySql(query.seating)} >= :attendees`, {
        attendees,
      })
      .andWhere(':duration BETWEEN v.min_duration_minutes AND v.max_duration_minutes', {
        duration: durationMinutes,
      })
      .andWhere('v.min_notice_hours * 60 <= :lead AND v.max_advance_days * 1440 >= :lead', {
        lead: leadMinutes,
      })
      // The busy venues of the window, found once each (materialised, then anti-joined) rather
      // than by a subquery per venue: bookings of either span bucket overlapping the widest
      // occupied range any venue's buffers give. Those over the window itself take their venue
      // whatever its buffers; only the others are weighed against their venue's exact range
      // (reading the venue of every booking was most of the statement's work).
      .andWhere(
        SPAN_BUCKETS.map(
          (bucket) => `v.id NOT IN (SELECT b.venue_id FROM bookings b
             WHERE ${overlapsInNamed(bucket, 'b', WIDEST_FROM, WIDEST_UNTIL)} AND ${BLOCKING_SQL}
               AND ((b.occupied_until > :startsAt AND b.occupied_from < :endsAt)
                 OR EXISTS (SELECT 1 FROM venues w WHERE w.id = b.venue_id
                   AND ${EXACT_OVERLAP('b.occupied_from', 'b.occupied_until')})))`,
        ).join(' AND '),
      )
      // Nor held by an approved booking's pending change, for its decision.
      .andWhere(
        `v.id NOT IN (SELECT p.change_venue_id FROM bookings p JOIN venues w ON w.id = p.change_venue_id
           WHERE p.change_venue_id IS NOT NULL AND p.change_occupied_from < ${WIDEST_UNTIL}
             AND ${EXACT_OVERLAP('p.change_occupied_from', 'p.change_occupied_until')})`,
      )
      .andWhere(
        `v.id NOT IN (SELECT x.venue_id FROM venue_blackouts x JOIN venues w ON w.id = x.venue_id
           WHERE x.starts_at < ${WIDEST_UNTIL} AND x.ends_at > ${WIDEST_FROM}
             AND ${EXACT_OVERLAP('x.starts_at', 'x.ends_at')})`,
      )
      .setParameters({ startsAt, endsAt, now });
    const security = searchSecurityLevel(query);
    if (security > 1) sql.andWhere('v.security_level >= :security', { security });
    if (query.subdistrictId)
      sql.andWhere('v.subdistrict_id = :subdistrictId', { subdistrictId: query.subdistrictId });
    (query.facilities ?? []).forEach((facility, i) => {
      sql.andWhere(
        `EXISTS (SELECT 1 FROM venue_facilities f${i} WHERE f${i}.venue_id = v.id AND f${i}.type = :ft${i} AND f${i}.count >= :fc${i})`,
        { [`ft${i}`]: facility.type, [`fc${i}`]: facility.count ?? 1 },
      );
    });
    const rows = await sql.getRawMany<Record<keyof Candidate, string | number>>();
    return rows.map((row) => ({
      id: String(row.id),
      version: Number(row.version),
      capacity: Number(row.capacity),
    }));
  }

  /** Reorders runs of equal capacity by score, highest first (then id, as before). */
  private async rankTies(sorted: Candidate[], tieScores?: TieScores): Promise<Candidate[]> {
    if (!tieScores) return sorted;
    const tied = sorted.filter(
      (candidate, i) =>
        sorted[i - 1]?.capacity === candidate.capacity ||
        sorted[i + 1]?.capacity === candidate.capacity,
    );
    if (!tied.length) return sorted;
    const scores = await tieScores(tied.map((candidate) => candidate.id));
    const scoreOf = (candidate: Candidate) => scores.get(candidate.id) ?? 0;
    return [...sorted].sort(
      (a, b) => a.capacity - b.capacity || scoreOf(b) - scoreOf(a) || compareIds(a.id, b.id),
    );
  }

  /**
   * Keeps the candidates open for their whole occupied range, by capacity, then id. Venues with
   * the same zone, buffers and hours share their opening (see openingAt): each is judged once.
   */
  private async openCandidates(
    query: AvailabilityQuery,
    candidates: Candidate[],
  ): Promise<Candidate[]> {
    const openings = await this.venues.openingAt(candidates);
    const verdicts = new Map<VenueOpening, boolean>();
    return candidates
      .filter((_, i) => {
        const opening = openings[i];
        if (!opening) return false;
        let open = verdicts.get(opening);
        if (open === undefined) verdicts.set(opening, (open = isOpenFor(query, opening)));
        return open;
      })
      .sort(byCapacityThenId);
  }
}
