import { Injectable } from '@nestjs/common';
import { Actor } from '@app/auth';
import { groupsFor } from '@app/common';
import { Page, PageRequest } from '@app/database';
import { BlackoutEntity } from './blackout.entity';
import { OpeningHoursEntity } from './opening-hours.entity';
import { SubdistrictEntity } from './subdistrict.entity';
import { SubdistrictsRepository } from './subdistricts.repository';
import { VenueAuditEntity } from './venue-audit.entity';
import { VenueAuditRepository } from './venue-audit.repository';
import { VenueFacilityEntity } from './venue-facility.entity';
import { VenueFilter } from './venue-filter';
import { VenueEntity } from './venue.entity';
import { VenuesRepository } from './venues.repository';

const byVenue = (row: { venueId: string }) => row.venueId;

/** Reading the inventory: lists, single venues, and batched loads of their parts. */
@Injectable()
export class VenueCatalogService {
  constructor(
    private readonly venues: VenuesRepository,
    private readonly subdistrictsRepository: SubdistrictsRepository,
    private readonly audit: VenueAuditRepository,
  ) {}

  list(actor: Actor, filter: VenueFilter, page: PageRequest): Promise<Page<VenueEntity>> {
    return this.venues.list(actor, filter, page);
  }

  get(actor: Actor, id: string): Promise<VenueEntity | null> {
    return this.venues.findVisible(actor, id);
  }

  /** Whether the subdistrict has a venue of that English name (the demo seed adds what is missing). */
  existsNamed(subdistrictId: string, nameEn: string): Promise<boolean> {
    return this.venues.existsNamed(subdistrictId, nameEn);
  }

  subdistrictExists(id: string): Promise<boolean> {
    return this.subdistrictsRepository.exists(id);
  }

  subdistricts(): Promise<SubdistrictEntity[]> {
    return this.subdistrictsRepository.findAll();
  }

  /** Venues by id, whoever asks: for the system's own reads (another lib's rules, notices). */
  async byIds(ids: readonly string[]): Promise<Map<string, VenueEntity>> {
    const unique = [...new Set(ids)];
    const rows = unique.length ? await this.venues.findByIds(unique) : [];
    return new Map(rows.map((row) => [row.id, row]));
  }

  async byId(id: string): Promise<VenueEntity | null> {
    return (await this.byIds([id])).get(id) ?? null;
  }

  /** The batch functions below serve per-request DataLoaders: one query for a whole page. */
  async venuesByIds(ids: readonly string[]): Promise<(VenueEntity | undefined)[]> {
    const rows = await this.venues.findByIds(ids);
    const byId = new Map(rows.map((row) => [row.id, row]));
    return ids.map((id) => byId.get(id));
  }

  async subdistrictsByIds(ids: readonly string[]): Promise<(SubdistrictEntity | undefined)[]> {
    const rows = await this.subdistrictsRepository.findByIds(ids);
    const byId = new Map(rows.map((row) => [row.id, row]));
    return ids.map((id) => byId.get(id));
  }

  async facilitiesByVenueIds(venueIds: readonly string[]): Promise<VenueFacilityEntity[][]> {
    return groupsFor(venueIds, await this.venues.facilitiesOf(venueIds), byVenue);
  }

  async openingHoursByVenueIds(venueIds: readonly string[]): Promise<OpeningHoursEntity[][]> {
    return groupsFor(venueIds, await this.venues.openingHoursOf(venueIds), byVenue);
  }

  async upcomingBlackoutsByVenueIds(venueIds: readonly string[]): Promise<BlackoutEntity[][]> {
    return groupsFor(venueIds, await this.venues.blackoutsOf(venueIds, new Date()), byVenue);
  }

  /** Each venue's audit trail, oldest first; who may read it is the caller's to check. */
  async auditTrailsByVenueIds(venueIds: readonly string[]): Promise<VenueAuditEntity[][]> {
    return groupsFor(venueIds, await this.audit.ofVenues(venueIds), byVenue);
  }
}
