import { Injectable } from '@nestjs/common';
import { Actor } from '@app/auth';
import { BookingEntity, BookingQueriesService, BookingStatus } from '@app/bookings';
import { TransactionRunner } from '@app/database';
import { BookableVenueReader } from '@app/venues';
import { EntityManager } from 'typeorm';
import { deriveRequirements, ruleKeyOf } from './requirement-rules';
import { RequirementStatus, StaffingRequirementEntity } from './staffing-requirement.entity';
import { StaffingError, StaffingErrorCode } from './staffing.errors';

/**
 * Keeps each booking's staffing requirements in line with the booking: derived from the rule
 * table while it is APPROVED (a reschedule moves them, an override keeps its headcount), and
 * released when it is not. Reconciling is idempotent, so it may run whenever it is needed.
 */
@Injectable()
export class StaffingRequirementsService {
  constructor(
    private readonly bookings: BookingQueriesService,
    private readonly venues: BookableVenueReader,
    private readonly transactions: TransactionRunner,
  ) {}

  /** The open requirements of a booking the caller may see. */
  async forBooking(actor: Actor, bookingId: string): Promise<StaffingRequirementEntity[]> {
    const booking = await this.bookings.get(actor, bookingId);
    if (!booking)
      throw new StaffingError(StaffingErrorCode.NOT_FOUND, `No booking ${bookingId}`, 'bookingId');
    const requirements = await this.reconcile(booking.id);
    return requirements.filter((requirement) => requirement.status === RequirementStatus.OPEN);
  }

  async bookingOf(actor: Actor, bookingId: string): Promise<BookingEntity> {
    const booking = await this.bookings.get(actor, bookingId);
    if (!booking)
      throw new StaffingError(StaffingErrorCode.NOT_FOUND, `No booking ${bookingId}`, 'bookingId');
    return booking;
  }

  /** Brings one booking's requirements up to date, under the booking's row lock. */
  reconcile(bookingId: string): Promise<StaffingRequirementEntity[]> {
    return this.transactions.run(async (manager) => {
      const booking = await manager
        .getRepository(BookingEntity)
        .createQueryBuilder('b')
        .setLock('pessimistic_write')
        .where('b.id = :bookingId', { bookingId })
        .getOneOrFail();
      const repository = manager.getRepository(StaffingRequirementEntity);
      const existing = await repository.find({ where: { bookingId }, order: { id: 'ASC' } });
      if (existing.length && existing.every((r) => r.derivedFromVersion === booking.version))
        return existing;

      const now = new Date();
      const specs =
        booking.status === BookingStatus.APPROVED ? await this.specsFor(manager, booking) : [];
      const byKey = new Map(existing.map((requirement) => [requirement.ruleKey, requirement]));
      const wanted = new Set<string>();
      for (const spec of specs) {
        const ruleKey = ruleKeyOf(spec);
        wanted.add(ruleKey);
        const current =
          byKey.get(ruleKey) ??
          Object.assign(new StaffingRequirementEntity(), {
            bookingId,
            ruleKey,
            overridden: false,
            createdAt: now,
          });
        const { headcount, ...rest } = spec;
        Object.assign(current, rest, {
          headcount: current.overridden ? current.headcount : headcount,
          status: RequirementStatus.OPEN,
          derivedFromVersion: booking.version,
          updatedAt: now,
        });
        byKey.set(ruleKey, current);
      }
      for (const [ruleKey, requirement] of byKey) {
        if (wanted.has(ruleKey)) continue;
        Object.assign(requirement, {
          status: RequirementStatus.RELEASED,
          derivedFromVersion: booking.version,
          updatedAt: now,
        });
      }
      return repository.save([...byKey.values()]);
    });
  }

  private async specsFor(manager: EntityManager, booking: BookingEntity) {
    const [bookable] = await this.venues.load(manager, [booking.venueId]);
    return deriveRequirements(booking, bookable.venue.securityLevel);
  }
}
