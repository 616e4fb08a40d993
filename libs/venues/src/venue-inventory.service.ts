import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Actor } from '@app/auth';
import { inputMessages, isValidTimeZone } from '@app/common';
import { TransactionRunner } from '@app/database';
import { BlackoutEntity } from './blackout.entity';
import { SubdistrictsRepository } from './subdistricts.repository';
import { canReview } from './venue-access.policy';
import { VenueAuditAction } from './venue-audit.entity';
import { NewVenueAuditEntry, VenueAuditRepository } from './venue-audit.repository';
import {
  editNeedsReview,
  facilityRowsOf,
  fieldChanges,
  ProposedVenueValues,
  proposedValues,
  REVIEWED_FIELDS,
  ReviewedValues,
} from './venue-change';
import { FacilitySpec, NewVenue, VENUE_DEFAULTS, VenueChanges } from './venue-details';
import { VenueStatus } from './venue-enums';
import { VenueFacilityEntity } from './venue-facility.entity';
import { VenueEntity } from './venue.entity';
import { badVenueInput, VenueError, VenueErrorCode } from './venues.errors';
import { venueMessages } from './venues.messages';
import { VenuesRepository } from './venues.repository';
import { OpeningPeriod, parseOpeningHours } from './weekly-hours';

/** Longest blackout accepted in one piece. */
const MAX_BLACKOUT_DAYS = 366;

/** Every field an owner states, in the order the audit trail lists their changes. */
const AUDITED_FIELDS = [
  'nameZh',
  'nameEn',
  'addressZh',
  'addressEn',
  'kind',
  'seatedCapacity',
  'standingCapacity',
  'securityLevel',
  'facilities',
  'timeZone',
  'openingHours',
  'setupMinutes',
  'teardownMinutes',
  'minNoticeHours',
  'maxAdvanceDays',
  'minDurationMinutes',
  'maxDurationMinutes',
  'requiresApproval',
  'contactName',
  'contactPhone',
  'contactEmail',
] as const;

export interface VenueStepOptions {
  /** False: the step is recorded in the audit trail but tells nobody (the demo seed). */
  announce?: boolean;
}

/** One step to record: the audit entry less what the change fills in. */
type Step = Pick<NewVenueAuditEntry, 'action'> &
  Partial<Pick<NewVenueAuditEntry, 'reason' | 'changes'>>;

/** Registering, editing and the review lifecycle of venues: DRAFT → PENDING_REVIEW → ACTIVE ⇄ SUSPENDED. */
@Injectable()
export class VenueInventoryService {
  constructor(
    private readonly venues: VenuesRepository,
    private readonly subdistricts: SubdistrictsRepository,
    private readonly audit: VenueAuditRepository,
    private readonly transactions: TransactionRunner,
  ) {}

