import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Actor } from '@app/auth';
import { isValidTimeZone } from '@app/common';
import { TransactionRunner } from '@app/database';
import { BlackoutEntity } from './blackout.entity';
import { SubdistrictsRepository } from './subdistricts.repository';
import { canReview } from './venue-access.policy';
import { FacilitySpec, NewVenue, VENUE_DEFAULTS, VenueChanges } from './venue-details';
import { VenueStatus } from './venue-enums';
import { VenueFacilityEntity } from './venue-facility.entity';
import { VenueEntity } from './venue.entity';
import { badVenueInput, VenueError, VenueErrorCode } from './venues.errors';
import { VenuesRepository } from './venues.repository';
import { OpeningPeriod, parseOpeningHours } from './weekly-hours';

/** Longest blackout accepted in one piece. */
const MAX_BLACKOUT_DAYS = 366;

/** Registering, editing and the review lifecycle of venues: DRAFT → PENDING_REVIEW → ACTIVE ⇄ SUSPENDED. */
@Injectable()
export class VenueInventoryService {
  constructor(
    private readonly venues: VenuesRepository,
    private readonly subdistricts: SubdistrictsRepository,
    private readonly transactions: TransactionRunner,
  ) {}

  async register(actor: Actor, input: NewVenue): Promise<VenueEntity> {
    if (!(await this.subdistricts.exists(input.subdistrictId))) {
      throw badVenueInput('subdistrictId', `Unknown subdistrict ${input.subdistrictId}`);
    }
    const now = new Date();
    const venue = Object.assign(new VenueEntity(), {
      subdistrictId: input.subdistrictId,
      status: VenueStatus.DRAFT,
      statusReason: null,
      version: 1,
      createdBy: actor.userId,
      createdAt: now,
      updatedAt: now,
      standingCapacity: null,
      contactName: null,
      contactPhone: null,
      contactEmail: null,
      ...VENUE_DEFAULTS,
    });
    const children = prepareChildren(input);
    this.apply(venue, input);
    return this.transactions.run(async (manager) => {
      const saved = await this.venues.insert(manager, actor, venue);
      await this.writeChildren(manager, saved.id, children, true);
      return saved;
    });
  }

  async update(actor: Actor, id: string, changes: VenueChanges): Promise<VenueEntity> {
    const children = prepareChildren(changes);
    return this.change(actor, id, async (manager, venue) => {
      if (venue.status === VenueStatus.PENDING_REVIEW) {
        throw new VenueError(
          VenueErrorCode.INVALID_STATE,
          'A venue under review cannot be edited; wait for the review',
        );
      }
      this.apply(venue, changes);
      await this.writeChildren(manager, venue.id, children);
      return venue;
    });
  }

  submitForReview(actor: Actor, id: string): Promise<VenueEntity> {
    return this.change(actor, id, async (_manager, venue) => {
      this.transition(venue, [VenueStatus.DRAFT], VenueStatus.PENDING_REVIEW, null);
      return venue;
    });
  }

  review(actor: Actor, id: string, approve: boolean, reason?: string | null): Promise<VenueEntity> {
    this.assertReviewer(actor);
    const note = reason?.trim() || null;
    if (!approve && !note) throw badVenueInput('reason', 'Say why the venue is sent back');
    return this.change(actor, id, async (_manager, venue) => {
      this.transition(
        venue,
        [VenueStatus.PENDING_REVIEW],
        approve ? VenueStatus.ACTIVE : VenueStatus.DRAFT,
        note,
      );
      return venue;
    });
  }

  suspend(actor: Actor, id: string, reason: string): Promise<VenueEntity> {
    this.assertReviewer(actor);
    if (!reason.trim()) throw badVenueInput('reason', 'Say why the venue is suspended');
    return this.change(actor, id, async (_manager, venue) => {
      this.transition(venue, [VenueStatus.ACTIVE], VenueStatus.SUSPENDED, reason.trim());
      return venue;
    });
  }

  reinstate(actor: Actor, id: string): Promise<VenueEntity> {
    this.assertReviewer(actor);
    return this.change(actor, id, async (_manager, venue) => {
      this.transition(venue, [VenueStatus.SUSPENDED], VenueStatus.ACTIVE, null);
      return venue;
    });
  }

