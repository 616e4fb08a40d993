import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Brackets, EntityManager, In, MoreThan, Repository, SelectQueryBuilder } from 'typeorm';
import { Actor } from '@app/auth';
import { keysetPage, Page, PageRequest, selectEntities } from '@app/database';
import { BlackoutEntity } from './blackout.entity';
import { OpeningHoursEntity } from './opening-hours.entity';
import { canManage, canSee, visibilityFor } from './venue-access.policy';
import { VenueStatus } from './venue-enums';
import { VenueFacilityEntity } from './venue-facility.entity';
import { VenueFilter } from './venue-filter';
import { VenueEntity } from './venue.entity';
import { VenueError, VenueErrorCode } from './venues.errors';
import { venueMessages } from './venues.messages';

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** Venue persistence. Every read and every change takes the caller, and applies their scope. */
@Injectable()
export class VenuesRepository {
  constructor(
    @InjectRepository(VenueEntity) private readonly venues: Repository<VenueEntity>,
    @InjectRepository(VenueFacilityEntity)
    private readonly facilities: Repository<VenueFacilityEntity>,
    @InjectRepository(OpeningHoursEntity)
    private readonly openingHours: Repository<OpeningHoursEntity>,
    @InjectRepository(BlackoutEntity) private readonly blackouts: Repository<BlackoutEntity>,
  ) {}

  list(actor: Actor, filter: VenueFilter, page: PageRequest): Promise<Page<VenueEntity>> {
    const query = this.visibleTo(actor, this.venues.createQueryBuilder('v'));
    this.applyFilter(query, filter);
    return keysetPage(query, page);
  }

  /**
   * Unscoped: for venues already reached through something the caller may see (a booking). SQL
   * made once (selectEntities): every page of bookings reads its venues here.
   */
  async findByIds(ids: readonly string[]): Promise<VenueEntity[]> {
    if (!ids.length) return [];
    const rows = await selectEntities(this.venues.manager, VenueEntity, {
      sql: 'e.id IN (?)',
      params: [ids],
    });
    return rows.map((row) => row.entity);
  }

  existsNamed(subdistrictId: string, nameEn: string): Promise<boolean> {
    return this.venues.existsBy({ subdistrictId, nameEn });
  }

  async findVisible(actor: Actor, id: string): Promise<VenueEntity | null> {
    const venue = await this.venues.findOneBy({ id });
    return venue && canSee(actor, venue) ? venue : null;
  }

  /**
   * Locks the venue row for a change inside the caller's transaction, and checks the caller may
   * change it: a venue of another subdistrict is FORBIDDEN (even a draft they cannot read).
   */
  async lockForChange(manager: EntityManager, actor: Actor, id: string): Promise<VenueEntity> {
    const venue = await manager
      .getRepository(VenueEntity)
      .createQueryBuilder('v')
      .setLock('pessimistic_write')
      .where('v.id = :id', { id })
      .getOne();
    if (!venue) throw new VenueError(VenueErrorCode.NOT_FOUND, venueMessages.noVenue(id), 'id');
    if (!canManage(actor, venue.subdistrictId)) {
      throw new VenueError(VenueErrorCode.FORBIDDEN, venueMessages.ofAnotherSubdistrict(venue.id));
    }
    return venue;
  }

  /** A new venue, only in a subdistrict the caller manages. */
  async insert(manager: EntityManager, actor: Actor, venue: VenueEntity): Promise<VenueEntity> {
    if (!canManage(actor, venue.subdistrictId)) {
      throw new VenueError(
        VenueErrorCode.FORBIDDEN,
        venueMessages.registerInOwnSubdistrict(),
        'subdistrictId',
      );
    }
    return manager.getRepository(VenueEntity).save(venue);
  }

  /** Saves a venue obtained from lockForChange in the same transaction. */
  async save(manager: EntityManager, venue: VenueEntity): Promise<VenueEntity> {
    return manager.getRepository(VenueEntity).save(venue);
  }

  /** fresh: the venue was just inserted, so there is nothing to delete (and no gap locks to take). */
  async replaceFacilities(
    manager: EntityManager,
    venueId: string,
    rows: Omit<VenueFacilityEntity, 'venueId'>[],
    fresh = false,
  ): Promise<void> {
    const repository = manager.getRepository(VenueFacilityEntity);
    if (!fresh) await repository.delete({ venueId });
    if (rows.length) await repository.insert(rows.map((row) => ({ ...row, venueId })));
  }

