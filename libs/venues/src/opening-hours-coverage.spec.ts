import { DateTime, IANAZone } from 'luxon';
import {
  isOpenForLocalRange,
  isOpenThroughout,
  localWeekRange,
  openMinutesBetween,
  openMinutesOutside,
} from './opening-hours-coverage';
import { parseOpeningHours } from './weekly-hours';

const SHANGHAI = 'Asia/Shanghai';
const at = (iso: string) => new Date(iso);

describe('isOpenThroughout', () => {
  const weekdays = parseOpeningHours(
    [1, 2, 3, 4, 5].map((weekday) => ({ weekday, opens: '07:00', closes: '18:00' })),
  );

  it('places local hours on the right UTC instants across a UTC date change', () => {
    // Wednesday 2026-06-03 07:00–09:00 in Beijing is Tuesday 23:00 – Wednesday 01:00 UTC.
    expect(
      isOpenThroughout(
        weekdays,
        SHANGHAI,
        at('2026-06-03T07:00:00+08:00'),
        at('2026-06-03T09:00:00+08:00'),
      ),
    ).toBe(true);
    expect(
      isOpenThroughout(
        weekdays,
        SHANGHAI,
        at('2026-06-03T06:59:00+08:00'),
        at('2026-06-03T09:00:00+08:00'),
      ),
    ).toBe(false);
  });

  it('reads the weekday in the venue’s zone, not in UTC', () => {
    // Saturday 2026-06-06 07:30 Beijing is still Friday 23:30 UTC; the venue is closed on Saturdays.
    expect(
      isOpenThroughout(
        weekdays,
        SHANGHAI,
        at('2026-06-06T07:30:00+08:00'),
        at('2026-06-06T08:30:00+08:00'),
      ),
    ).toBe(false);
  });

  it('covers a range past local midnight with a period that closes the next day', () => {
    const evenings = parseOpeningHours([{ weekday: 5, opens: '18:00', closes: '01:00' }]);
    // Friday 2026-06-05 22:00 to Saturday 00:30.
    expect(
      isOpenThroughout(
        evenings,
        SHANGHAI,
        at('2026-06-05T22:00:00+08:00'),
        at('2026-06-06T00:30:00+08:00'),
      ),
    ).toBe(true);
    expect(
      isOpenThroughout(
        evenings,
        SHANGHAI,
        at('2026-06-05T22:00:00+08:00'),
        at('2026-06-06T01:30:00+08:00'),
      ),
    ).toBe(false);
  });

  it('joins touching periods, but not periods with a gap', () => {
    const split = parseOpeningHours([
      { weekday: 3, opens: '08:00', closes: '12:00' },
      { weekday: 3, opens: '12:00', closes: '18:00' },
      { weekday: 4, opens: '08:00', closes: '12:00' },
      { weekday: 4, opens: '13:00', closes: '18:00' },
    ]);
    expect(
      isOpenThroughout(
        split,
        SHANGHAI,
        at('2026-06-03T11:00:00+08:00'),
        at('2026-06-03T13:00:00+08:00'),
      ),
    ).toBe(true);
    expect(
      isOpenThroughout(
        split,
        SHANGHAI,
        at('2026-06-04T11:00:00+08:00'),
        at('2026-06-04T13:30:00+08:00'),
      ),
    ).toBe(false);
  });

  it('honours daylight saving time in zones that have it', () => {
    const paris = parseOpeningHours([{ weekday: 7, opens: '01:00', closes: '05:00' }]);
    // 2026-03-29: clocks go from 02:00 to 03:00 in Paris, so 01:00–05:00 local lasts three hours.
    expect(
      isOpenThroughout(
        paris,
        'Europe/Paris',
        at('2026-03-29T00:00:00Z'),
        at('2026-03-29T03:00:00Z'),
      ),
    ).toBe(true);
    expect(
      isOpenThroughout(
        paris,
        'Europe/Paris',
        at('2026-03-29T00:00:00Z'),
        at('2026-03-29T03:30:00Z'),
      ),
    ).toBe(false);
  });
});