  async addBlackout(
    actor: Actor,
    venueId: string,
    startsAt: Date,
    endsAt: Date,
    reason: string,
  ): Promise<BlackoutEntity> {
    if (!(endsAt.getTime() > startsAt.getTime()))
      throw badVenueInput('endsAt', 'endsAt must be after startsAt');
    if (endsAt.getTime() - startsAt.getTime() > MAX_BLACKOUT_DAYS * 86_400_000) {
      throw badVenueInput('endsAt', `A blackout may last at most ${MAX_BLACKOUT_DAYS} days`);
    }
    if (!reason.trim()) throw badVenueInput('reason', 'Say why the venue is unavailable');
    return this.transactions.run(async (manager) => {
      await this.venues.lockForChange(manager, actor, venueId);
      return this.venues.insertBlackout(manager, {
        venueId,
        startsAt,
        endsAt,
        reason: reason.trim(),
        createdBy: actor.userId,
        createdAt: new Date(),
      });
    });
  }

  /** Locks the venue, lets work change it, then bumps its version and saves, in one transaction. */
  private change(
    actor: Actor,
    id: string,
    work: (manager: EntityManager, venue: VenueEntity) => Promise<VenueEntity>,
  ): Promise<VenueEntity> {
    return this.transactions.run(async (manager) => {
      const venue = await work(manager, await this.venues.lockForChange(manager, actor, id));
      venue.version += 1;
      venue.updatedAt = new Date();
      return this.venues.save(manager, venue);
    });
  }

  private transition(
    venue: VenueEntity,
    from: VenueStatus[],
    to: VenueStatus,
    reason: string | null,
  ): void {
    if (!from.includes(venue.status)) {
      throw new VenueError(
        VenueErrorCode.INVALID_STATE,
        `Venue ${venue.id} is ${venue.status}; only a ${from.join(' or ')} venue can become ${to}`,
      );
    }
    venue.status = to;
    venue.statusReason = reason;
  }

  private assertReviewer(actor: Actor): void {
    if (!canReview(actor))
      throw new VenueError(VenueErrorCode.FORBIDDEN, 'Only the district reviews venues');
  }

  /** Copies the stated details onto the venue after checking the rules across fields. */
  private apply(venue: VenueEntity, details: VenueChanges): VenueEntity {
    const { facilities: _f, openingHours: _o, ...scalars } = details;
    const defined = Object.fromEntries(
      Object.entries(scalars).filter(([, value]) => value !== undefined),
    );
    Object.assign(venue, defined);
    if (!isValidTimeZone(venue.timeZone))
      throw badVenueInput('timeZone', `Unknown time zone ${venue.timeZone}`);
    if (venue.minDurationMinutes > venue.maxDurationMinutes) {
      throw badVenueInput(
        'maxDurationMinutes',
        'maxDurationMinutes must not be below minDurationMinutes',
      );
    }
    for (const field of ['nameZh', 'nameEn', 'addressZh', 'addressEn'] as const) {
      venue[field] = venue[field].trim();
      if (!venue[field]) throw badVenueInput(field, `${field} must not be empty`);
    }
    return venue;
  }

  private async writeChildren(
    manager: EntityManager,
    venueId: string,
    children: VenueChildren,
    fresh = false,
  ): Promise<void> {
    const { facilities, openingHours } = children;
    if (facilities) await this.venues.replaceFacilities(manager, venueId, facilities, fresh);
    if (openingHours) await this.venues.replaceOpeningHours(manager, venueId, openingHours, fresh);
  }
}

interface VenueChildren {
  facilities?: Omit<VenueFacilityEntity, 'venueId'>[];
  openingHours?: OpeningPeriod[];
}

/** Validates facilities and opening hours before any transaction starts. */
function prepareChildren(details: VenueChanges): VenueChildren {
  return {
    facilities: details.facilities && facilityRows(details.facilities),
    openingHours: details.openingHours && parseOpeningHours(details.openingHours),
  };
}

function facilityRows(specs: FacilitySpec[]): Omit<VenueFacilityEntity, 'venueId'>[] {
  const seen = new Set<string>();
  return specs.map((spec, index) => {
    if (seen.has(spec.type))
      throw badVenueInput(`facilities[${index}].type`, `${spec.type} is listed twice`);
    seen.add(spec.type);
    return { type: spec.type, count: spec.count ?? 1 };
  });
}
