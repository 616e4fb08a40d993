import { BookingEntity, BookingStatus } from '@app/bookings';
import { HOLD_WARNING_LEAD_MS, ReminderRule } from '@app/config';

/** Which booking states a rule's reminders serve (the feedback request outlives completion). */
export const SERVES: Record<ReminderRule['anchor'], BookingStatus[]> = {
  start: [BookingStatus.APPROVED],
  end: [BookingStatus.APPROVED, BookingStatus.COMPLETED],
  requested: [BookingStatus.PENDING_APPROVAL],
  hold: [BookingStatus.HELD],
};

/** How long after its time a feedback request is still worth sending. */
export const LATE_END_REMINDER_MS = 86_400_000;

/** Until when a reminder due at `at` is worth sending, should it be late. */
export function usefulUntil(booking: BookingEntity, rule: ReminderRule, at: number): number {
  if (rule.anchor === 'start') return booking.startsAt.getTime();
  if (rule.anchor === 'end') return at + LATE_END_REMINDER_MS;
  if (rule.anchor === 'hold') return booking.holdExpiresAt?.getTime() ?? 0;
  return Number.POSITIVE_INFINITY; // a waiting request: the job checks it still waits
}

/**
 * When a hold's warning is due: at half the hold's time, but at least HOLD_WARNING_LEAD_MS before
 * it ends (never before it was made); null without a hold.
 */
export function holdWarningAt(booking: BookingEntity): number | null {
  if (!booking.holdExpiresAt) return null;
  const made = booking.createdAt.getTime();
  const ends = booking.holdExpiresAt.getTime();
  return Math.max(made, Math.min(made + (ends - made) / 2, ends - HOLD_WARNING_LEAD_MS));
}
