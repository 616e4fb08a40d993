import { ApprovalStage, BookingEntity, BookingStatus } from '@app/bookings';
import { VenueEntity } from '@app/venues';
import { BookingEventPayload } from './booking-event';
import { timeRange } from './notice-time';
import { RenderedNotice } from './security-notice';

/**
 * Whether a change puts a request before approvers now: it left the booking waiting for a
 * decision (a request, a submission, a move back into approval, the subdistrict's hand-over to
 * the district), and the booking still stands as that change left it.
 */
export function asksApprovers(payload: BookingEventPayload, booking: BookingEntity): boolean {
  return (
    payload.to === BookingStatus.PENDING_APPROVAL &&
    booking.status === BookingStatus.PENDING_APPROVAL &&
    booking.version === payload.version
  );
}

/** The approvers' notice in both languages: what waits for them, when, where, how big. */
export function renderApprovalRequest(
  booking: BookingEntity,
  venue: VenueEntity,
  zone: string | null,
): RenderedNotice {
  const time = timeRange(booking.startsAt, booking.endsAt, zone ?? venue.timeZone);
  const [stageZh, stageEn] =
    booking.approvalStage === ApprovalStage.DISTRICT
      ? ['区外办审批', 'the district’s approval']
      : ['街道审批', 'the subdistrict’s approval'];
  return {
    subjectZh: `待审批：${booking.title}`,
    subjectEn: `Approval requested: ${booking.title}`,
    bodyZh: [
      `时间：${time}`,
      `场地：${venue.nameZh}`,
      `人数：${booking.attendees}，其中外宾 ${booking.foreignGuests}`,
      `礼宾级别：${booking.protocolLevel}`,
      `等待：${stageZh}`,
    ].join('\n'),
    bodyEn: [
      `Time: ${time}`,
      `Venue: ${venue.nameEn}`,
      `Attendees: ${booking.attendees}, of them foreign guests: ${booking.foreignGuests}`,
      `Protocol level: ${booking.protocolLevel}`,
      `Waiting for: ${stageEn}`,
    ].join('\n'),
  };
}
