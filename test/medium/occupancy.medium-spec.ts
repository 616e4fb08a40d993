import { AuthModule, Role } from '@app/auth';
import { actorOf, newUser } from '@app/auth/testing';
import {
  AvailabilityService,
  BookingErrorCode,
  BookingQueriesService,
  BookingsModule,
  ReservationService,
} from '@app/bookings';
import { newBooking } from '@app/bookings/testing';
import { VenuesModule } from '@app/venues';
import { newVenue } from '@app/venues/testing';
import { MediumContext } from './support/medium-context';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** Midnight UTC `days` from today: times the tests reason about. */
const daysAhead = (days: number) => new Date(Math.ceil(Date.now() / DAY) * DAY + days * DAY);
const plus = (at: Date, ms: number) => new Date(at.getTime() + ms);

/**
 * The overlap checks read bookings in two span buckets, each bounded by its longest span: these
 * cases sit on the bounds, where a wrong bound would miss a booking, and each is asked three
 * ways (a request, the availability search, the venue's schedule), which must agree.
 */
describe('occupancy: who stands in the way of a slot', () => {
  let ctx: MediumContext;
  let organizer: ReturnType<typeof actorOf>;
  let key = 0;

  beforeAll(async () => {
    ctx = await MediumContext.start({ imports: [AuthModule, VenuesModule, BookingsModule] });
    organizer = actorOf(await newUser(ctx, { role: Role.ORGANIZER }));
  });
  afterAll(() => ctx?.close());

  /** What each of the three ways says of [startsAt, endsAt) at the venue: free or taken. */
  async function askedThreeWays(venueId: string, startsAt: Date, endsAt: Date) {
    const found = await ctx
      .get(AvailabilityService)
      .search({ startsAt, endsAt, attendees: 10 }, 1000);
    const schedule = await ctx
      .get(BookingQueriesService)
      .schedule(
        actorOf(await newUser(ctx, { role: Role.DISTRICT_ADMIN })),
        venueId,
        startsAt,
        endsAt,
      );
    let requested: 'free' | 'taken';
    try {
      const booking = await ctx
        .get(ReservationService)
        .request(
          organizer,
          { venueId, startsAt, endsAt, title: 'Probe', attendees: 10, hold: true },
          `probe-${++key}`,
        );
      // Give the slot back so the next question finds the venue as it was.
      await ctx.get(ReservationService).cancel(organizer, booking.id, 'Probe done');
      requested = 'free';
    } catch (error) {
      if ((error as { code?: string }).code !== BookingErrorCode.SLOT_TAKEN) throw error;
      requested = 'taken';
    }
    return {
      requested,
      searched: found.items.some((venue) => venue.id === venueId) ? 'free' : 'taken',
      scheduled: schedule.some((block) => block.kind === 'BOOKING') ? 'taken' : 'free',
    };
  }
  const free = { requested: 'free', searched: 'free', scheduled: 'free' };
  const taken = { requested: 'taken', searched: 'taken', scheduled: 'taken' };

  it('treats touching ranges as free and a minute of overlap as taken', async () => {
    const venue = await newVenue(ctx);
    const startsAt = plus(daysAhead(3), 10 * HOUR);
    await newBooking(ctx, { venue, startsAt, endsAt: plus(startsAt, 2 * HOUR) });
    expect(
      await askedThreeWays(venue.id, plus(startsAt, 2 * HOUR), plus(startsAt, 3 * HOUR)),
    ).toEqual(free);
    expect(await askedThreeWays(venue.id, plus(startsAt, -HOUR), startsAt)).toEqual(free);
    expect(
      await askedThreeWays(venue.id, plus(startsAt, 2 * HOUR - MINUTE), plus(startsAt, 3 * HOUR)),
    ).toEqual(taken);
  });

  it('counts each venue’s own buffers, whichever venue has the largest', async () => {
    const buffered = await newVenue(ctx, { setupMinutes: 30, teardownMinutes: 45 });
    await newVenue(ctx, { setupMinutes: 240, teardownMinutes: 240 });
    const startsAt = plus(daysAhead(4), 10 * HOUR);
    await newBooking(ctx, { venue: buffered, startsAt, endsAt: plus(startsAt, 2 * HOUR) });
    // Held 09:30–12:45: a 13:00 start needs setup from 12:30.
    expect(
      await askedThreeWays(buffered.id, plus(startsAt, 3 * HOUR), plus(startsAt, 4 * HOUR)),
    ).toMatchObject({ requested: 'taken', searched: 'taken' });
    expect(
      await askedThreeWays(
        buffered.id,
        plus(startsAt, 3 * HOUR + 15 * MINUTE),
        plus(startsAt, 4 * HOUR),
      ),
    ).toEqual(free);
  });

  it('finds a booking of exactly a day (the short bucket’s longest) and one a minute longer in their last minute', async () => {
    for (const span of [DAY, DAY + MINUTE]) {
      const venue = await newVenue(ctx);
      const startsAt = daysAhead(5);
      await newBooking(ctx, { venue, startsAt, endsAt: plus(startsAt, span) });
      expect(
        await askedThreeWays(venue.id, plus(startsAt, span - MINUTE), plus(startsAt, span + HOUR)),
      ).toEqual(taken);
      expect(
        await askedThreeWays(venue.id, plus(startsAt, span), plus(startsAt, span + HOUR)),
      ).toEqual(free);
    }
  });

  it('finds a 180-day booking in its middle and at its end, beside shorter long ones', async () => {
    const venue = await newVenue(ctx);
    const startsAt = daysAhead(2);
    await newBooking(ctx, {
      venue: await newVenue(ctx),
      startsAt,
      endsAt: plus(startsAt, 3 * DAY),
    });
    await newBooking(ctx, { venue, startsAt, endsAt: plus(startsAt, 180 * DAY) });
    const middle = plus(startsAt, 90 * DAY + 10 * HOUR);
    expect(await askedThreeWays(venue.id, middle, plus(middle, HOUR))).toEqual(taken);
    const last = plus(startsAt, 180 * DAY - HOUR);
    expect(await askedThreeWays(venue.id, last, plus(last, 2 * HOUR))).toEqual(taken);
    expect(
      await askedThreeWays(venue.id, plus(startsAt, 180 * DAY), plus(startsAt, 180 * DAY + HOUR)),
    ).toEqual(free);
  });

  it('compares instants across a daylight-saving change in the venue’s zone', async () => {
    // Europe/Berlin springs forward at 01:00 UTC on the last Sunday of March.
    const venue = await newVenue(ctx, { timeZone: 'Europe/Berlin' });
    const changeIn = (year: number) =>
      new Date(Date.UTC(year, 2, 31 - new Date(Date.UTC(year, 2, 31)).getUTCDay(), 1));
    const thisYear = new Date().getUTCFullYear();
    const lastSunday =
      changeIn(thisYear) > daysAhead(1) ? changeIn(thisYear) : changeIn(thisYear + 1);
    const startsAt = plus(lastSunday, -30 * MINUTE); // 01:30 CET, the hour before the change
    await newBooking(ctx, { venue, startsAt, endsAt: plus(startsAt, HOUR) }); // until 03:30 CEST
    expect(await askedThreeWays(venue.id, plus(startsAt, HOUR), plus(startsAt, 2 * HOUR))).toEqual(
      free,
    );
    expect(
      await askedThreeWays(venue.id, plus(startsAt, 30 * MINUTE), plus(startsAt, 2 * HOUR)),
    ).toEqual(taken);
  });
});
