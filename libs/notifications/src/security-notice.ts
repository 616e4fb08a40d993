import { BookingEntity, BookingStatus, BookingTransitionKind } from '@app/bookings';
import { timeRange } from '@app/common';
import { VenueEntity } from '@app/venues';
import { NotificationKind } from './notification-enums';

export type SecurityNoticeKind =
  | NotificationKind.SECURITY_APPROVED
  | NotificationKind.SECURITY_CHANGED
  | NotificationKind.SECURITY_CANCELLED;

/**
 * What a booking change means for security, or null when it means nothing to them: an event
 * approved, an approved event moved (at once, or by an approved change: the same notice either
 * way), an approved event cancelled. A change still waiting for approval changes nothing yet.
 */
export function securityNoticeKind(change: {
  kind: BookingTransitionKind;
  from: BookingStatus | null;
  to: BookingStatus;
}): SecurityNoticeKind | null {
  const { kind, from, to } = change;
  if (from === BookingStatus.APPROVED && to === BookingStatus.APPROVED)
    return kind === 'rescheduled' ? NotificationKind.SECURITY_CHANGED : null;
  if (to === BookingStatus.APPROVED) return NotificationKind.SECURITY_APPROVED;
  if (from === BookingStatus.APPROVED && to === BookingStatus.CANCELLED)
    return NotificationKind.SECURITY_CANCELLED;
  return null;
}

/** The security notices a later one about the same event replaces. */
export const SUPERSEDED_BY_LATER: NotificationKind[] = [
  NotificationKind.SECURITY_APPROVED,
  NotificationKind.SECURITY_CHANGED,
];

/** Where an approved event was before it moved, for the notice that replaces the earlier one. */
export interface EarlierPlace {
  startsAt: Date;
  endsAt: Date;
  venue: VenueEntity;
}

export interface StaffingStatus {
  needed: number;
  assigned: number;
}

export interface RenderedNotice {
  subjectZh: string;
  subjectEn: string;
  bodyZh: string;
  bodyEn: string;
}

const HEADINGS: Record<SecurityNoticeKind, [string, string]> = {
  [NotificationKind.SECURITY_APPROVED]: ['涉外活动安保通知', 'Security notice'],
  [NotificationKind.SECURITY_CHANGED]: ['涉外活动变更安保通知', 'Security notice: event changed'],
  [NotificationKind.SECURITY_CANCELLED]: [
    '涉外活动取消安保通知',
    'Security notice: event cancelled',
  ],
};

/**
 * What a security coordinator needs about the event, and no more: time (in the recipient's zone,
 * else the venue's), venue, attendees, foreign guests, delegation countries, protocol level and
 * how far security staffing has come. Both languages, for the recipient's locale to choose.
 */
export function renderSecurityNotice(
  kind: SecurityNoticeKind,
  booking: BookingEntity,
  venue: VenueEntity,
  staffing: StaffingStatus,
  recipientZone: string | null,
  earlier: EarlierPlace | null = null,
): RenderedNotice {
  const zone = recipientZone ?? venue.timeZone;
  const time = timeRange(booking.startsAt, booking.endsAt, zone);
  const was =
    earlier && timeRange(earlier.startsAt, earlier.endsAt, recipientZone ?? earlier.venue.timeZone);
  const countries = booking.delegationCountries.join(', ') || '—';
  const [headingZh, headingEn] = HEADINGS[kind];
  return {
    subjectZh: `${headingZh}：${booking.title}`,
    subjectEn: `${headingEn}: ${booking.title}`,
    bodyZh: [
      `时间：${time}`,
      `场地：${venue.nameZh}（${venue.addressZh}）`,
      `人数：${booking.attendees}，其中外宾 ${booking.foreignGuests}`,
      `代表团国家：${countries}`,
      `礼宾级别：${booking.protocolLevel}`,
      `安保人员：已安排 ${staffing.assigned} / 需要 ${staffing.needed}`,
      ...(earlier
        ? [
            `原安排作废：${was}，${earlier.venue.nameZh}。本通知取代此前的通知，此前通知无需再确认。`,
          ]
        : []),
    ].join('\n'),
    bodyEn: [
      `Time: ${time}`,
      `Venue: ${venue.nameEn} (${venue.addressEn})`,
      `Attendees: ${booking.attendees}, of them foreign guests: ${booking.foreignGuests}`,
      `Delegation countries: ${countries}`,
      `Protocol level: ${booking.protocolLevel}`,
      `Security officers: ${staffing.assigned} assigned of ${staffing.needed} needed`,
      ...(earlier
        ? [
            `No longer valid: ${was} at ${earlier.venue.nameEn}. This notice replaces the earlier one, which needs no acknowledgement any more.`,
          ]
        : []),
    ].join('\n'),
  };
}
