import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Facility } from '@app/venues';
import { DataSource } from 'typeorm';
import { ReportsReadModelRepository } from './reports-read-model.repository';

/** Where a piece of unmet demand was seen. */
export enum UnmetSource {
  /** availableVenues found nothing. */
  SEARCH = 'SEARCH',
  REJECTED = 'REJECTED',
  /** A hold ran out without being submitted. */
  EXPIRED = 'EXPIRED',
  /** An approved event with staffing places left unfilled. */
  UNSTAFFED = 'UNSTAFFED',
}

export enum UnmetReason {
  CAPACITY = 'CAPACITY',
  FACILITY = 'FACILITY',
  LANGUAGE = 'LANGUAGE',
  SECURITY_LEVEL = 'SECURITY_LEVEL',
  SLOT_TAKEN = 'SLOT_TAKEN',
  /** Rejections (the approver's reason is free text) and expired holds. */
  OTHER = 'OTHER',
}

export interface UnmetSearch {
  startsAt: Date;
  endsAt: Date;
  attendees: number;
  facilities?: { type: Facility; count?: number }[];
  minSecurityLevel?: number;
  subdistrictId?: string;
}

/**
 * Writes unmet demand down. Callers do not wait for it: the answer to the user is computed
 * first, and a failure here is logged, never shown to them.
 */
@Injectable()
export class UnmetDemandRecorder {
  private readonly logger = new Logger(UnmetDemandRecorder.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly readModel: ReportsReadModelRepository,
  ) {}

  /** Fire and forget: records a search that found nothing, with why (see searchReason). */
  searchFoundNothing(search: UnmetSearch, actorId: string | null): void {
    this.background(this.recordSearch(search, actorId), 'search');
  }

  /**
   * Why a search found nothing, from what the district has: no ACTIVE venue (in the subdistrict)
   * is big enough: CAPACITY; none of those has the facilities: FACILITY; none of those is secure
   * enough: SECURITY_LEVEL; otherwise the suitable venues were taken or closed: SLOT_TAKEN.
   */
  async searchReason(search: UnmetSearch): Promise<UnmetReason> {
    const fit = await this.readModel.searchFit(search);
    if (!fit.big) return UnmetReason.CAPACITY;
    if (!fit.equipped) return UnmetReason.FACILITY;
    if (!fit.secure) return UnmetReason.SECURITY_LEVEL;
    return UnmetReason.SLOT_TAKEN;
  }

  private async recordSearch(search: UnmetSearch, actorId: string | null): Promise<void> {
    const reason = await this.searchReason(search);
    await this.dataSource.query(
      `INSERT INTO unmet_demand (source, reason, subdistrict_id, venue_id, wanted_from, wanted_until, attendees, actor_id, recorded_at)
       VALUES (?, ?, ?, NULL, ?, ?, ?, ?, UTC_TIMESTAMP(3))`,
      [
        UnmetSource.SEARCH,
        reason,
        search.subdistrictId ?? null,
        search.startsAt,
        search.endsAt,
        search.attendees,
        actorId,
      ],
    );
  }

  private background(work: Promise<void>, what: string): void {
    work.catch((error: unknown) =>
      this.logger.warn({ err: error }, `unmet demand (${what}) not recorded`),
    );
  }
}