  async register(actor: Actor, input: NewVenue): Promise<VenueEntity> {
    if (!(await this.subdistricts.exists(input.subdistrictId))) {
      throw badVenueInput('subdistrictId', venueMessages.unknownSubdistrict(input.subdistrictId));
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
      pendingChange: null,
      pendingChangeBy: null,
      pendingChangeAt: null,
      ...VENUE_DEFAULTS,
    });
    const children = prepareChildren(input);
    this.apply(venue, input);
    return this.transactions.run(async (manager) => {
      const saved = await this.venues.insert(manager, actor, venue);
      await this.writeChildren(manager, saved.id, children, true);
      await this.audit.record(
        manager,
        saved.subdistrictId,
        [
          {
            venueId: saved.id,
            at: now,
            actorId: actor.userId,
            action: VenueAuditAction.REGISTERED,
            fromStatus: null,
            toStatus: saved.status,
            reason: null,
            changes: [],
          },
        ],
        false,
      );
      return saved;
    });
  }

  /**
   * Edits apply at once, except the reviewed facts (security level, capacity, facilities) of a
   * reviewed venue edited by its subdistrict: those become the venue's pending change, merged
   * with any change already waiting, for the district to approve or reject.
   */
  async update(actor: Actor, id: string, changes: VenueChanges): Promise<VenueEntity> {
    const children = prepareChildren(changes);
    return this.change(actor, id, async (manager, venue, steps) => {
      if (venue.status === VenueStatus.PENDING_REVIEW) {
        throw new VenueError(VenueErrorCode.INVALID_STATE, venueMessages.underReview());
      }
      const review = editNeedsReview(venue, canReview(actor));
      const proposed: ProposedVenueValues = {};
      let immediate: VenueChanges = changes;
      let immediateChildren: VenueChildren = children;
      if (review) {
        const {
          securityLevel,
          seatedCapacity,
          standingCapacity,
          facilities: _f,
          ...rest
        } = changes;
        Object.assign(
          proposed,
          Object.fromEntries(
            Object.entries({ securityLevel, seatedCapacity, standingCapacity }).filter(
              ([, value]) => value !== undefined,
            ),
          ),
        );
        if (children.facilities) proposed.facilities = children.facilities;
        immediate = rest;
        immediateChildren = { openingHours: children.openingHours };
      }
      const before = await this.details(manager, venue, immediateChildren);
      this.apply(venue, immediate);
      await this.writeChildren(manager, venue.id, immediateChildren);
      const after = {
        ...venue,
        facilities: immediateChildren.facilities ?? before.facilities,
        openingHours: immediateChildren.openingHours ?? before.openingHours,
      };
      const edited = fieldChanges(AUDITED_FIELDS, before, after);
      if (edited.length) steps.push({ action: VenueAuditAction.UPDATED, changes: edited });
      if (Object.keys(proposed).length) {
        const step = await this.propose(manager, actor, venue, proposed);
        if (step) steps.push(step);
      }
      return venue;
    });
  }

  /**
   * Merges proposed values into the venue's pending change; values equal to the reviewed ones
   * drop out of it. A step when the pending change is new or different, else null.
   */
  private async propose(
    manager: EntityManager,
    actor: Actor,
    venue: VenueEntity,
    proposed: ProposedVenueValues,
  ): Promise<Step | null> {
    const current = await this.reviewedValues(manager, venue);
    const merged: ProposedVenueValues = { ...(venue.pendingChange ?? {}), ...proposed };
    const differing = REVIEWED_FIELDS.filter(
      (field) => field in merged && fieldChanges([field], current, merged).length > 0,
    );
    const next = differing.length
      ? (Object.fromEntries(
          differing.map((field) => [field, merged[field]]),
        ) as ProposedVenueValues)
      : null;
    const was = venue.pendingChange;
    if (
      fieldChanges(REVIEWED_FIELDS, proposedValues(current, was), proposedValues(current, next))
        .length === 0 &&
      (was === null) === (next === null)
    ) {
      return null;
    }
    venue.pendingChange = next;
    venue.pendingChangeBy = next ? actor.userId : null;
    venue.pendingChangeAt = next ? new Date() : null;
    if (!next) return { action: VenueAuditAction.CHANGE_WITHDRAWN };
    return {
      action: VenueAuditAction.CHANGE_REQUESTED,
      changes: fieldChanges(differing, current, next),
    };
  }

  /** The district decides the venue's pending change: approving applies it, rejecting drops it. */
  reviewChange(
    actor: Actor,
    id: string,
    approve: boolean,
    reason?: string | null,
  ): Promise<VenueEntity> {
    this.assertReviewer(actor);
    const note = reason?.trim() || null;
    if (!approve && !note) throw badVenueInput('reason', venueMessages.sayWhyChangeRejected());
    return this.change(actor, id, async (manager, venue, steps) => {
      const pending = venue.pendingChange;
      if (!pending) {
        throw new VenueError(VenueErrorCode.INVALID_STATE, venueMessages.noChangeWaiting(venue.id));
      }
      const current = await this.reviewedValues(manager, venue);
      const changes = fieldChanges(REVIEWED_FIELDS, current, proposedValues(current, pending));
      if (approve) {
        const { facilities, ...scalars } = pending;
        Object.assign(venue, scalars);
        if (facilities) await this.venues.replaceFacilities(manager, venue.id, facilities);
      }
      venue.pendingChange = null;
      venue.pendingChangeBy = null;
      venue.pendingChangeAt = null;
      steps.push({
        action: approve ? VenueAuditAction.CHANGE_APPROVED : VenueAuditAction.CHANGE_REJECTED,
        reason: note,
        changes,
      });
      return venue;
    });
  }

  submitForReview(actor: Actor, id: string, options?: VenueStepOptions): Promise<VenueEntity> {
    return this.change(
      actor,
      id,
      async (_manager, venue, steps) => {
        this.transition(venue, [VenueStatus.DRAFT], VenueStatus.PENDING_REVIEW, null);
        steps.push({ action: VenueAuditAction.SUBMITTED });
        return venue;
      },
      options,
    );
  }

  review(
    actor: Actor,
    id: string,
    approve: boolean,
    reason?: string | null,
    options?: VenueStepOptions,
  ): Promise<VenueEntity> {
    this.assertReviewer(actor);
    const note = reason?.trim() || null;
    if (!approve && !note) throw badVenueInput('reason', venueMessages.sayWhySentBack());
    return this.change(
      actor,
      id,
      async (_manager, venue, steps) => {
        this.transition(
          venue,
          [VenueStatus.PENDING_REVIEW],
          approve ? VenueStatus.ACTIVE : VenueStatus.DRAFT,
          note,
        );
        steps.push({
          action: approve ? VenueAuditAction.APPROVED : VenueAuditAction.REJECTED,
          reason: note,
        });
        return venue;
      },
      options,
    );
  }

  suspend(
    actor: Actor,
    id: string,
    reason: string,
    options?: VenueStepOptions,
  ): Promise<VenueEntity> {
    this.assertReviewer(actor);
    if (!reason.trim()) throw badVenueInput('reason', venueMessages.sayWhySuspended());
    return this.change(
      actor,
      id,
      async (_manager, venue, steps) => {
        this.transition(venue, [VenueStatus.ACTIVE], VenueStatus.SUSPENDED, reason.trim());
        steps.push({ action: VenueAuditAction.SUSPENDED, reason: reason.trim() });
        return venue;
      },
      options,
    );
  }

  reinstate(actor: Actor, id: string): Promise<VenueEntity> {
    this.assertReviewer(actor);
    return this.change(actor, id, async (_manager, venue, steps) => {
      this.transition(venue, [VenueStatus.SUSPENDED], VenueStatus.ACTIVE, null);
      steps.push({ action: VenueAuditAction.REINSTATED });
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
      throw badVenueInput('endsAt', inputMessages.mustBeAfter('endsAt', 'startsAt'));
    if (endsAt.getTime() - startsAt.getTime() > MAX_BLACKOUT_DAYS * 86_400_000) {
      throw badVenueInput('endsAt', venueMessages.blackoutTooLong(MAX_BLACKOUT_DAYS));
    }
    if (!reason.trim()) throw badVenueInput('reason', venueMessages.sayWhyUnavailable());
    return this.transactions.run(async (manager) => {
      const venue = await this.venues.lockForChange(manager, actor, venueId);
      const now = new Date();
      const blackout = await this.venues.insertBlackout(manager, {
        venueId,
        startsAt,
        endsAt,
        reason: reason.trim(),
        createdBy: actor.userId,
        createdAt: now,
      });
      // In the trail, and announced: the bookings it covers must be moved (venue notices).
      await this.audit.record(
        manager,
        venue.subdistrictId,
        [
          {
            venueId,
            at: now,
            actorId: actor.userId,
            fromStatus: venue.status,
            toStatus: venue.status,
            action: VenueAuditAction.BLACKOUT_ADDED,
            reason: blackout.reason,
            changes: [
              { field: 'blackoutStartsAt', from: null, to: startsAt.toISOString() },
              { field: 'blackoutEndsAt', from: null, to: endsAt.toISOString() },
            ],
          },
        ],
        true,
      );
      return blackout;
    });
  }

  /**
   * Locks the venue, lets work change it and name its steps, then bumps its version, saves and
   * records the steps (audit trail and outbox), in one transaction.
   */
  private change(
    actor: Actor,
    id: string,
    work: (manager: EntityManager, venue: VenueEntity, steps: Step[]) => Promise<VenueEntity>,
    options: VenueStepOptions = {},
  ): Promise<VenueEntity> {
    return this.transactions.run(async (manager) => {
      const locked = await this.venues.lockForChange(manager, actor, id);
      const fromStatus = locked.status;
      const steps: Step[] = [];
      const venue = await work(manager, locked, steps);
      venue.version += 1;
      venue.updatedAt = new Date();
      const saved = await this.venues.save(manager, venue);
      await this.audit.record(
        manager,
        saved.subdistrictId,
        steps.map((step) => ({
          venueId: saved.id,
          at: saved.updatedAt,
          actorId: actor.userId,
          fromStatus,
          toStatus: saved.status,
          reason: null,
          changes: [],
          ...step,
        })),
        options.announce !== false,
      );
      return saved;
    });
  }

  /** The venue's reviewed facts as they stand, its facilities read in the transaction. */
  private async reviewedValues(
    manager: EntityManager,
    venue: VenueEntity,
  ): Promise<ReviewedValues> {
    return {
      securityLevel: venue.securityLevel,
      seatedCapacity: venue.seatedCapacity,
      standingCapacity: venue.standingCapacity,
      facilities: facilityRowsOf(await this.venues.facilitiesIn(manager, venue.id)),
    };
  }

  /** The venue's details before an edit, its facilities and hours read only when the edit names them. */
  private async details(
    manager: EntityManager,
    venue: VenueEntity,
    children: VenueChildren,
  ): Promise<Record<string, unknown>> {
    return {
      ...venue,
      facilities: children.facilities
        ? facilityRowsOf(await this.venues.facilitiesIn(manager, venue.id))
        : undefined,
      openingHours: children.openingHours
        ? await this.venues.openingHoursIn(manager, venue.id)
        : undefined,
    };
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
        venueMessages.cannotBecome(venue.id, venue.status, from, to),
      );
    }
    venue.status = to;
    venue.statusReason = reason;
  }

  private assertReviewer(actor: Actor): void {
    if (!canReview(actor))
      throw new VenueError(VenueErrorCode.FORBIDDEN, venueMessages.onlyDistrictReviews());
  }

  /** Copies the stated details onto the venue after checking the rules across fields. */
  private apply(venue: VenueEntity, details: VenueChanges): VenueEntity {
    const { facilities: _f, openingHours: _o, ...scalars } = details;
    const defined = Object.fromEntries(
      Object.entries(scalars).filter(([, value]) => value !== undefined),
    );
    Object.assign(venue, defined);
    if (!isValidTimeZone(venue.timeZone))
      throw badVenueInput('timeZone', inputMessages.unknownTimeZone(venue.timeZone));
    if (venue.minDurationMinutes > venue.maxDurationMinutes) {
      throw badVenueInput('maxDurationMinutes', venueMessages.durationsInverted());
    }
    for (const field of ['nameZh', 'nameEn', 'addressZh', 'addressEn'] as const) {
      venue[field] = venue[field].trim();
      if (!venue[field]) throw badVenueInput(field, inputMessages.mustNotBeEmpty(field));
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
      throw badVenueInput(`facilities[${index}].type`, inputMessages.listedTwice(spec.type));
    seen.add(spec.type);
    return { type: spec.type, count: spec.count ?? 1 };
  });
}
