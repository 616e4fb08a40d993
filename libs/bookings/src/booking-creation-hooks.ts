import { Injectable } from '@nestjs/common';
import { VenueEntity } from '@app/venues';
import { EntityManager } from 'typeorm';
import { BookingEntity } from './booking.entity';

/** Work another module does in the transaction that creates a booking. */
export type BookingCreationHook = (
  manager: EntityManager,
  booking: BookingEntity,
  venue: VenueEntity,
) => Promise<void>;

/**
 * Lets modules that build on bookings (staffing derives its requirements) write what a new
 * booking implies in the booking's own transaction: it all commits together or not at all.
 */
@Injectable()
export class BookingCreationHooks {
  private readonly hooks: BookingCreationHook[] = [];

  register(hook: BookingCreationHook): void {
    this.hooks.push(hook);
  }

  async run(manager: EntityManager, booking: BookingEntity, venue: VenueEntity): Promise<void> {
    for (const hook of this.hooks) await hook(manager, booking, venue);
  }
}
