import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, LessThan, MoreThan } from 'typeorm';
import { groupByKey } from '@app/common';
import { jsonColumn, selectEntities, SqlFragment } from '@app/database';
import { BlackoutEntity } from './blackout.entity';
import { OpeningHoursEntity } from './opening-hours.entity';
import { Facility } from './venue-enums';
import { VenueEntity } from './venue.entity';
import { OpeningPeriod } from './weekly-hours';

/** What the booking rules need to know about a venue, read in the booking's transaction. */
export interface BookableVenue {
  venue: VenueEntity;
  facilities: Map<Facility, number>;
  openingHours: OpeningPeriod[];
}

/** Columns a caller reads along with the venue, in the same statement (SQL may use `e`). */
export type AlongWithVenue = Record<string, SqlFragment>;

/** A venue as a caller read it: its id and the version it had. */
export interface VenueVersion {
  id: string;
  version: number;
}

/**
 * Whether a venue is open for a booking's window: its zone, its buffers and its weekly periods.
 * Shared by the venues that have the same (frozen): do not change one.
 */
export interface VenueOpening {
  readonly timeZone: string;
  readonly setupMinutes: number;
  readonly teardownMinutes: number;
  readonly periods: readonly Readonly<OpeningPeriod>[];
}

/** Venues whose opening is kept in memory; more, and the memory starts afresh. */
const KEPT_OPENINGS = 100_000;

/** The venue side of booking: the per-venue lock, and the facts the rules are checked against. */
@Injectable()
export class BookableVenueReader {
  /** Openings by venue id, as of the venue's version they were read with. */
  private readonly openings = new Map<string, { version: number; opening: VenueOpening }>();
  /**
   * One opening for all the venues that have the same: most share a zone, a few buffer pairs
   * and common hours, and a search that reads thousands of venues then touches a few objects.
   */
  private readonly distinct = new Map<string, VenueOpening>();

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Takes the venue's booking lock: an UPDATE of the venue row, so every booking transaction at
   * the venue queues behind it, on one server or (by write-set certification) on a cluster.
   * Returns null when there is no such venue. `along` is read in the same statement as the
   * venue, after the lock: what the booking checks next, without another round trip under it.
   */
  async lockForBooking(
    manager: EntityManager,
    venueId: string,
    along: AlongWithVenue = {},
  ): Promise<(BookableVenue & { along: Record<string, unknown> }) | null> {
    const result: { affectedRows?: number } = await manager.query(
      'UPDATE venues SET booking_seq = booking_seq + 1 WHERE id = ?',
      [venueId],
    );
    if (!result.affectedRows) return null;
    return (await this.load(manager, [venueId], along))[0] ?? null;
  }

  /**
   * Several venues with their facilities and opening hours, without locking, in one statement:
   * a booking reads this under its venue lock, so every round trip there holds the lock longer.
   */
  async load(
    manager: EntityManager,
    venueIds: readonly string[],
    along: AlongWithVenue = {},
  ): Promise<(BookableVenue & { along: Record<string, unknown> })[]> {
    if (!venueIds.length) return [];
    const rows = await selectEntities(
      manager,
      VenueEntity,
      { sql: 'e.id IN (?)', params: [venueIds] },
      {
        ...along,
        facilities: {
          sql: '(SELECT JSON_ARRAYAGG(JSON_ARRAY(f.type, f.count)) FROM venue_facilities f WHERE f.venue_id = e.id)',
          params: [],
        },
        hours: {
          sql: '(SELECT JSON_ARRAYAGG(JSON_ARRAY(h.weekday, h.opens_minute, h.closes_minute)) FROM venue_opening_hours h WHERE h.venue_id = e.id)',
          params: [],
        },
      },
    );
    const byId = new Map(
      rows.map(({ entity: venue, extra }) => {
        const facilities = jsonColumn<[Facility, number][]>(extra.facilities) ?? [];
        const hours = jsonColumn<[number, number, number][]>(extra.hours) ?? [];
        const openingHours = hours.map(([weekday, opensMinute, closesMinute]) => ({
          weekday,
          opensMinute,
          closesMinute,
        }));
        return [
          venue.id,
          { venue, facilities: new Map(facilities), openingHours, along: extra },
        ] as const;
      }),
    );
    return venueIds.flatMap((id) => byId.get(id) ?? []);
  }

