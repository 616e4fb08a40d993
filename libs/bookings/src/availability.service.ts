import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Page } from '@app/database';
import {
  BookableVenueReader,
  Facility,
  isOpenThroughout,
  VenueEntity,
  VenueStatus,
} from '@app/venues';
import { DataSource } from 'typeorm';
import { BLOCKING_SQL } from './bookings.repository';
import { effectiveCapacity, occupiedRange } from './booking-rules';
import { badBookingInput } from './bookings.errors';

export interface AvailabilityQuery {
  startsAt: Date;
  endsAt: Date;
  attendees: number;
  facilities?: { type: Facility; count?: number }[];
  minSecurityLevel?: number;
  subdistrictId?: string;
}

const MINUTE = 60_000;

/**
 * Free, suitable venues for a time: ACTIVE, big enough, equipped, secure enough, within notice,
 * advance and duration limits, no blocking booking or blackout over the occupied range (all in
 * SQL), and open throughout that range in the venue's own time zone (checked here). Ordered by
 * fit: the smallest sufficient capacity first.
 */
@Injectable()
export class AvailabilityService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly venues: BookableVenueReader,
  ) {}

  async search(
    query: AvailabilityQuery,
    first: number,
    afterId?: string,
    now = new Date(),
  ): Promise<Page<VenueEntity>> {
    const { startsAt, endsAt, attendees } = query;
    if (!(endsAt.getTime() > startsAt.getTime()))
      throw badBookingInput('endsAt', 'endsAt must be after startsAt');
    if (startsAt.getTime() <= now.getTime())
      throw badBookingInput('startsAt', 'startsAt must be in the future');
    if (!Number.isInteger(attendees) || attendees < 1)
      throw badBookingInput('attendees', 'attendees must be at least 1');

    const durationMinutes = (endsAt.getTime() - startsAt.getTime()) / MINUTE;
    const leadMinutes = (startsAt.getTime() - now.getTime()) / MINUTE;
    const sql = this.dataSource
      .getRepository(VenueEntity)
      .createQueryBuilder('v')
      .select('v.id', 'id')
      .where('v.status = :active', { active: VenueStatus.ACTIVE })
      .andWhere('GREATEST(v.seated_capacity, COALESCE(v.standing_capacity, 0)) >= :attendees', {
        attendees,
      })
      .andWhere(':duration BETWEEN v.min_duration_minutes AND v.max_duration_minutes', {
        duration: durationMinutes,
      })
      .andWhere('v.min_notice_hours * 60 <= :lead AND v.max_advance_days * 1440 >= :lead', {
        lead: leadMinutes,
      })
      .andWhere(
        `NOT EXISTS (SELECT 1 FROM bookings b WHERE b.venue_id = v.id
           AND b.occupied_until > DATE_SUB(:startsAt, INTERVAL v.setup_minutes MINUTE)
           AND b.occupied_from < DATE_ADD(:endsAt, INTERVAL v.teardown_minutes MINUTE)
           AND ${BLOCKING_SQL})`,
      )
      .andWhere(
        `NOT EXISTS (SELECT 1 FROM venue_blackouts x WHERE x.venue_id = v.id
           AND x.starts_at < DATE_ADD(:endsAt, INTERVAL v.teardown_minutes MINUTE)
           AND x.ends_at > DATE_SUB(:startsAt, INTERVAL v.setup_minutes MINUTE))`,
      )
      .setParameters({ startsAt, endsAt, now });
    if (query.minSecurityLevel)
      sql.andWhere('v.security_level >= :security', { security: query.minSecurityLevel });
    if (query.subdistrictId)
      sql.andWhere('v.subdistrict_id = :subdistrictId', { subdistrictId: query.subdistrictId });
    (query.facilities ?? []).forEach((facility, i) => {
      sql.andWhere(
        `EXISTS (SELECT 1 FROM venue_facilities f${i} WHERE f${i}.venue_id = v.id AND f${i}.type = :ft${i} AND f${i}.count >= :fc${i})`,
        { [`ft${i}`]: facility.type, [`fc${i}`]: facility.count ?? 1 },
      );
    });
    const candidateIds = (await sql.getRawMany<{ id: string }>()).map((row) => String(row.id));

    const candidates = await this.venues.load(this.dataSource.manager, candidateIds);
    const open = candidates
      .filter(({ venue, openingHours }) => {
        const [from, until] = occupiedRange(venue, startsAt, endsAt);
        return isOpenThroughout(openingHours, venue.timeZone, from, until);
      })
      .map(({ venue }) => venue)
      .sort(
        (a, b) =>
          effectiveCapacity(a) - effectiveCapacity(b) || Number(BigInt(a.id) - BigInt(b.id)),
      );

    let start = 0;
    if (afterId) {
      const index = open.findIndex((venue) => venue.id === afterId);
      if (index < 0)
        throw badBookingInput('after', 'That venue is no longer in the results; search again');
      start = index + 1;
    }
    const items = open.slice(start, start + first);
    return { items, totalCount: open.length, hasNextPage: start + first < open.length };
  }
}
