/** Our ids are unsigned BIGINTs, carried as decimal strings. */
export function isValidId(value: string): boolean {
  return /^[1-9][0-9]{0,18}$/.test(value) && BigInt(value) <= 18446744073709551615n;
}

/** Orders ids as the numbers they are (shorter is smaller: they have no leading zeros). */
export function compareIds(a: string, b: string): number {
  return a.length - b.length || (a < b ? -1 : a > b ? 1 : 0);
}