describe('the precomputed local range agrees with the exact check', () => {
  const schedules = [
    parseOpeningHours(
      [1, 2, 3, 4, 5].map((weekday) => ({ weekday, opens: '07:00', closes: '18:00' })),
    ),
    parseOpeningHours([
      { weekday: 5, opens: '18:00', closes: '01:00' },
      { weekday: 7, opens: '22:00', closes: '02:00' },
    ]),
    parseOpeningHours([
      { weekday: 3, opens: '08:00', closes: '12:00' },
      { weekday: 3, opens: '12:00', closes: '18:00' },
    ]),
  ];
  it('on a grid of ranges through a whole week, in Beijing and in Paris', () => {
    let compared = 0;
    for (const zone of [SHANGHAI, 'Europe/Paris']) {
      for (const periods of schedules) {
        for (let hour = 0; hour < 24 * 8; hour += 1.5) {
          for (const length of [0.5, 2, 6.5, 30]) {
            const from = new Date(Date.UTC(2026, 5, 1) + hour * 3_600_000);
            const until = new Date(from.getTime() + length * 3_600_000);
            const local = localWeekRange(zone, from, until);
            expect(isOpenForLocalRange(periods, local, zone, from, until)).toBe(
              isOpenThroughout(periods, zone, from, until),
            );
            compared++;
          }
        }
      }
    }
    expect(compared).toBeGreaterThan(1000);
  });
});

describe('localWeekRange', () => {
  /** What luxon reads for the local wall clock, without any remembering. */
  function byLuxon(zone: string, from: Date, until: Date): [number, number] | null {
    const start = DateTime.fromJSDate(from, { zone });
    const end = DateTime.fromJSDate(until, { zone });
    if (start.offset !== end.offset) return null;
    const minute =
      (start.weekday - 1) * 1440 +
      start.hour * 60 +
      start.minute +
      start.second / 60 +
      start.millisecond / 60_000;
    return [minute, minute + (until.getTime() - from.getTime()) / 60_000];
  }

  it('reads the wall clock as luxon does, around every DST change and at odd offsets', () => {
    const zones = [
      SHANGHAI,
      'Europe/Paris',
      'America/New_York',
      'Asia/Kathmandu',
      'Australia/Lord_Howe',
    ];
    const HOUR = 3_600_000;
    let compared = 0;
    for (const zone of zones) {
      const zoneInfo = IANAZone.create(zone);
      // The hours of 2026 in which the zone's offset changes (Lord Howe's on a half hour).
      const changes = [Date.UTC(2026, 0, 10, 3, 7)];
      for (let t = Date.UTC(2026, 0, 1); t < Date.UTC(2027, 0, 1); t += HOUR)
        if (zoneInfo.offset(t) !== zoneInfo.offset(t + HOUR)) changes.push(t);
      for (const change of changes) {
        // Every 5 minutes and 1 second from 2 h before to 3 h after, ranges of 40 minutes.
        for (let t = change - 2 * HOUR; t < change + 3 * HOUR; t += 301_000) {
          const from = new Date(t);
          const until = new Date(t + 40 * 60_000);
          expect(localWeekRange(zone, from, until)).toEqual(byLuxon(zone, from, until));
          compared++;
        }
      }
    }
    expect(compared).toBeGreaterThan(400);
    expect(localWeekRange('Not/AZone', new Date(), new Date())).toBeNull();
  });
});

