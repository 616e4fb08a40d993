import { BookingEntity, BookingStatus } from '@app/bookings';
import { ReminderRule } from '@app/config';

/** Which booking states a rule's reminders serve (the feedback request outlives completion). */
export const SERVES: Record<ReminderRule['anchor'], BookingStatus[]> = {
  start: [BookingStatus.APPROVED],
  end: [BookingStatus.APPROVED, BookingStatus.COMPLETED],
  requested: [BookingStatus.PENDING_APPROVAL],
};

/** How long after its time a feedback request is still worth sending. */
export const LATE_END_REMINDER_MS = 86_400_000;

/** Until when a reminder due at `at` is worth sending, should it be late. */
export function usefulUntil(booking: BookingEntity, rule: ReminderRule, at: number): number {
  if (rule.anchor === 'start') return booking.startsAt.getTime();
  if (rule.anchor === 'end') return at + LATE_END_REMINDER_MS;
  return Number.POSITIVE_INFINITY; // a waiting request: the job checks it still waits
}
