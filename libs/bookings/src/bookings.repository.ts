import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Brackets, DataSource, EntityManager } from 'typeorm';
import { Actor, Role } from '@app/auth';
import {
  insertEntities,
  jsonColumn,
  jsonDateTime,
  keysetEntities,
  keysetPage,
  Page,
  PageRequest,
  SqlFragment,
} from '@app/database';
import { AlongWithVenue } from '@app/venues';
import { BookingAuditEntity } from './booking-audit.entity';
import { ApprovalStage, BookingStatus } from './booking-enums';
import { BookingEntity } from './booking.entity';
import { overlapsIn, overlapsInNamed, SPAN_BUCKETS } from './occupancy-sql';

export interface BookingFilter {
  status?: BookingStatus;
  venueId?: string;
  from?: Date;
  to?: Date;
}

/** SQL for "booking b blocks its venue at `now`": pending and approved always, held until expiry. */
const blocking = (now: string) =>
  `(b.status IN ('${BookingStatus.PENDING_APPROVAL}', '${BookingStatus.APPROVED}') OR (b.status = '${BookingStatus.HELD}' AND b.hold_expires_at > ${now}))`;
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
  /** The occupied range asked for, half-open. */
  from: Date;
  until: Date;
  now: Date;
  /** The booking being moved, which does not stand in its own way. */
  exceptId?: string;
  /** Also look for the booking this organizer's idempotency key made. */
  replayOf?: { organizerId: string; idempotencyKey: string };
}

/** Where the slot is, as SQL: a venue id and occupied range given, or worked out from a venue row. */
interface SlotSql {
  venueId: SqlFragment;
  from: SqlFragment;
  until: SqlFragment;
}

const given = (value: unknown): SqlFragment => ({ sql: '?', params: [value] });

/**
 * The obstacles to a slot as three JSON columns (null where there is none): the booking the
 * idempotency key made, the first overlapping blackout, the first overlapping blocking booking.
 */
function obstacleColumns(
  at: SlotSql,
  slot: Omit<SlotQuery, 'from' | 'until'>,
): Record<'replay' | 'blackout' | 'conflict', SqlFragment> {
  const { venueId, from, until } = at;
  const except = slot.exceptId ? ' AND b.id <> ?' : '';
  const exceptParams = slot.exceptId ? [slot.exceptId] : [];
  const buckets = SPAN_BUCKETS.map((bucket) => {
    const overlap = overlapsIn(bucket, 'b', from, until);
    return {
      sql: `SELECT JSON_OBJECT('occupiedFrom', b.occupied_from, 'occupiedUntil', b.occupied_until)
          FROM bookings b WHERE b.venue_id = ${venueId.sql} AND ${overlap.sql}
          AND ${blocking('?')}${except} ORDER BY b.occupied_from LIMIT 1`,
      params: [...venueId.params, ...overlap.params, slot.now, ...exceptParams],
    };
  });
  return {
    replay: slot.replayOf
      ? {
          sql: `(SELECT JSON_OBJECT('id', b.id, 'requestHash', b.request_hash) FROM bookings b
              WHERE b.organizer_id = ? AND b.idempotency_key = ?)`,
          params: [slot.replayOf.organizerId, slot.replayOf.idempotencyKey],
        }
      : { sql: 'NULL', params: [] },
    blackout: {
      sql: `(SELECT JSON_OBJECT('startsAt', x.starts_at, 'endsAt', x.ends_at, 'reason', x.reason)
          FROM venue_blackouts x WHERE x.venue_id = ${venueId.sql} AND x.starts_at < ${until.sql}
          AND x.ends_at > ${from.sql} ORDER BY x.starts_at LIMIT 1)`,
      params: [...venueId.params, ...until.params, ...from.params],
    },
    // A booking in the way (of either span bucket), else a pending change holding the slot.
    conflict: {
      sql: `COALESCE(${buckets.map((bucket) => `(${bucket.sql})`).join(', ')},
        (SELECT JSON_OBJECT('occupiedFrom', b.change_occupied_from, 'occupiedUntil', b.change_occupied_until)
          FROM bookings b WHERE b.change_venue_id = ${venueId.sql} AND b.change_occupied_until > ${from.sql}
          AND b.change_occupied_from < ${until.sql}${except}
          ORDER BY b.change_occupied_from LIMIT 1))`,
      params: [
        ...buckets.flatMap((bucket) => bucket.params),
        ...venueId.params,
        ...from.params,
        ...until.params,
        ...exceptParams,
      ],
    },
  };
}

