import { actorOf, districtAdmin } from '@app/auth/testing';
import { AvailabilityService } from '@app/bookings';
import { ReportsModule } from '@app/reports';
import { VenueInventoryService } from '@app/venues';
import { everyDay, newVenue } from '@app/venues/testing';
import { MediumContext } from './support/medium-context';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** Midnight UTC `days` from today. */
const daysAhead = (days: number) => new Date(Math.ceil(Date.now() / DAY) * DAY + days * DAY);

describe('availability search: ranking by score and opening hours over many venues', () => {
  let ctx: MediumContext;

  beforeAll(async () => {
    ctx = await MediumContext.start({ imports: [ReportsModule] });
  });
  afterAll(() => ctx?.close());

  it('sees opening hours another instance changed, and finds the venue again when they change back', async () => {
    const subdistrictId = '2';
    const venue = await newVenue(ctx, { subdistrictId, openingHours: everyDay('07:00', '22:00') });
    const startsAt = new Date(daysAhead(6).getTime() + 2 * HOUR); // 10:00 in Beijing
    const query = {
      startsAt,
      endsAt: new Date(startsAt.getTime() + 2 * HOUR),
      attendees: 10,
      subdistrictId,
    };
    const found = async () =>
      (await ctx.get(AvailabilityService).search(query, 10)).items.map((item) => item.id);
    expect(await found()).toEqual([venue.id]);

    const other = await MediumContext.start({ imports: [ReportsModule], beside: ctx });
    try {
      const admin = actorOf(await districtAdmin(other));
      const inventory = other.get(VenueInventoryService);
      await inventory.update(admin, venue.id, { openingHours: everyDay('14:00', '22:00') });
      expect(await found()).toEqual([]);
      await inventory.update(admin, venue.id, { openingHours: everyDay('09:00', '22:00') });
      expect(await found()).toEqual([venue.id]);
    } finally {
      await other.close();
    }
  });
});
