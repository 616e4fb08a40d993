import { createHash } from 'node:crypto';
import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { Seating } from '@app/bookings';
import { BookableVenueReader, Facility, isOpenThroughout } from '@app/venues';
import { UnmetReason, UnmetSource } from './report-enums';
import { ReportsReadModelRepository } from './reports-read-model.repository';
import { REPORTS_QUEUE, ReportJob, reportJobs, UnmetSearchPayload } from './reports.jobs';

export interface UnmetSearch {
  startsAt: Date;
  endsAt: Date;
  attendees: number;
  /** SEATED unless said (searches queued before seating was asked for count as SEATED). */
  seating?: Seating;
  facilities?: { type: Facility; count?: number }[];
  minSecurityLevel?: number;
  subdistrictId?: string;
}

/**
 * Writes unmet demand down. A search that found nothing is queued (the query that saw it writes
 * nothing) and recorded by the worker; the user never waits for it, and a failure is logged,
 * never shown to them. While Redis is away such a search goes uncounted.
 */
@Injectable()
export class UnmetDemandService {
  private readonly logger = new Logger(UnmetDemandService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly readModel: ReportsReadModelRepository,
    private readonly venues: BookableVenueReader,
    @InjectQueue(REPORTS_QUEUE) private readonly queue: Queue,
  ) {}

  /** Fire and forget: queues a search that found nothing, to be recorded with why. */
  searchFoundNothing(search: UnmetSearch, actorId: string | null, seenAt = new Date()): void {
    const payload: UnmetSearchPayload = {
      ...search,
      startsAt: search.startsAt.toISOString(),
      endsAt: search.endsAt.toISOString(),
      actorId,
      seenAt: seenAt.toISOString(),
    };
    const jobId = `unmet-${createHash('sha256').update(JSON.stringify(payload)).digest('hex')}`;
    this.background(
      reportJobs(this.queue)
        .add(ReportJob.RECORD_UNMET_SEARCH, payload, {
          jobId,
          attempts: 5,
          backoff: { type: 'exponential', delay: 1000 },
          removeOnComplete: { age: 86_400 },
          removeOnFail: { age: 7 * 86_400 },
        })
        .then(() => undefined),
      'search',
    );
  }

  /** Records a queued search that found nothing, with why (see searchReason). */
  async record(payload: UnmetSearchPayload): Promise<void> {
    const { actorId, seenAt, ...search } = payload;
    await this.recordSearch(
      { ...search, startsAt: new Date(search.startsAt), endsAt: new Date(search.endsAt) },
      actorId,
      new Date(seenAt),
    );
  }

  /**
   * Why a search found nothing, from what the district has: no ACTIVE venue (in the subdistrict)
   * is big enough: CAPACITY; none of those has the facilities: FACILITY; none of those is secure
   * enough: SECURITY_LEVEL; none of those takes an event that long: DURATION; none of those is
   * open throughout the time: OUTSIDE_HOURS; otherwise they were taken (or blacked out or too
   * soon): SLOT_TAKEN.
   */
  async searchReason(search: UnmetSearch): Promise<UnmetReason> {
    const fit = await this.readModel.searchFit(search);
    if (!fit.big) return UnmetReason.CAPACITY;
    if (!fit.equipped) return UnmetReason.FACILITY;
    if (!fit.secure) return UnmetReason.SECURITY_LEVEL;
    const minutes = (search.endsAt.getTime() - search.startsAt.getTime()) / 60_000;
    const long = fit.suitable.filter(
      (v) => minutes >= v.minDurationMinutes && minutes <= v.maxDurationMinutes,
    );
    if (!long.length) return UnmetReason.DURATION;
    const hours = await this.venues.openingPeriodsOf(long.map((v) => v.id));
    const open = long.some((v) =>
      isOpenThroughout(hours.get(v.id) ?? [], v.timeZone, search.startsAt, search.endsAt),
    );
    return open ? UnmetReason.SLOT_TAKEN : UnmetReason.OUTSIDE_HOURS;
  }

  private async recordSearch(
    search: UnmetSearch,
    actorId: string | null,
    seenAt: Date,
  ): Promise<void> {
    const reason = await this.searchReason(search);
    await this.dataSource.query(
      `INSERT INTO unmet_demand (source, reason, subdistrict_id, venue_id, wanted_from, wanted_until, attendees, actor_id, recorded_at)
       VALUES (?, ?, ?, NULL, ?, ?, ?, ?, ?)`,
      [
        UnmetSource.SEARCH,
        reason,
        search.subdistrictId ?? null,
        search.startsAt,
        search.endsAt,
        search.attendees,
        actorId,
        seenAt,
      ],
    );
  }

  private background(work: Promise<void>, what: string): void {
    work.catch((error: unknown) =>
      this.logger.warn({ err: error }, `unmet demand (${what}) not recorded`),
    );
  }
}