/** The obstacles read as obstacleColumns wrote them. */
export function readObstacles(row: Record<string, unknown>): SlotObstacles {
  const replay = jsonColumn<{ id: string | number; requestHash: string }>(row.replay);
  const blackout = jsonColumn<{ startsAt: string; endsAt: string; reason: string }>(row.blackout);
  const conflict = jsonColumn<{ occupiedFrom: string; occupiedUntil: string }>(row.conflict);
  return {
    replay: replay && { id: String(replay.id), requestHash: replay.requestHash },
    blackout: blackout && {
      startsAt: jsonDateTime(blackout.startsAt),
      endsAt: jsonDateTime(blackout.endsAt),
      reason: blackout.reason,
    },
    conflict: conflict && {
      occupiedFrom: jsonDateTime(conflict.occupiedFrom),
      occupiedUntil: jsonDateTime(conflict.occupiedUntil),
    },
  };
}

/**
 * The obstacles to a new booking's slot, to read along with its venue under the venue's lock:
 * the occupied range is worked out from the venue's buffers as the booking's own is.
 */
export function obstaclesAlongWithVenue(
  startsAt: Date,
  endsAt: Date,
  slot: Omit<SlotQuery, 'from' | 'until'>,
): AlongWithVenue {
  return obstacleColumns(
    {
      venueId: { sql: 'e.id', params: [] },
      from: { sql: 'DATE_SUB(?, INTERVAL e.setup_minutes MINUTE)', params: [startsAt] },
      until: { sql: 'DATE_ADD(?, INTERVAL e.teardown_minutes MINUTE)', params: [endsAt] },
    },
    slot,
  );
}

