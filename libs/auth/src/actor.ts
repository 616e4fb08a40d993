import { Locale, Role } from './role';

/** Who is calling: what every scoped service and repository method is given. */
export interface Actor {
  userId: string;
  role: Role;
  /** Set for SUBDISTRICT_MANAGER only: the one subdistrict they act for. */
  subdistrictId: string | null;
  /** The language the caller's errors are answered in: their account's; unset outside a request. */
  locale?: Locale;
}
