import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { groupByKey } from '@app/common';
import { selectEntities } from '@app/database';
import { DataSource, EntityManager, LessThan, MoreThan } from 'typeorm';
import { BlackoutEntity } from './blackout.entity';
import { OpeningHoursEntity } from './opening-hours.entity';
import { VenueEntity } from './venue.entity';
import { Facility } from './venue-enums';
import { OpeningPeriod } from './weekly-hours';

/** What the booking rules need to know about a venue, read in the booking's transaction. */
export interface BookableVenue {
  venue: VenueEntity;
  facilities: Map<Facility, number>;
  openingHours: OpeningPeriod[];
}

/** A JSON array from the driver: parsed already where it reports the JSON type, else text. */
function jsonArray<T>(value: unknown): T[] {
  if (value === null || value === undefined) return [];
  return (typeof value === 'string' ? JSON.parse(value) : value) as T[];
}

/** The venue side of booking: the per-venue lock, and the facts the rules are checked against. */
@Injectable()
export class BookableVenueReader {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Takes the venue's booking lock: an UPDATE of the venue row, so every booking transaction at
   * the venue queues behind it, on one server or (by write-set certification) on a cluster.
   * Returns null when there is no such venue.
   */
  async lockForBooking(manager: EntityManager, venueId: string): Promise<BookableVenue | null> {
    const result: { affectedRows?: number } = await manager.query(
      'UPDATE venues SET booking_seq = booking_seq + 1 WHERE id = ?',
      [venueId],
    );
    if (!result.affectedRows) return null;
    return (await this.load(manager, [venueId]))[0] ?? null;
  }

  /**
   * Several venues with their facilities and opening hours, without locking, in one statement:
   * a booking reads this under its venue lock, so every round trip there holds the lock longer.
   */
  async load(manager: EntityManager, venueIds: readonly string[]): Promise<BookableVenue[]> {
    if (!venueIds.length) return [];
    const rows = await selectEntities(manager, VenueEntity, 'e.id IN (?)', [venueIds], {
      facilities:
        '(SELECT JSON_ARRAYAGG(JSON_ARRAY(f.type, f.count)) FROM venue_facilities f WHERE f.venue_id = e.id)',
      hours:
        '(SELECT JSON_ARRAYAGG(JSON_ARRAY(h.weekday, h.opens_minute, h.closes_minute)) FROM venue_opening_hours h WHERE h.venue_id = e.id)',
    });
    const byId = new Map(
      rows.map(({ entity: venue, extra }) => {
        const facilities = jsonArray<[Facility, number]>(extra.facilities);
        const hours = jsonArray<[number, number, number]>(extra.hours);
        const openingHours = hours.map(([weekday, opensMinute, closesMinute]) => ({
          weekday,
          opensMinute,
          closesMinute,
        }));
        return [venue.id, { venue, facilities: new Map(facilities), openingHours }] as const;
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

  blackoutsBetween(venueId: string, from: Date, to: Date): Promise<BlackoutEntity[]> {
    return this.dataSource.getRepository(BlackoutEntity).find({
      where: { venueId, startsAt: LessThan(to), endsAt: MoreThan(from) },
      order: { startsAt: 'ASC' },
    });
  }
}
