import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Actor, Role } from '@app/auth';
import { insertEntities, Page, PageRequest } from '@app/database';
import { VenueEntity } from '@app/venues';
import { Brackets, DataSource, EntityManager, SelectQueryBuilder } from 'typeorm';
import { BookingEntity } from './booking.entity';
import { BookingAuditEntity } from './booking-audit.entity';
import { ApprovalStage, BookingStatus } from './booking-enums';

export interface BookingFilter {
  status?: BookingStatus;
  venueId?: string;
  from?: Date;
  to?: Date;
}

/** SQL for "booking b blocks its venue at `now`": pending and approved always, held until expiry. */
const blocking = (now: string) =>
  `(b.status IN ('PENDING_APPROVAL', 'APPROVED') OR (b.status = 'HELD' AND b.hold_expires_at > ${now}))`;
export const BLOCKING_SQL = blocking(':now');

/** What stands in the way of a booking at a venue and time. */
export interface SlotObstacles {
  /** The booking an earlier request with the same idempotency key made. */
  replay: { id: string; requestHash: string } | null;
  /** The first blackout overlapping the time. */
  blackout: { startsAt: Date; endsAt: Date; reason: string } | null;
  /** The first blocking booking overlapping the time. */
  conflict: { occupiedFrom: Date; occupiedUntil: Date } | null;
}

export interface SlotQuery {
  venueId: string;
  /** The occupied range asked for, half-open. */
  from: Date;
  until: Date;
  now: Date;
  /** The booking being moved, which does not stand in its own way. */
  exceptId?: string;
  /** Also look for the booking this organizer's idempotency key made. */
  replayOf?: { organizerId: string; idempotencyKey: string };
}

interface ObstacleRow {
  kind: 'replay' | 'blackout' | 'booking';
  startsAt: Date | null;
  endsAt: Date | null;
  id: string;
  note: string | null;
}