describe('openMinutesBetween', () => {
  const weekdays = parseOpeningHours(
    [1, 2, 3, 4, 5].map((weekday) => ({ weekday, opens: '09:00', closes: '17:00' })),
  );

  it('counts whole weeks and clipped periods at both ends in Beijing', () => {
    // Mon 2026-06-01 12:00 to Mon 2026-06-15 10:00 local: Monday 1 gives 5 h (12:00–17:00),
    // Tue–Fri 4 × 8 h, the second week 5 × 8 h, Monday 15 gives 1 h (09:00–10:00):
    // 5 + 32 + 40 + 1 = 78 h.
    expect(
      openMinutesBetween(
        weekdays,
        SHANGHAI,
        at('2026-06-01T12:00:00+08:00'),
        at('2026-06-15T10:00:00+08:00'),
      ),
    ).toBe(78 * 60);
  });

  it('counts an overnight period on both sides of midnight, and nothing for an empty range', () => {
    const nights = parseOpeningHours([{ weekday: 6, opens: '20:00', closes: '02:00' }]);
    // Saturday 2026-06-06 20:00 to Sunday 02:00, cut at Sunday 01:00: 5 h.
    expect(
      openMinutesBetween(
        nights,
        SHANGHAI,
        at('2026-06-06T00:00:00+08:00'),
        at('2026-06-07T01:00:00+08:00'),
      ),
    ).toBe(5 * 60);
    expect(
      openMinutesBetween(
        nights,
        SHANGHAI,
        at('2026-06-07T01:00:00+08:00'),
        at('2026-06-07T01:00:00+08:00'),
      ),
    ).toBe(0);
  });

  it('lays the periods on the calendar where the zone has DST', () => {
    // Berlin's clocks go forward on Sunday 2026-03-29; Friday 27 and Monday 30 are 8 h each.
    expect(
      openMinutesBetween(
        weekdays,
        'Europe/Berlin',
        at('2026-03-27T00:00:00+01:00'),
        at('2026-03-31T00:00:00+02:00'),
      ),
    ).toBe(16 * 60);
  });
});

describe('openMinutesOutside', () => {
  const weekdays = parseOpeningHours(
    [1, 2, 3, 4, 5].map((weekday) => ({ weekday, opens: '09:00', closes: '17:00' })),
  );
  const week: [Date, Date] = [at('2026-06-01T00:00:00+08:00'), at('2026-06-08T00:00:00+08:00')];
  const blackout = (from: string, until: string): [Date, Date] => [
    at(`${from}+08:00`),
    at(`${until}+08:00`),
  ];

  it('takes away the open hours inside blackouts, once where they overlap', () => {
    // 40 h open. Tuesday 12:00 to Wednesday 10:00 closes 5 h + 1 h; Wednesday 09:30–11:00
    // overlaps it and adds 10:00–11:00; Thursday 17:00–20:00 is after closing: 40 − 7 = 33 h.
    expect(
      openMinutesOutside(weekdays, SHANGHAI, ...week, [
        blackout('2026-06-03T09:30:00', '2026-06-03T11:00:00'),
        blackout('2026-06-02T12:00:00', '2026-06-03T10:00:00'),
        blackout('2026-06-04T17:00:00', '2026-06-04T20:00:00'),
      ]),
    ).toBe(33 * 60);
  });

  it('counts only the part of a blackout inside the range, and joins touching ones', () => {
    // From the Sunday before to Monday 10:00 closes Monday 09:00–10:00; Friday 12:00–14:00 and
    // 14:00–16:00 close 4 h; one wholly after the range closes nothing: 40 − 5 = 35 h.
    expect(
      openMinutesOutside(weekdays, SHANGHAI, ...week, [
        blackout('2026-05-31T00:00:00', '2026-06-01T10:00:00'),
        blackout('2026-06-05T14:00:00', '2026-06-05T16:00:00'),
        blackout('2026-06-05T12:00:00', '2026-06-05T14:00:00'),
        blackout('2026-06-08T09:00:00', '2026-06-09T17:00:00'),
      ]),
    ).toBe(35 * 60);
    expect(
      openMinutesOutside(weekdays, SHANGHAI, ...week, [
        blackout('2026-05-01T00:00:00', '2026-07-01T00:00:00'),
      ]),
    ).toBe(0);
    expect(openMinutesOutside(weekdays, SHANGHAI, ...week, [])).toBe(40 * 60);
  });
});
