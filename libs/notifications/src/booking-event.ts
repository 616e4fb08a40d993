import {
  ApprovalStage,
  BookingEntity,
  BookingStatus,
  BookingTransitionKind,
  isForeignRelated,
} from '@app/bookings';
import { asksApprovers } from './approval-notice';
import { BookingNoticeKind, bookingNoticeKind } from './booking-notice';
import { SecurityNoticeKind, securityNoticeKind } from './security-notice';

/** Where a moved booking was, as the outbox event carries it. */
export interface PlaceInEvent {
  venueId: string;
  startsAt: string;
  endsAt: string;
}

/** What a booking change's outbox event carries (written by BookingAuditRepository). */
export interface BookingEventPayload {
  bookingId: string;
  version: number;
  organizerId: string;
  from: BookingStatus | null;
  to: BookingStatus;
  actorId: string | null;
  reason: string | null;
  /** Whose decision the booking (or its pending change) waits for after the change. */
  approvalStage?: ApprovalStage | null;
  /** Where a moved booking was before. */
  previous?: PlaceInEvent | null;
}

/** A booking change as the notices read it: its transition's kind, and what the event carries. */
export interface BookingEventFacts extends BookingEventPayload {
  kind: BookingTransitionKind;
}

export interface ImmediateNotices {
  organizer: BookingNoticeKind | null;
  security: SecurityNoticeKind | null;
  /** The approvers of the step the booking now waits at. */
  approvers: boolean;
}

/** The transition's kind, from the outbox event's type (`booking.<kind>`). */
export function bookingEventFacts(
  eventType: string,
  payload: BookingEventPayload,
): BookingEventFacts {
  return { ...payload, kind: eventType.replace(/^booking\./, '') as BookingTransitionKind };
}

/** Who hears of a booking change at once; most changes tell nobody (their reminders come later). */
export function immediateNotices(
  facts: BookingEventFacts,
  booking: BookingEntity,
): ImmediateNotices {
  return {
    organizer: bookingNoticeKind(facts),
    security: isForeignRelated(booking) ? securityNoticeKind(facts) : null,
    approvers: asksApprovers(facts, booking),
  };
}

export const notifiesAnyone = (notices: ImmediateNotices) =>
  notices.organizer !== null || notices.security !== null || notices.approvers;
