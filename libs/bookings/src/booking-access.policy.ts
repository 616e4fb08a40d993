import { Actor, Role } from '@app/auth';
import { ApprovalStage } from './booking-enums';

/**
 * Who reads and who decides which booking (its subdistrict is its venue's; a subdistrict also
 * sees a booking whose pending change asks for one of its venues).
 */
export function canSeeBooking(
  actor: Actor,
  booking: { organizerId: string; subdistrictId: string; changeSubdistrictId?: string | null },
): boolean {
  switch (actor.role) {
    case Role.DISTRICT_ADMIN:
    case Role.SECURITY_COORDINATOR:
      return true;
    case Role.SUBDISTRICT_MANAGER:
      return (
        actor.subdistrictId === booking.subdistrictId ||
        (!!booking.changeSubdistrictId && actor.subdistrictId === booking.changeSubdistrictId)
      );
    case Role.ORGANIZER:
      return booking.organizerId === actor.userId;
    default:
      return false;
  }
}

/**
 * The subdistrict decides first; the district decides second (HIGH and STATE events), and may
 * take the subdistrict's step for it (a subdistrict without a manager, or one that is away).
 */
export function canDecide(
  actor: Actor,
  booking: { approvalStage: ApprovalStage | null; subdistrictId: string },
): boolean {
  if (!booking.approvalStage) return false;
  if (actor.role === Role.DISTRICT_ADMIN) return true;
  return (
    booking.approvalStage === ApprovalStage.SUBDISTRICT &&
    actor.role === Role.SUBDISTRICT_MANAGER &&
    actor.subdistrictId === booking.subdistrictId
  );
}

/** The organizer, the venue's subdistrict or the district may cancel. */
export function canCancel(
  actor: Actor,
  booking: { organizerId: string; subdistrictId: string },
): boolean {
  return (
    booking.organizerId === actor.userId ||
    actor.role === Role.DISTRICT_ADMIN ||
    (actor.role === Role.SUBDISTRICT_MANAGER && actor.subdistrictId === booking.subdistrictId)
  );
}
