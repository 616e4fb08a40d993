/** Our ids are unsigned BIGINTs, carried as decimal strings. */
export function isValidId(value: string): boolean {
  return /^[1-9][0-9]{0,18}$/.test(value) && BigInt(value) <= 18446744073709551615n;
}
