import { BookingEntity, BookingStatus, isForeignRelated } from '@app/bookings';
import { asksApprovers } from './approval-notice';
import { BookingNoticeKind, bookingNoticeKind } from './booking-notice';
import { SecurityNoticeKind, securityNoticeKind } from './security-notice';

/** What a booking change's outbox event carries (written by BookingAuditRepository). */
export interface BookingEventPayload {
  bookingId: string;
  version: number;
  organizerId: string;
  from: BookingStatus | null;
  to: BookingStatus;
  actorId: string | null;
  reason: string | null;
}

export interface ImmediateNotices {
  organizer: BookingNoticeKind | null;
  security: SecurityNoticeKind | null;
  /** The approvers of the step the booking now waits at. */
  approvers: boolean;
}

/** Who hears of a booking change at once; most changes tell nobody (their reminders come later). */
export function immediateNotices(
  payload: BookingEventPayload,
  booking: BookingEntity,
): ImmediateNotices {
  return {
    organizer: bookingNoticeKind(payload),
    security: isForeignRelated(booking) ? securityNoticeKind(payload.from, payload.to) : null,
    approvers: asksApprovers(payload, booking),
  };
}

export const notifiesAnyone = (notices: ImmediateNotices) =>
  notices.organizer !== null || notices.security !== null || notices.approvers;
