import { ApprovalStage, BookingEntity, BookingStatus, pendingChangeOf } from '@app/bookings';
import { timeRange } from '@app/common';
import { VenueEntity } from '@app/venues';
import { BookingEventPayload } from './booking-event';
import { RenderedNotice } from './security-notice';

/**
 * Whether a change puts a decision before approvers now: it left the booking, or its pending
 * change, waiting (a request, a submission, a move, a change proposed to an approved booking, the
 * subdistrict's hand-over to the district), and the booking still stands as that change left it.
 */
export function asksApprovers(payload: BookingEventPayload, booking: BookingEntity): boolean {
  // Events written before they carried the stage: a request left pending.
  const waiting =
    payload.approvalStage !== undefined
      ? payload.approvalStage !== null
      : payload.to === BookingStatus.PENDING_APPROVAL;
  return waiting && booking.approvalStage !== null && booking.version === payload.version;
}

/**
 * The approvers' notice in both languages: what waits for them, when, where, how big. For a
 * pending change, `venue` is the venue it asks for, and the approved time is named beside it.
 */
export function renderApprovalRequest(
  booking: BookingEntity,
  venue: VenueEntity,
  zone: string | null,
  approvedVenue: VenueEntity | null = null,
): RenderedNotice {
  const change = pendingChangeOf(booking);
  const shown = change ?? booking;
  const time = timeRange(shown.startsAt, shown.endsAt, zone ?? venue.timeZone);
  const approved =
    change && approvedVenue
      ? timeRange(booking.startsAt, booking.endsAt, zone ?? approvedVenue.timeZone)
      : null;
  const [stageZh, stageEn] =
    booking.approvalStage === ApprovalStage.DISTRICT
      ? ['区外办审批', 'the district’s approval']
      : ['街道审批', 'the subdistrict’s approval'];
  return {
    subjectZh: `${change ? '待审批变更' : '待审批'}：${booking.title}`,
    subjectEn: `${change ? 'Change to approve' : 'Approval requested'}: ${booking.title}`,
    bodyZh: [
      ...(approved
        ? [`已批准的安排：${approved}，${approvedVenue!.nameZh}（批准前保持有效）`, '申请变更为：']
        : []),
      `时间：${time}`,
      `场地：${venue.nameZh}`,
      `人数：${booking.attendees}，其中外宾 ${booking.foreignGuests}`,
      `礼宾级别：${booking.protocolLevel}`,
      `等待：${stageZh}`,
    ].join('\n'),
    bodyEn: [
      ...(approved
        ? [
            `Approved: ${approved} at ${approvedVenue!.nameEn} (stands until the change is decided)`,
            'Asked to move to:',
          ]
        : []),
      `Time: ${time}`,
      `Venue: ${venue.nameEn}`,
      `Attendees: ${booking.attendees}, of them foreign guests: ${booking.foreignGuests}`,
      `Protocol level: ${booking.protocolLevel}`,
      `Waiting for: ${stageEn}`,
    ].join('\n'),
  };
}