  async replaceOpeningHours(
    manager: EntityManager,
    venueId: string,
    rows: Omit<OpeningHoursEntity, 'id' | 'venueId'>[],
    fresh = false,
  ): Promise<void> {
    const repository = manager.getRepository(OpeningHoursEntity);
    if (!fresh) await repository.delete({ venueId });
    if (rows.length) await repository.insert(rows.map((row) => ({ ...row, venueId })));
  }

  async insertBlackout(
    manager: EntityManager,
    blackout: Omit<BlackoutEntity, 'id'>,
  ): Promise<BlackoutEntity> {
    return manager
      .getRepository(BlackoutEntity)
      .save(manager.getRepository(BlackoutEntity).create(blackout));
  }

  /** One venue's facilities, read in the caller's transaction. */
  facilitiesIn(manager: EntityManager, venueId: string): Promise<VenueFacilityEntity[]> {
    return manager
      .getRepository(VenueFacilityEntity)
      .find({ where: { venueId }, order: { type: 'ASC' } });
  }

  openingHoursIn(manager: EntityManager, venueId: string): Promise<OpeningHoursEntity[]> {
    return manager
      .getRepository(OpeningHoursEntity)
      .find({ where: { venueId }, order: { weekday: 'ASC', opensMinute: 'ASC' } });
  }

  facilitiesOf(venueIds: readonly string[]): Promise<VenueFacilityEntity[]> {
    return this.facilities.find({ where: { venueId: In([...venueIds]) }, order: { type: 'ASC' } });
  }

  openingHoursOf(venueIds: readonly string[]): Promise<OpeningHoursEntity[]> {
    return this.openingHours.find({
      where: { venueId: In([...venueIds]) },
      order: { weekday: 'ASC', opensMinute: 'ASC' },
    });
  }

  blackoutsOf(venueIds: readonly string[], endingAfter: Date): Promise<BlackoutEntity[]> {
    return this.blackouts.find({
      where: { venueId: In([...venueIds]), endsAt: MoreThan(endingAfter) },
      order: { startsAt: 'ASC' },
    });
  }

  private visibleTo(
    actor: Actor,
    query: SelectQueryBuilder<VenueEntity>,
  ): SelectQueryBuilder<VenueEntity> {
    const { activeOnlyExcept } = visibilityFor(actor);
    if (activeOnlyExcept === null) return query;
    return query.where(
      new Brackets((q) => {
        q.where('v.status = :active', { active: VenueStatus.ACTIVE });
        if (activeOnlyExcept.subdistrictId) {
          q.orWhere('v.subdistrict_id = :ownSubdistrict', {
            ownSubdistrict: activeOnlyExcept.subdistrictId,
          });
        }
      }),
    );
  }

  private applyFilter(query: SelectQueryBuilder<VenueEntity>, filter: VenueFilter): void {
    if (filter.subdistrictId)
      query.andWhere('v.subdistrict_id = :subdistrictId', { subdistrictId: filter.subdistrictId });
    if (filter.kind) query.andWhere('v.kind = :kind', { kind: filter.kind });
    if (filter.status) query.andWhere('v.status = :status', { status: filter.status });
    if (filter.minCapacity !== undefined)
      query.andWhere('v.seated_capacity >= :minCapacity', { minCapacity: filter.minCapacity });
    if (filter.minSecurityLevel !== undefined) {
      query.andWhere('v.security_level >= :minSecurityLevel', {
        minSecurityLevel: filter.minSecurityLevel,
      });
    }
    const facilities = [...new Set(filter.facilities ?? [])];
    facilities.forEach((type, i) => {
      query.andWhere(
        `EXISTS (SELECT 1 FROM venue_facilities f${i} WHERE f${i}.venue_id = v.id AND f${i}.type = :facility${i} AND f${i}.count > 0)`,
        { [`facility${i}`]: type },
      );
    });
    const text = filter.text?.trim();
    if (text) {
      query.andWhere(
        new Brackets((q) => {
          for (const column of ['name_zh', 'name_en', 'address_zh', 'address_en']) {
            q.orWhere(`v.${column} LIKE :text`, { text: `%${escapeLike(text)}%` });
          }
        }),
      );
    }
  }
}
