import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, In, Repository } from 'typeorm';
import { insertEntities, writeOutbox } from '@app/database';
import { VenueAuditAction, VenueAuditEntity } from './venue-audit.entity';

/** The steps whose outbox event tells someone (see libs/notifications, venue notices). */
const ANNOUNCED = new Set<VenueAuditAction>([
  VenueAuditAction.SUBMITTED,
  VenueAuditAction.APPROVED,
  VenueAuditAction.REJECTED,
  VenueAuditAction.SUSPENDED,
  VenueAuditAction.CHANGE_REQUESTED,
  VenueAuditAction.CHANGE_APPROVED,
  VenueAuditAction.CHANGE_REJECTED,
  VenueAuditAction.BLACKOUT_ADDED,
]);

/** What a venue step's outbox event `venue.<action>` carries. */
export interface VenueEventPayload {
  venueId: string;
  subdistrictId: string;
  actorId: string | null;
  reason: string | null;
  changes: VenueAuditEntity['changes'];
}

export type NewVenueAuditEntry = Omit<VenueAuditEntity, 'id'>;

/** The venue audit trail, and the outbox events of the steps that tell someone. */
@Injectable()
export class VenueAuditRepository {
  constructor(
    @InjectRepository(VenueAuditEntity) private readonly audit: Repository<VenueAuditEntity>,
  ) {}

  /** In the step's transaction; announce: false records the steps but tells nobody. */
  async record(
    manager: EntityManager,
    subdistrictId: string,
    entries: NewVenueAuditEntry[],
    announce: boolean,
  ): Promise<void> {
    if (!entries.length) return;
    await insertEntities(
      manager,
      VenueAuditEntity,
      entries.map((entry) => Object.assign(new VenueAuditEntity(), entry)),
    );
    if (!announce) return;
    await writeOutbox(
      manager,
      entries
        .filter(
          (entry) =>
            ANNOUNCED.has(entry.action) ||
            // New opening hours may leave bookings outside them: those behind them must hear.
            (entry.action === VenueAuditAction.UPDATED &&
              entry.changes.some((change) => change.field === 'openingHours')),
        )
        .map((entry) => ({
          aggregateType: 'venue',
          aggregateId: entry.venueId,
          eventType: `venue.${entry.action}`,
          payload: {
            venueId: entry.venueId,
            subdistrictId,
            actorId: entry.actorId,
            reason: entry.reason,
            changes: entry.changes,
          } satisfies VenueEventPayload,
        })),
    );
  }

  /** Each venue's trail, oldest first. */
  async ofVenues(venueIds: readonly string[]): Promise<VenueAuditEntity[]> {
    if (!venueIds.length) return [];
    return this.audit.find({ where: { venueId: In([...venueIds]) }, order: { id: 'ASC' } });
  }
}
