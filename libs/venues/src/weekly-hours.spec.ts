import { Message } from '@app/common';
import { VenueError } from './venues.errors';
import {
  formatClock,
  parseClock,
  parseOpeningHours,
  parseWeeklySchedule,
  periodLength,
} from './weekly-hours';

function fieldOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (error) {
    if (error instanceof VenueError) return error.field;
    throw error;
  }
  return undefined;
}

describe('parseClock', () => {
  it('reads HH:mm and allows 24:00 only as an end', () => {
    expect(parseClock('09:30')).toBe(570);
    expect(parseClock('24:00')).toBeNull();
    expect(parseClock('24:00', true)).toBe(1440);
    expect(parseClock('24:01', true)).toBeNull();
    expect(parseClock('9:30')).toBeNull();
    expect(parseClock('12:60')).toBeNull();
  });

  it('formats minutes back', () => {
    expect(formatClock(570)).toBe('09:30');
    expect(formatClock(1440)).toBe('24:00');
  });
});

describe('parseOpeningHours', () => {
  it('accepts a normal week with touching periods', () => {
    const periods = parseOpeningHours([
      { weekday: 1, opens: '08:00', closes: '12:00' },
      { weekday: 1, opens: '12:00', closes: '18:00' },
      { weekday: 7, opens: '00:00', closes: '24:00' },
    ]);
    expect(periods.map(periodLength)).toEqual([240, 360, 1440]);
  });

  it('reads a closing time before the opening time as the next day', () => {
    const [evening] = parseOpeningHours([{ weekday: 5, opens: '18:00', closes: '02:00' }]);
    expect(periodLength(evening)).toBe(8 * 60);
  });

  it('refuses zero-length periods', () => {
    expect(
      fieldOf(() => parseOpeningHours([{ weekday: 2, opens: '09:00', closes: '09:00' }])),
    ).toBe('openingHours[0].closes');
  });

  it('refuses overlapping periods on one day', () => {
    expect(
      fieldOf(() =>
        parseOpeningHours([
          { weekday: 3, opens: '08:00', closes: '12:00' },
          { weekday: 3, opens: '11:00', closes: '14:00' },
        ]),
      ),
    ).toBe('openingHours[1]');
  });

  it('refuses an overnight period running into the next day’s opening', () => {
    expect(
      fieldOf(() =>
        parseOpeningHours([
          { weekday: 4, opens: '09:00', closes: '10:00' },
          { weekday: 3, opens: '20:00', closes: '09:30' },
        ]),
      ),
    ).toBe('openingHours[1]');
  });

  it('sees Sunday night running into Monday morning', () => {
    expect(
      fieldOf(() =>
        parseOpeningHours([
          { weekday: 1, opens: '01:00', closes: '05:00' },
          { weekday: 7, opens: '22:00', closes: '02:00' },
        ]),
      ),
    ).toBe('openingHours[1]');
  });

  it('refuses bad weekdays and malformed times', () => {
    expect(
      fieldOf(() => parseOpeningHours([{ weekday: 0, opens: '08:00', closes: '09:00' }])),
    ).toBe('openingHours[0].weekday');
    expect(fieldOf(() => parseOpeningHours([{ weekday: 1, opens: '8am', closes: '09:00' }]))).toBe(
      'openingHours[0].opens',
    );
  });
});

describe('parseWeeklySchedule', () => {
  class OtherError extends Error {
    constructor(
      readonly field: string,
      message: Message,
    ) {
      super(message.en);
    }
  }
  const terms = {
    opens: 'from',
    closes: 'until',
    period: { zh: '可工作时段', en: 'Availability period' },
  };
  const attempt = (specs: { weekday: number; opens: string; closes: string }[]) => {
    try {
      return parseWeeklySchedule(
        specs,
        'weeklyAvailability',
        (f, m) => new OtherError(f, m),
        terms,
      );
    } catch (error) {
      if (error instanceof OtherError) return `${error.field}: ${error.message}`;
      throw error;
    }
  };

  it('reports in the caller’s error class and field names', () => {
    expect(attempt([{ weekday: 1, opens: '07:00', closes: '25:00' }])).toBe(
      'weeklyAvailability[0].until: until must be a time "HH:mm" from 00:00 to 24:00',
    );
    expect(
      attempt([
        { weekday: 2, opens: '08:00', closes: '12:00' },
        { weekday: 2, opens: '11:00', closes: '13:00' },
      ]),
    ).toBe('weeklyAvailability[1]: Availability period 2 overlaps period 1');
  });
});
