import { actorOf, districtAdmin } from '@app/auth/testing';
import { AvailabilityService, TieScores } from '@app/bookings';
import { ReportsModule, VenueScoreService } from '@app/reports';
import { Facility, VenueEntity, VenueInventoryService } from '@app/venues';
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

  it('pages through runs of equal capacity in score order, asking scores only for the runs a page reaches', async () => {
    const subdistrictId = '1';
    // Runs of 3, 1, 3, 3 and 2 venues of equal capacity; within a run, facilities make the scores
    // differ (some are equal, which the id decides).
    const kits: Facility[][] = [
      [],
      [Facility.WIFI],
      [Facility.SIMULTANEOUS_INTERPRETATION_BOOTH, Facility.WIFI],
      [Facility.BILINGUAL_SIGNAGE],
    ];
    const capacities = [300, 300, 300, 310, 320, 320, 320, 330, 330, 330, 340, 340];
    const venues: VenueEntity[] = [];
    for (const [i, seatedCapacity] of capacities.entries())
      venues.push(
        await newVenue(ctx, {
          subdistrictId,
          seatedCapacity,
          standingCapacity: null,
          facilities: kits[(i * 3) % kits.length].map((type) => ({ type })),
        }),
      );
    const scores = await ctx.get(VenueScoreService).scoreValues(venues.map((venue) => venue.id));
    const capacity = new Map(venues.map((venue) => [venue.id, venue.seatedCapacity]));
    const expected = venues
      .map((venue) => venue.id)
      .sort(
        (a, b) =>
          capacity.get(a)! - capacity.get(b)! ||
          scores.get(b)! - scores.get(a)! ||
          Number(BigInt(a) - BigInt(b)),
      );

    const asked: string[][] = [];
    const tieScores: TieScores = (ids) => {
      asked.push(ids);
      return ctx.get(VenueScoreService).scoreValues(ids);
    };
    const startsAt = new Date(daysAhead(5).getTime() + 2 * HOUR);
    const query = {
      startsAt,
      endsAt: new Date(startsAt.getTime() + 2 * HOUR),
      attendees: 300,
      subdistrictId,
    };
    const first = 2;
    const seen: string[] = [];
    let after: string | undefined;
    for (;;) {
      asked.length = 0;
      const page = await ctx.get(AvailabilityService).search(query, first, after, { tieScores });
      expect(await page.totalCount()).toBe(venues.length);
      // Asked at most for the runs from the cursor's to `first` places past its end.
      const cursor = after ? expected.indexOf(after) : -1;
      let runStart = cursor;
      while (runStart > 0 && capacity.get(expected[runStart - 1]) === capacity.get(after!))
        runStart--;
      let runEnd = cursor + 1;
      while (runEnd > 0 && capacity.get(expected[runEnd]) === capacity.get(after!)) runEnd++;
      const reachable = new Set(
        expected
          .slice(Math.max(runStart, 0), Math.max(runEnd, 0) + first)
          .map((id) => capacity.get(id)),
      );
      for (const id of asked.flat()) expect(reachable).toContain(capacity.get(id));
      seen.push(...page.items.map((venue) => venue.id));
      expect(page.hasNextPage).toBe(seen.length < venues.length);
      if (!page.hasNextPage) break;
      after = seen[seen.length - 1];
    }
    expect(seen).toEqual(expected);
  });

  it('sees opening hours and buffers another instance changed, each at once, and only for that venue', async () => {
    const subdistrictId = '2';
    // The same hours, zone and buffers: the two share what the search keeps of them.
    const venue = await newVenue(ctx, { subdistrictId, openingHours: everyDay('07:00', '22:00') });
    const twin = await newVenue(ctx, { subdistrictId, openingHours: everyDay('07:00', '22:00') });
    const startsAt = new Date(daysAhead(6).getTime() + 2 * HOUR); // 10:00 in Beijing
    const query = {
      startsAt,
      endsAt: new Date(startsAt.getTime() + 2 * HOUR),
      attendees: 10,
      subdistrictId,
    };
    const found = async () =>
      (await ctx.get(AvailabilityService).search(query, 10)).items.map((item) => item.id);
    expect(await found()).toEqual([venue.id, twin.id]);

    const other = await MediumContext.start({ imports: [ReportsModule], beside: ctx });
    try {
      const admin = actorOf(await districtAdmin(other));
      const inventory = other.get(VenueInventoryService);
      await inventory.update(admin, venue.id, { openingHours: everyDay('14:00', '22:00') });
      expect(await found()).toEqual([twin.id]);
      await inventory.update(admin, venue.id, { openingHours: everyDay('09:00', '22:00') });
      expect(await found()).toEqual([venue.id, twin.id]);
      // An hour and a half to set up: its occupied range starts at 08:30, before it opens.
      await inventory.update(admin, venue.id, { setupMinutes: 90 });
      expect(await found()).toEqual([twin.id]);
    } finally {
      await other.close();
    }
  });
});
