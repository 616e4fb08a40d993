import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import { BookingAuditEntity } from './booking-audit.entity';
import { BookingStatus } from './booking-enums';
import { BookingEntity } from './booking.entity';
import { BLOCKING_SQL, BookingsRepository } from './bookings.repository';
import { overlapsInNamed, SPAN_BUCKETS } from './occupancy-sql';

/** A booking time that an index on (status, time) leads with; see inTimeWindow. */
export type BookingTime = 'startsAt' | 'endsAt' | 'submittedAt';

/** Each time's column, and the index led by (status, column) that a window walks. */
const TIME_COLUMNS: Record<BookingTime, string> = {
  startsAt: 'starts_at', // ix_bookings_report
  endsAt: 'ends_at', // ix_bookings_status_ends
  submittedAt: 'submitted_at', // ix_bookings_pending
};

/**
 * The system's own reads of bookings (the outbox relay, reminders, notices), unscoped: they act
 * on no user's behalf. What users may read goes through BookingQueriesService.
 */
@Injectable()
export class BookingReader {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly bookings: BookingsRepository,
  ) {}

  /**
   * Locks one booking row for work another lib does on the booking's behalf outside a change
   * (reconciling what follows from it): the lock a change takes, so the two never overlap.
   */
  lockForSystem(manager: EntityManager, id: string): Promise<BookingEntity | null> {
    return this.bookings.lock(manager, id);
  }

  /** Id and version of every APPROVED booking overlapping [from, to). */
  approvedVersionsBetween(from: Date, to: Date): Promise<{ id: string; version: number }[]> {
    return this.bookings.versionsBetween(BookingStatus.APPROVED, from, to);
  }

  /** The organizer of each booking among ids (those that exist). */
  async organizersOf(ids: readonly string[]): Promise<Map<string, string>> {
    return new Map((await this.byIds(ids)).map((booking) => [booking.id, booking.organizerId]));
  }

  /** Inside a transaction, pass its manager: a second connection could wait for the pool. */
  byId(
    id: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<BookingEntity | null> {
    return manager.getRepository(BookingEntity).findOneBy({ id });
  }

  /** In no particular order; ids without a booking are left out. */
  byIds(
    ids: readonly string[],
    manager: EntityManager = this.dataSource.manager,
  ): Promise<BookingEntity[]> {
    if (!ids.length) return Promise.resolve([]);
    return manager.getRepository(BookingEntity).findBy({ id: In([...new Set(ids)]) });
  }

  /**
   * The bookings that block the venue at `at` or later and have not ended by then (held ones
   * still unexpired, pending, approved), in time order: what a venue's suspension or capacity
   * cut affects.
   */
  blockingAtVenue(venueId: string, at: Date = new Date()): Promise<BookingEntity[]> {
    return this.dataSource
      .getRepository(BookingEntity)
      .createQueryBuilder('b')
      .where('b.venue_id = :venueId', { venueId })
      .andWhere('b.ends_at > :now', { now: at })
      .andWhere(BLOCKING_SQL, { now: at })
      .orderBy('b.starts_at', 'ASC')
      .addOrderBy('b.id', 'ASC')
      .getMany();
  }

  /** The blocking bookings whose occupied range overlaps [from, to) at a venue, by start. */
  async blockingOverlapping(venueId: string, from: Date, to: Date): Promise<BookingEntity[]> {
    const buckets = await Promise.all(
      SPAN_BUCKETS.map((bucket) =>
        this.dataSource
          .getRepository(BookingEntity)
          .createQueryBuilder('b')
          .where(`b.venue_id = :venueId AND ${overlapsInNamed(bucket, 'b', ':from', ':to')}`, {
            venueId,
            from,
            to,
          })
          .andWhere(BLOCKING_SQL, { now: new Date() })
          .getMany(),
      ),
    );
    return buckets
      .flat()
      .sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime() || Number(a.id) - Number(b.id));
  }

  /**
   * The bookings in `status` whose `time` lies in [from, to], in batches of `batchSize` by
   * (time, id): a keyset over the index led by (status, time), so a window reads its own rows
   * only, however many lie outside it. Each batch is read when the caller asks for it.
   */
  async *inTimeWindow(
    status: BookingStatus,
    time: BookingTime,
    from: Date,
    to: Date,
    batchSize: number,
  ): AsyncGenerator<BookingEntity[]> {
    const column = TIME_COLUMNS[time];
    let after = { at: from, id: '0' };
    for (;;) {
      const batch = await this.dataSource
        .getRepository(BookingEntity)
        .createQueryBuilder('b')
        .where('b.status = :status', { status })
        .andWhere(`(b.${column} > :at OR (b.${column} = :at AND b.id > :id))`, after)
        .andWhere(`b.${column} <= :to`, { to })
        .orderBy(`b.${column}`, 'ASC')
        .addOrderBy('b.id', 'ASC')
        .limit(batchSize)
        .getMany();
      if (!batch.length) return;
      yield batch;
      if (batch.length < batchSize) return;
      const last = batch[batch.length - 1];
      after = { at: last[time]!, id: last.id };
    }
  }

  /**
   * When each booking's current wait for approval began: the audit trail's latest entry into
   * PENDING_APPROVAL. That is the submission, or the move that sent it back to approval, or the
   * subdistrict's hand-over to the district (whose admins begin to wait then); submitted_at
   * does not move at the hand-over. Bookings that never waited are left out.
   */
  async approvalWaitsSince(bookingIds: readonly string[]): Promise<Map<string, Date>> {
    if (!bookingIds.length) return new Map();
    const rows: { bookingId: string; at: Date }[] = await this.dataSource
      .getRepository(BookingAuditEntity)
      .createQueryBuilder('a')
      .select('a.booking_id', 'bookingId')
      .addSelect('MAX(a.at)', 'at')
      .where('a.booking_id IN (:...ids)', { ids: [...bookingIds] })
      .andWhere('a.to_status = :pending', { pending: BookingStatus.PENDING_APPROVAL })
      .groupBy('a.booking_id')
      .getRawMany();
    return new Map(rows.map((row) => [String(row.bookingId), new Date(row.at)]));
  }
}