@Injectable()
export class BookingsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Everything that decides whether a slot can be booked, in one round trip: the booking runs
   * this under its venue lock, and every round trip there holds the lock longer.
   */
  async obstacles(manager: EntityManager, slot: SlotQuery): Promise<SlotObstacles> {
    const parts: string[] = [];
    const params: unknown[] = [];
    if (slot.replayOf) {
      parts.push(`(SELECT 'replay' AS kind, b.id AS id, NULL AS startsAt, NULL AS endsAt, b.request_hash AS note
        FROM bookings b WHERE b.organizer_id = ? AND b.idempotency_key = ?)`);
      params.push(slot.replayOf.organizerId, slot.replayOf.idempotencyKey);
    }
    parts.push(`(SELECT 'blackout' AS kind, x.id AS id, x.starts_at AS startsAt, x.ends_at AS endsAt, x.reason AS note
      FROM venue_blackouts x WHERE x.venue_id = ? AND x.starts_at < ? AND x.ends_at > ?
      ORDER BY x.starts_at LIMIT 1)`);
    params.push(slot.venueId, slot.until, slot.from);
    parts.push(`(SELECT 'booking' AS kind, b.id AS id, b.occupied_from AS startsAt, b.occupied_until AS endsAt, NULL AS note
      FROM bookings b WHERE b.venue_id = ? AND b.occupied_until > ? AND b.occupied_from < ?
        AND ${blocking('?')}${slot.exceptId ? ' AND b.id <> ?' : ''}
      ORDER BY b.occupied_from LIMIT 1)`);
    params.push(slot.venueId, slot.from, slot.until, slot.now);
    if (slot.exceptId) params.push(slot.exceptId);
    const rows: ObstacleRow[] = await manager.query(parts.join(' UNION ALL '), params);
    const find = (kind: ObstacleRow['kind']) => rows.find((row) => row.kind === kind);
    const replay = find('replay');
    const blackout = find('blackout');
    const conflict = find('booking');
    return {
      replay: replay ? { id: String(replay.id), requestHash: replay.note! } : null,
      blackout: blackout
        ? { startsAt: blackout.startsAt!, endsAt: blackout.endsAt!, reason: blackout.note! }
        : null,
      conflict: conflict
        ? { occupiedFrom: conflict.startsAt!, occupiedUntil: conflict.endsAt! }
        : null,
    };
  }

  findByIdempotencyKey(organizerId: string, key: string): Promise<BookingEntity | null> {
    return this.dataSource
      .getRepository(BookingEntity)
      .findOneBy({ organizerId, idempotencyKey: key });
  }

  /** Locks one booking row for a state change. */
  lock(manager: EntityManager, id: string): Promise<BookingEntity | null> {
    return manager
      .getRepository(BookingEntity)
      .createQueryBuilder('b')
      .setLock('pessimistic_write')
      .where('b.id = :id', { id })
      .getOne();
  }

  findById(manager: EntityManager, id: string): Promise<BookingEntity | null> {
    return manager.getRepository(BookingEntity).findOneBy({ id });
  }

  /** A new booking: one INSERT, its id set on the entity. */
  async insert(manager: EntityManager, booking: BookingEntity): Promise<BookingEntity> {
    await insertEntities(manager, BookingEntity, [booking]);
    return booking;
  }

  save(manager: EntityManager, booking: BookingEntity): Promise<BookingEntity> {
    return manager.getRepository(BookingEntity).save(booking);
  }

  /** Bookings the caller may see: their own, their subdistrict's, or all for the district and security. */
  async list(actor: Actor, filter: BookingFilter, page: PageRequest): Promise<Page<BookingEntity>> {
    const query = this.visibleTo(
      actor,
      this.dataSource.getRepository(BookingEntity).createQueryBuilder('b'),
    );
    if (filter.status) query.andWhere('b.status = :status', { status: filter.status });
    if (filter.venueId) query.andWhere('b.venue_id = :venueId', { venueId: filter.venueId });
    if (filter.from) query.andWhere('b.ends_at > :from', { from: filter.from });
    if (filter.to) query.andWhere('b.starts_at < :to', { to: filter.to });
    return this.page(query, page, 'b.id', 'ASC');
  }

  /** What the caller can decide now: their stage, their scope, oldest submission first. */
  async pendingFor(actor: Actor, page: PageRequest): Promise<Page<BookingEntity>> {
    const query = this.dataSource
      .getRepository(BookingEntity)
      .createQueryBuilder('b')
      .where('b.status = :pending', { pending: BookingStatus.PENDING_APPROVAL });
    if (actor.role === Role.DISTRICT_ADMIN) {
      query.andWhere('b.approval_stage = :stage', { stage: ApprovalStage.DISTRICT });
    } else if (actor.role === Role.SUBDISTRICT_MANAGER && actor.subdistrictId) {
      query
        .innerJoin(VenueEntity, 'v', 'v.id = b.venue_id')
        .andWhere('b.approval_stage = :stage AND v.subdistrict_id = :subdistrictId', {
          stage: ApprovalStage.SUBDISTRICT,
          subdistrictId: actor.subdistrictId,
        });
    } else {
      query.andWhere('1 = 0');
    }
    const totalCount = await query.getCount();
    if (page.afterId) {
      const after = await this.dataSource
        .getRepository(BookingEntity)
        .findOneBy({ id: page.afterId });
      if (after?.submittedAt) {
        query.andWhere(
          new Brackets((q) =>
            q
              .where('b.submitted_at > :afterAt', { afterAt: after.submittedAt })
              .orWhere('b.submitted_at = :afterAt AND b.id > :afterId', { afterId: after.id }),
          ),
        );
      }
    }
    const rows = await query
      .orderBy('b.submitted_at', 'ASC')
      .addOrderBy('b.id', 'ASC')
      .limit(page.first + 1)
      .getMany();
    return { items: rows.slice(0, page.first), totalCount, hasNextPage: rows.length > page.first };
  }

  /** Blocking bookings at a venue overlapping [from, to), by start. */
  busyAt(venueId: string, from: Date, to: Date, now: Date): Promise<BookingEntity[]> {
    return this.dataSource
      .getRepository(BookingEntity)
      .createQueryBuilder('b')
      .where('b.venue_id = :venueId AND b.occupied_until > :from AND b.occupied_from < :to', {
        venueId,
        from,
        to,
      })
      .andWhere(BLOCKING_SQL, { now })
      .orderBy('b.occupied_from', 'ASC')
      .getMany();
  }

  auditOf(bookingIds: readonly string[]): Promise<BookingAuditEntity[]> {
    if (!bookingIds.length) return Promise.resolve([]);
    return this.dataSource
      .getRepository(BookingAuditEntity)
      .createQueryBuilder('a')
      .where('a.booking_id IN (:...ids)', { ids: [...bookingIds] })
      .orderBy('a.id', 'ASC')
      .getMany();
  }

  /** Ids of bookings a housekeeping pass should move on: holds past expiry, approved past their end. */
  async dueForHousekeeping(
    now: Date,
    limit: number,
  ): Promise<{ expired: string[]; completed: string[] }> {
    const repository = this.dataSource.getRepository(BookingEntity);
    const expired = await repository
      .createQueryBuilder('b')
      .select('b.id', 'id')
      .where('b.status = :held AND b.hold_expires_at <= :now', { held: BookingStatus.HELD, now })
      .limit(limit)
      .getRawMany<{ id: string }>();
    const completed = await repository
      .createQueryBuilder('b')
      .select('b.id', 'id')
      .where('b.status = :approved AND b.ends_at <= :now', {
        approved: BookingStatus.APPROVED,
        now,
      })
      .limit(limit)
      .getRawMany<{ id: string }>();
    return {
      expired: expired.map((r) => String(r.id)),
      completed: completed.map((r) => String(r.id)),
    };
  }

  private visibleTo(
    actor: Actor,
    query: SelectQueryBuilder<BookingEntity>,
  ): SelectQueryBuilder<BookingEntity> {
    switch (actor.role) {
      case Role.DISTRICT_ADMIN:
      case Role.SECURITY_COORDINATOR:
        return query.where('1 = 1');
      case Role.SUBDISTRICT_MANAGER:
        return query
          .innerJoin(VenueEntity, 'v', 'v.id = b.venue_id')
          .where('v.subdistrict_id = :own', { own: actor.subdistrictId });
      case Role.ORGANIZER:
        return query.where('b.organizer_id = :me', { me: actor.userId });
      default:
        return query.where('1 = 0');
    }
  }

  private async page(
    query: SelectQueryBuilder<BookingEntity>,
    page: PageRequest,
    key: string,
    direction: 'ASC' | 'DESC',
  ): Promise<Page<BookingEntity>> {
    const totalCount = await query.getCount();
    if (page.afterId) query.andWhere(`${key} > :afterId`, { afterId: page.afterId });
    const rows = await query
      .orderBy(key, direction)
      .limit(page.first + 1)
      .getMany();
    return { items: rows.slice(0, page.first), totalCount, hasNextPage: rows.length > page.first };
  }
}
