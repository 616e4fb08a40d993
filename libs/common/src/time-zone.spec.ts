import { isValidTimeZone } from './time-zone';

describe('isValidTimeZone', () => {
  it.each(['Asia/Shanghai', 'UTC', 'Europe/Paris', 'America/Argentina/Buenos_Aires'])(
    'accepts %s',
    (zone) => {
      expect(isValidTimeZone(zone)).toBe(true);
    },
  );

  it.each(['', 'Mars/Olympus', 'GMT+25', 'Asia/Shanghai; DROP TABLE'])('refuses %p', (zone) => {
    expect(isValidTimeZone(zone)).toBe(false);
  });
});
