import { Actor, Role } from '@app/auth';
import { VenueStatus } from './venue-enums';

/**
 * Who sees and who changes which venue. The repository applies these rules to every query, so
 * no caller can forget them.
 */
export interface VenueVisibility {
  /** Null: every status everywhere. Otherwise ACTIVE venues, plus all of this subdistrict's. */
  activeOnlyExcept: { subdistrictId: string | null } | null;
}

export function visibilityFor(actor: Actor): VenueVisibility {
  switch (actor.role) {
    case Role.DISTRICT_ADMIN:
      return { activeOnlyExcept: null };
    case Role.SUBDISTRICT_MANAGER:
      return { activeOnlyExcept: { subdistrictId: actor.subdistrictId } };
    default:
      return { activeOnlyExcept: { subdistrictId: null } };
  }
}

export function canSee(
  actor: Actor,
  venue: { status: VenueStatus; subdistrictId: string },
): boolean {
  const { activeOnlyExcept } = visibilityFor(actor);
  return (
    activeOnlyExcept === null ||
    venue.status === VenueStatus.ACTIVE ||
    venue.subdistrictId === activeOnlyExcept.subdistrictId
  );
}

/** Registering, editing, submitting and blacking out: the owning subdistrict, or the district. */
export function canManage(actor: Actor, subdistrictId: string): boolean {
  return (
    actor.role === Role.DISTRICT_ADMIN ||
    (actor.role === Role.SUBDISTRICT_MANAGER && actor.subdistrictId === subdistrictId)
  );
}

/** Reviewing, suspending and reinstating: the district Foreign Affairs Office. */
export function canReview(actor: Actor): boolean {
  return actor.role === Role.DISTRICT_ADMIN;
}
