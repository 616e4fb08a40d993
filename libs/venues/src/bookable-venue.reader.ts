import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { groupByKey } from '@app/common';
import { DataSource, EntityManager, In, LessThan, MoreThan } from 'typeorm';
import { BlackoutEntity } from './blackout.entity';
import { OpeningHoursEntity } from './opening-hours.entity';
import { VenueEntity } from './venue.entity';
import { Facility } from './venue-enums';
import { VenueFacilityEntity } from './venue-facility.entity';
import { OpeningPeriod } from './weekly-hours';

/** What the booking rules need to know about a venue, read in the booking's transaction. */
export interface BookableVenue {
  venue: VenueEntity;
  facilities: Map<Facility, number>;
  openingHours: OpeningPeriod[];
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

  /** Several venues at once, without locking (availability search). */
  async load(manager: EntityManager, venueIds: readonly string[]): Promise<BookableVenue[]> {
    if (!venueIds.length) return [];
    const ids = [...venueIds];
    const [venues, facilities, hours] = await Promise.all([
      manager.getRepository(VenueEntity).findBy({ id: In(ids) }),
      manager.getRepository(VenueFacilityEntity).findBy({ venueId: In(ids) }),
      manager.getRepository(OpeningHoursEntity).findBy({ venueId: In(ids) }),
    ]);
    const byId = new Map(venues.map((venue) => [venue.id, venue]));
    const facilitiesOf = groupByKey(facilities, (row) => row.venueId);
    const hoursOf = groupByKey(hours, (row) => row.venueId);
    return ids.flatMap((id) => {
      const venue = byId.get(id);
      if (!venue) return [];
      const equipment = new Map(
        (facilitiesOf.get(id) ?? []).map((f) => [f.type, f.count] as const),
      );
      return [{ venue, facilities: equipment, openingHours: hoursOf.get(id) ?? [] }];
    });
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

  blackoutOverlapping(
    manager: EntityManager,
    venueId: string,
    from: Date,
    until: Date,
  ): Promise<BlackoutEntity | null> {
    return manager.getRepository(BlackoutEntity).findOne({
      where: { venueId, startsAt: LessThan(until), endsAt: MoreThan(from) },
      order: { startsAt: 'ASC' },
    });
  }

  blackoutsBetween(venueId: string, from: Date, to: Date): Promise<BlackoutEntity[]> {
    return this.dataSource.getRepository(BlackoutEntity).find({
      where: { venueId, startsAt: LessThan(to), endsAt: MoreThan(from) },
      order: { startsAt: 'ASC' },
    });
  }
}
