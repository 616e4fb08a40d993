import { Injectable } from '@nestjs/common';
import DataLoader from 'dataloader';
import { Actor, UserEntity, UsersService } from '@app/auth';
import {
  BookingAuditEntity,
  BookingEntity,
  BookingQueriesService,
  BookingReader,
} from '@app/bookings';
import { ServiceScore, VenueScoreService } from '@app/reports';
import {
  AssignmentEntity,
  AssignmentService,
  StaffAvailabilityEntity,
  StaffingRequirementEntity,
  StaffMemberEntity,
  StaffDirectoryService,
  StaffLanguagePairEntity,
  StaffLeaveEntity,
  StaffSkillEntity,
} from '@app/staffing';
import {
  BlackoutEntity,
  OpeningHoursEntity,
  SubdistrictEntity,
  VenueAuditEntity,
  VenueCatalogService,
  VenueEntity,
  VenueFacilityEntity,
} from '@app/venues';

/**
 * A DataLoader that also answers at once for what it has loaded. A field resolver returning
 * map(id, ...) has no promise once its value is loaded, so graphql-js completes each node of a
 * list without one, where the operation's resolver loaded the list's values first (prime).
 */
export class ReadyLoader<V> {
  private readonly loaded = new Map<string, V | undefined>();
  private readonly loader: DataLoader<string, V | undefined>;

  constructor(batch: (ids: readonly string[]) => Promise<(V | undefined)[]>) {
    this.loader = new DataLoader(async (ids) => {
      const values = await batch(ids);
      ids.forEach((id, i) => this.loaded.set(id, values[i]));
      return values;
    });
  }

  load(id: string): Promise<V | undefined> {
    return this.loader.load(id);
  }

  /** Loads them all in one batch, for fields read next; a failure is left to those fields. */
  async prime(ids: readonly string[]): Promise<void> {
    await this.loader.loadMany(ids);
  }

  /** `then` of the value: at once when it is loaded already, else once it is. */
  map<R>(id: string, then: (value: V | undefined) => R): R | Promise<R> {
    return this.loaded.has(id) ? then(this.loaded.get(id)) : this.loader.load(id).then(then);
  }
}

/** Batching loaders, made anew for every request so nothing is cached across callers. */
export interface Loaders {
  subdistrict: DataLoader<string, SubdistrictEntity | undefined>;
  venue: ReadyLoader<VenueEntity>;
  user: ReadyLoader<UserEntity>;
  venueFacilities: DataLoader<string, VenueFacilityEntity[]>;
  venueOpeningHours: DataLoader<string, OpeningHoursEntity[]>;
  venueBlackouts: DataLoader<string, BlackoutEntity[]>;
  venueAudit: DataLoader<string, VenueAuditEntity[]>;
  bookingAudit: DataLoader<string, BookingAuditEntity[]>;
  staffLanguagePairs: DataLoader<string, StaffLanguagePairEntity[]>;
  staffSkills: DataLoader<string, StaffSkillEntity[]>;
  staffAvailability: DataLoader<string, StaffAvailabilityEntity[]>;
  staffLeave: DataLoader<string, StaffLeaveEntity[]>;
  staffMember: DataLoader<string, StaffMemberEntity | undefined>;
  requirement: DataLoader<string, StaffingRequirementEntity | undefined>;
  requirementAssignments: DataLoader<string, AssignmentEntity[]>;
  venueScore: DataLoader<string, ServiceScore | undefined>;
  /** Bookings as the caller may see them (undefined where not). */
  bookingFor(actor: Actor): DataLoader<string, BookingEntity | undefined>;
  /**
   * Bookings whoever asks, for fields whose parent already decided who may read them (the
   * event of an assignment the caller can reach).
   */
  booking: DataLoader<string, BookingEntity | undefined>;
}

@Injectable()
export class LoadersFactory {
  constructor(
    private readonly venues: VenueCatalogService,
    private readonly users: UsersService,
    private readonly bookings: BookingQueriesService,
    private readonly bookingReader: BookingReader,
    private readonly staff: StaffDirectoryService,
    private readonly assignments: AssignmentService,
    private readonly scores: VenueScoreService,
  ) {}

  create(): Loaders {
    const bookingLoaders = new Map<string, DataLoader<string, BookingEntity | undefined>>();
    return {
      bookingFor: (actor) => {
        let loader = bookingLoaders.get(actor.userId);
        if (!loader) {
          loader = new DataLoader((ids) => this.bookings.getMany(actor, ids));
          bookingLoaders.set(actor.userId, loader);
        }
        return loader;
      },
      booking: new DataLoader(async (ids) => {
        const byId = new Map((await this.bookingReader.byIds(ids)).map((b) => [b.id, b]));
        return ids.map((id) => byId.get(id));
      }),
      subdistrict: new DataLoader((ids) => this.venues.subdistrictsByIds(ids)),
      venue: new ReadyLoader((ids) => this.venues.venuesByIds(ids)),
      user: new ReadyLoader(async (ids) => {
        const byId = new Map((await this.users.findByIds(ids)).map((user) => [user.id, user]));
        return ids.map((id) => byId.get(id));
      }),
      venueFacilities: new DataLoader((ids) => this.venues.facilitiesByVenueIds(ids)),
      venueOpeningHours: new DataLoader((ids) => this.venues.openingHoursByVenueIds(ids)),
      venueBlackouts: new DataLoader((ids) => this.venues.upcomingBlackoutsByVenueIds(ids)),
      venueAudit: new DataLoader((ids) => this.venues.auditTrailsByVenueIds(ids)),
      bookingAudit: new DataLoader((ids) => this.bookings.auditTrails(ids)),
      staffLanguagePairs: new DataLoader((ids) => this.staff.languagePairsByStaffIds(ids)),
      staffSkills: new DataLoader((ids) => this.staff.skillsByStaffIds(ids)),
      staffAvailability: new DataLoader((ids) => this.staff.availabilityByStaffIds(ids)),
      staffLeave: new DataLoader((ids) => this.staff.leaveByStaffIds(ids)),
      staffMember: new DataLoader((ids) => this.staff.membersByIds(ids)),
      requirement: new DataLoader((ids) => this.staff.requirementsByIds(ids)),
      requirementAssignments: new DataLoader((ids) => this.assignments.byRequirementIds(ids)),
      venueScore: new DataLoader(async (ids) => {
        const scores = await this.scores.scoresOf(ids);
        return ids.map((id) => scores.get(id));
      }),
    };
  }
}