@Injectable()
export class BookingsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Everything that decides whether a slot at a venue can be booked, in one round trip. */
  async obstacles(
    manager: EntityManager,
    venueId: string,
    slot: SlotQuery,
  ): Promise<SlotObstacles> {
    const columns = obstacleColumns(
      { venueId: given(venueId), from: given(slot.from), until: given(slot.until) },
      slot,
    );
    const [row]: Record<string, unknown>[] = await manager.query(
      `SELECT ${columns.replay.sql} AS replay, ${columns.blackout.sql} AS blackout, ${columns.conflict.sql} AS conflict`,
      [...columns.replay.params, ...columns.blackout.params, ...columns.conflict.params],
    );
    return readObstacles(row);
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

  /** Id and version of the bookings in one status overlapping [from, to). */
  async versionsBetween(
    status: BookingStatus,
    from: Date,
    to: Date,
  ): Promise<{ id: string; version: number }[]> {
    const rows: { id: string; version: number }[] = await this.dataSource
      .getRepository(BookingEntity)
      .createQueryBuilder('b')
      .select(['b.id AS id', 'b.version AS version'])
      .where('b.status = :status AND b.starts_at < :to AND b.ends_at > :from', { status, from, to })
      .getRawMany();
    return rows.map((row) => ({ id: String(row.id), version: Number(row.version) }));
  }

  /**
   * Bookings the caller may see: their own, their subdistrict's, or all for the district and
   * security. Written as SQL (keysetEntities): the list is the hottest read.
   */
  async list(actor: Actor, filter: BookingFilter, page: PageRequest): Promise<Page<BookingEntity>> {
    const conditions = [visibleTo(actor)];
    const add = (sql: string, value: unknown) => conditions.push({ sql, params: [value] });
    if (filter.status) add('e.status = ?', filter.status);
    if (filter.venueId) add('e.venue_id = ?', filter.venueId);
    if (filter.from) add('e.ends_at > ?', filter.from);
    if (filter.to) add('e.starts_at < ?', filter.to);
    return keysetEntities(
      this.dataSource.manager,
      BookingEntity,
      {
        sql: conditions.map((condition) => condition.sql).join(' AND '),
        params: conditions.flatMap((condition) => condition.params),
      },
      page,
    );
  }

  /**
   * What the caller can decide now (requests, and approved bookings' pending changes): their
   * stage, their scope, oldest submission first. A pending change is decided by the subdistrict
   * of the venue it asks for. For the district: its own stage, and the subdistricts' stage where
   * the subdistrict is not among `managedSubdistrictIds` (nobody else would decide it).
   */
  async pendingFor(
    actor: Actor,
    page: PageRequest,
    managedSubdistrictIds: string[] = [],
  ): Promise<Page<BookingEntity>> {
    const deciding = 'COALESCE(b.change_subdistrict_id, b.subdistrict_id)';
    const query = this.dataSource.getRepository(BookingEntity).createQueryBuilder('b');
    if (actor.role === Role.DISTRICT_ADMIN) {
      query.where(
        new Brackets((q) =>
          q.where('b.approval_stage = :district', { district: ApprovalStage.DISTRICT }).orWhere(
            new Brackets((unmanaged) =>
              unmanaged
                .where('b.approval_stage = :subdistrict', {
                  subdistrict: ApprovalStage.SUBDISTRICT,
                })
                .andWhere(
                  managedSubdistrictIds.length ? `${deciding} NOT IN (:...managed)` : '1 = 1',
                  { managed: managedSubdistrictIds },
                ),
            ),
          ),
        ),
      );
    } else if (actor.role === Role.SUBDISTRICT_MANAGER && actor.subdistrictId) {
      query.where(`b.approval_stage = :stage AND ${deciding} = :subdistrictId`, {
        stage: ApprovalStage.SUBDISTRICT,
        subdistrictId: actor.subdistrictId,
      });
    } else {
      query.where('1 = 0');
    }
    return keysetPage(query, page, { by: 'b.submitted_at' });
  }

  /**
   * What holds a venue over [from, to), by start: blocking bookings at their occupied range, and
   * pending changes at the range they hold for their decision.
   */
  async busyAt(
    venueId: string,
    from: Date,
    to: Date,
    now: Date,
  ): Promise<{ booking: BookingEntity; from: Date; until: Date }[]> {
    const repository = this.dataSource.getRepository(BookingEntity);
    const [short, long, proposals] = await Promise.all([
      ...SPAN_BUCKETS.map((bucket) =>
        repository
          .createQueryBuilder('b')
          .where(`b.venue_id = :venueId AND ${overlapsInNamed(bucket, 'b', ':from', ':to')}`, {
            venueId,
            from,
            to,
          })
          .andWhere(BLOCKING_SQL, { now })
          .getMany(),
      ),
      repository
        .createQueryBuilder('b')
        .where(
          'b.change_venue_id = :venueId AND b.change_occupied_until > :from AND b.change_occupied_from < :to',
          { venueId, from, to },
        )
        .getMany(),
    ]);
    const bookings = [...short, ...long];
    return [
      ...bookings.map((booking) => ({
        booking,
        from: booking.occupiedFrom,
        until: booking.occupiedUntil,
      })),
      ...proposals.map((booking) => ({
        booking,
        from: booking.changeOccupiedFrom!,
        until: booking.changeOccupiedUntil!,
      })),
    ].sort((a, b) => a.from.getTime() - b.from.getTime());
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

  /**
   * Ids of bookings a housekeeping pass should move on: holds past expiry, approved past their
   * end, pending changes whose proposed start has come.
   */
  async dueForHousekeeping(
    now: Date,
    limit: number,
  ): Promise<{ expired: string[]; completed: string[]; lapsedChanges: string[] }> {
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
    const lapsedChanges = await repository
      .createQueryBuilder('b')
      .select('b.id', 'id')
      .where('b.change_venue_id IS NOT NULL AND b.change_starts_at <= :now', { now })
      .limit(limit)
      .getRawMany<{ id: string }>();
    const ids = (rows: { id: string }[]) => rows.map((r) => String(r.id));
    return {
      expired: ids(expired),
      completed: ids(completed),
      lapsedChanges: ids(lapsedChanges),
    };
  }
}

/** SQL for "the caller may see booking e" in lists. */
function visibleTo(actor: Actor): SqlFragment {
  switch (actor.role) {
    case Role.DISTRICT_ADMIN:
    case Role.SECURITY_COORDINATOR:
      return { sql: '1 = 1', params: [] };
    case Role.SUBDISTRICT_MANAGER:
      // Their venues' bookings: one index range. A booking asking to move to one of their
      // venues is in their pendingApprovals (and readable by id), not here: an OR with the
      // change's subdistrict made the list's count an index merge 100x slower.
      return { sql: 'e.subdistrict_id = ?', params: [actor.subdistrictId] };
    case Role.ORGANIZER:
      return { sql: 'e.organizer_id = ?', params: [actor.userId] };
    default:
      return { sql: '1 = 0', params: [] };
  }
}
