import { BookingEntity } from '@app/bookings';
import { VenueCatalogService, VenueEntity } from '@app/venues';

/** The venue a notice about the booking names; every booking has one, so none is an error. */
export async function venueOf(
  venues: VenueCatalogService,
  booking: BookingEntity,
): Promise<VenueEntity> {
  const [venue] = await venues.venuesByIds([booking.venueId]);
  if (!venue) throw new Error(`Booking ${booking.id} names no venue ${booking.venueId}`);
  return venue;
}