  /** Opening periods of many venues, read raw (no entity hydration): availability search needs thousands. */
  async openingPeriodsOf(venueIds: readonly string[]): Promise<Map<string, OpeningPeriod[]>> {
    if (!venueIds.length) return new Map();
    const rows: { venueId: string; weekday: number; opensMinute: number; closesMinute: number }[] =
      await this.dataSource
        .getRepository(OpeningHoursEntity)
        .createQueryBuilder('h')
        .select([
          'h.venue_id AS venueId',
          'h.weekday AS weekday',
          'h.opens_minute AS opensMinute',
          'h.closes_minute AS closesMinute',
        ])
        .where('h.venue_id IN (:...ids)', { ids: [...venueIds] })
        .getRawMany();
    const periods = rows.map((row) => ({
      venueId: String(row.venueId),
      weekday: Number(row.weekday),
      opensMinute: Number(row.opensMinute),
      closesMinute: Number(row.closesMinute),
    }));
    return groupByKey(periods, (period) => period.venueId);
  }

  /**
   * The openings of many venues (in their order), each as of the version the caller read the
   * venue at. Every change of a venue's zone, buffers or opening hours bumps its version in the
   * same transaction, so the opening of a version never changes: it is kept in memory, and read
   * only for venues not seen at that version (new, or changed since, by this instance or
   * another), with their current version in the same statement, and kept under it. Undefined
   * for a venue that no longer exists.
   */
  async openingAt(venues: readonly VenueVersion[]): Promise<(VenueOpening | undefined)[]> {
    const openings = venues.map(({ id, version }) => {
      const kept = this.openings.get(id);
      return kept?.version === version ? kept.opening : undefined;
    });
    const unknown = venues.filter((_, i) => !openings[i]).map((venue) => venue.id);
    if (!unknown.length) return openings;
    const rows: {
      id: string | number;
      version: number;
      timeZone: string;
      setupMinutes: number;
      teardownMinutes: number;
      hours: unknown;
    }[] = await this.dataSource.query(
      `SELECT v.id AS id, v.version AS version, v.time_zone AS timeZone,
         v.setup_minutes AS setupMinutes, v.teardown_minutes AS teardownMinutes,
         (SELECT JSON_ARRAYAGG(JSON_ARRAY(h.weekday, h.opens_minute, h.closes_minute))
            FROM venue_opening_hours h WHERE h.venue_id = v.id) AS hours
         FROM venues v WHERE v.id IN (?)`,
      [unknown],
    );
    // Openings left behind by changes stay in `distinct`, so it is bounded too.
    if (Math.max(this.openings.size, this.distinct.size) + rows.length > KEPT_OPENINGS) {
      this.openings.clear();
      this.distinct.clear();
    }
    const read = new Map<string, VenueOpening>();
    for (const { id, version, hours, ...venue } of rows) {
      const opening = this.shared(
        venue.timeZone,
        Number(venue.setupMinutes),
        Number(venue.teardownMinutes),
        jsonColumn<[number, number, number][]>(hours) ?? [],
      );
      this.openings.set(String(id), { version: Number(version), opening });
      read.set(String(id), opening);
    }
    return venues.map(({ id }, i) => openings[i] ?? read.get(id));
  }

  /** The kept opening equal to this one, made (and frozen) if there is none yet. */
  private shared(
    timeZone: string,
    setupMinutes: number,
    teardownMinutes: number,
    hours: [number, number, number][],
  ): VenueOpening {
    const sorted = [...hours].sort((a, b) => a[0] - b[0] || a[1] - b[1]);
    const key = JSON.stringify([timeZone, setupMinutes, teardownMinutes, sorted]);
    let opening = this.distinct.get(key);
    if (!opening) {
      const periods = sorted.map(([weekday, opensMinute, closesMinute]) =>
        Object.freeze({ weekday, opensMinute, closesMinute }),
      );
      opening = Object.freeze({
        timeZone,
        setupMinutes,
        teardownMinutes,
        periods: Object.freeze(periods),
      });
      this.distinct.set(key, opening);
    }
    return opening;
  }

  /** Each venue's blackouts overlapping [from, to), read raw: a report reads thousands of venues. */
  async blackoutsOf(
    venueIds: readonly string[],
    from: Date,
    to: Date,
  ): Promise<Map<string, [Date, Date][]>> {
    if (!venueIds.length) return new Map();
    const rows: { venueId: string | number; startsAt: Date; endsAt: Date }[] =
      await this.dataSource.query(
        `SELECT venue_id AS venueId, starts_at AS startsAt, ends_at AS endsAt FROM venue_blackouts
          WHERE venue_id IN (?) AND starts_at < ? AND ends_at > ?`,
        [venueIds, to, from],
      );
    const blackouts = new Map<string, [Date, Date][]>();
    for (const row of rows) {
      const venueId = String(row.venueId);
      blackouts.set(venueId, [...(blackouts.get(venueId) ?? []), [row.startsAt, row.endsAt]]);
    }
    return blackouts;
  }

  blackoutsBetween(venueId: string, from: Date, to: Date): Promise<BlackoutEntity[]> {
    return this.dataSource.getRepository(BlackoutEntity).find({
      where: { venueId, startsAt: LessThan(to), endsAt: MoreThan(from) },
      order: { startsAt: 'ASC' },
    });
  }
}
