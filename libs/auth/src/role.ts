export enum Role {
  DISTRICT_ADMIN = 'DISTRICT_ADMIN',
  SUBDISTRICT_MANAGER = 'SUBDISTRICT_MANAGER',
  ORGANIZER = 'ORGANIZER',
  SECURITY_COORDINATOR = 'SECURITY_COORDINATOR',
  INTERPRETER = 'INTERPRETER',
  SECURITY_OFFICER = 'SECURITY_OFFICER',
}

export const ALL_ROLES: readonly Role[] = Object.values(Role);

/** Defined in common, where errors pick their language; the account's `locale` column. */
export { Locale } from '@app/common';
