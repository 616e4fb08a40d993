import { BookingEntity, BookingStatus, BookingTransitionKind } from '@app/bookings';
import { timeRange } from '@app/common';
import { VenueEntity } from '@app/venues';
import { NotificationKind } from './notification-enums';
import { RenderedNotice } from './security-notice';

export type BookingNoticeKind =
  | NotificationKind.BOOKING_APPROVED
  | NotificationKind.BOOKING_REJECTED
  | NotificationKind.BOOKING_CANCELLED
  | NotificationKind.BOOKING_CHANGE_REJECTED
  | NotificationKind.HOLD_EXPIRED;

export interface BookingChangeFacts {
  kind: BookingTransitionKind;
  from: BookingStatus | null;
  to: BookingStatus;
  actorId: string | null;
  organizerId: string;
}

/**
 * What the organizer hears of: the approvers' decisions (on a request, or on a change to an
 * approved booking), and a cancellation by someone else. What they did themselves needs no notice.
 */
export function bookingNoticeKind(change: BookingChangeFacts): BookingNoticeKind | null {
  if (change.actorId === change.organizerId) return null;
  if (change.kind === 'change-rejected') return NotificationKind.BOOKING_CHANGE_REJECTED;
  // An approved change: the approvers moved the booking where its organizer asked.
  if (change.kind === 'rescheduled') return NotificationKind.BOOKING_APPROVED;
  if (change.to === BookingStatus.APPROVED && change.from === BookingStatus.PENDING_APPROVAL)
    return NotificationKind.BOOKING_APPROVED;
  if (change.to === BookingStatus.REJECTED) return NotificationKind.BOOKING_REJECTED;
  if (change.to === BookingStatus.CANCELLED) return NotificationKind.BOOKING_CANCELLED;
  if (change.to === BookingStatus.EXPIRED) return NotificationKind.HOLD_EXPIRED;
  return null;
}

const HEADINGS: Record<BookingNoticeKind, [string, string]> = {
  [NotificationKind.BOOKING_APPROVED]: ['预订已批准', 'Booking approved'],
  [NotificationKind.BOOKING_REJECTED]: ['预订申请未获批准', 'Booking request rejected'],
  [NotificationKind.BOOKING_CANCELLED]: ['预订已被取消', 'Booking cancelled'],
  [NotificationKind.BOOKING_CHANGE_REJECTED]: [
    '变更申请未获批准，原预订保持不变',
    'Change rejected, the approved booking stands',
  ],
  [NotificationKind.HOLD_EXPIRED]: ['预留已过期，时段已释放', 'Hold expired, the slot is released'],
};

/**
 * The organizer's notice in both languages, the time in their zone (else the venue's): the
 * booking as it now stands (moved, for an approved change; as approved, for a rejected one).
 */
export function renderBookingNotice(
  kind: BookingNoticeKind,
  booking: BookingEntity,
  venue: VenueEntity,
  reason: string | null,
  zone: string | null,
  changeApproved = false,
): RenderedNotice {
  const time = timeRange(booking.startsAt, booking.endsAt, zone ?? venue.timeZone);
  const [headingZh, headingEn] = HEADINGS[kind];
  // An approval carries the approver's comment; a rejection or cancellation its reason.
  const [labelZh, labelEn] =
    kind === NotificationKind.BOOKING_APPROVED ? ['审批意见', 'Comment'] : ['原因', 'Reason'];
  return {
    subjectZh: `${headingZh}：${booking.title}`,
    subjectEn: `${headingEn}: ${booking.title}`,
    bodyZh: [
      ...(changeApproved ? ['您申请的变更已批准，预订已按新的时间和场地安排。'] : []),
      `时间：${time}`,
      `场地：${venue.nameZh}（${venue.addressZh}）`,
      ...(reason ? [`${labelZh}：${reason}`] : []),
    ].join('\n'),
    bodyEn: [
      ...(changeApproved ? ['Your change is approved: the booking now stands as below.'] : []),
      `Time: ${time}`,
      `Venue: ${venue.nameEn} (${venue.addressEn})`,
      ...(reason ? [`${labelEn}: ${reason}`] : []),
    ].join('\n'),
  };
}
