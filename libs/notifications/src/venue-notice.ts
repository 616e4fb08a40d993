import { BookingEntity } from '@app/bookings';
import { timeRange } from '@app/common';
import { VenueEntity, VenueEventPayload, VenueFieldChange } from '@app/venues';
import { RenderedNotice } from './security-notice';

/** The venue events that tell someone, by their outbox event type. */
export enum VenueEventType {
  SUBMITTED = 'venue.submitted',
  APPROVED = 'venue.approved',
  REJECTED = 'venue.rejected',
  SUSPENDED = 'venue.suspended',
  CHANGE_REQUESTED = 'venue.change-requested',
  CHANGE_APPROVED = 'venue.change-approved',
  CHANGE_REJECTED = 'venue.change-rejected',
  BLACKOUT_ADDED = 'venue.blackout-added',
  /** Announced only when the opening hours changed. */
  UPDATED = 'venue.updated',
}

const changeLines = (changes: VenueFieldChange[]) =>
  changes.map((c) => `  ${c.field}: ${c.from ?? '—'} → ${c.to ?? '—'}`);

const venueLines = (venue: VenueEntity): [string, string] => [
  `场地：${venue.nameZh}（${venue.addressZh}）`,
  `Venue: ${venue.nameEn} (${venue.addressEn})`,
];

/** To the district: a new venue, or a change to a reviewed venue's facts, waits for its review. */
export function renderVenueSubmitted(
  type: VenueEventType.SUBMITTED | VenueEventType.CHANGE_REQUESTED,
  venue: VenueEntity,
  payload: VenueEventPayload,
): RenderedNotice {
  const [venueZh, venueEn] = venueLines(venue);
  if (type === VenueEventType.SUBMITTED) {
    return {
      subjectZh: `场地待审核：${venue.nameZh}`,
      subjectEn: `Venue waiting for review: ${venue.nameEn}`,
      bodyZh: [
        venueZh,
        `容纳：坐席 ${venue.seatedCapacity}，安保等级 ${venue.securityLevel}`,
        '请审核（reviewVenue）。',
      ].join('\n'),
      bodyEn: [
        venueEn,
        `Seats: ${venue.seatedCapacity}, security level ${venue.securityLevel}`,
        'Please review it (reviewVenue).',
      ].join('\n'),
    };
  }
  return {
    subjectZh: `场地变更待审核：${venue.nameZh}`,
    subjectEn: `Venue change waiting for review: ${venue.nameEn}`,
    bodyZh: [
      venueZh,
      '申请变更（审核通过前场地保持原值）：',
      ...changeLines(payload.changes),
      '请审核（reviewVenueChange）。',
    ].join('\n'),
    bodyEn: [
      venueEn,
      'Asked for (the venue keeps its reviewed values until approved):',
      ...changeLines(payload.changes),
      'Please review it (reviewVenueChange).',
    ].join('\n'),
  };
}

/** To the venue's managers: the district's decision on the venue or on its change, and why. */
export function renderVenueReviewed(
  type:
    | VenueEventType.APPROVED
    | VenueEventType.REJECTED
    | VenueEventType.CHANGE_APPROVED
    | VenueEventType.CHANGE_REJECTED,
  venue: VenueEntity,
  payload: VenueEventPayload,
): RenderedNotice {
  const [venueZh, venueEn] = venueLines(venue);
  const reason = payload.reason ?? '—';
  switch (type) {
    case VenueEventType.APPROVED:
      return {
        subjectZh: `场地审核通过：${venue.nameZh}`,
        subjectEn: `Venue approved: ${venue.nameEn}`,
        bodyZh: [venueZh, '场地已上线，可接受预订。'].join('\n'),
        bodyEn: [venueEn, 'The venue is ACTIVE and open for bookings.'].join('\n'),
      };
    case VenueEventType.REJECTED:
      return {
        subjectZh: `场地审核退回：${venue.nameZh}`,
        subjectEn: `Venue sent back: ${venue.nameEn}`,
        bodyZh: [venueZh, `原因：${reason}`, '场地已退回草稿，修改后可重新提交。'].join('\n'),
        bodyEn: [
          venueEn,
          `Reason: ${reason}`,
          'The venue is a DRAFT again; edit it and submit it again.',
        ].join('\n'),
      };
    case VenueEventType.CHANGE_APPROVED:
      return {
        subjectZh: `场地变更已批准：${venue.nameZh}`,
        subjectEn: `Venue change approved: ${venue.nameEn}`,
        bodyZh: [venueZh, '已生效：', ...changeLines(payload.changes)].join('\n'),
        bodyEn: [venueEn, 'Now in effect:', ...changeLines(payload.changes)].join('\n'),
      };
    case VenueEventType.CHANGE_REJECTED:
      return {
        subjectZh: `场地变更未获批准：${venue.nameZh}`,
        subjectEn: `Venue change rejected: ${venue.nameEn}`,
        bodyZh: [
          venueZh,
          `原因：${reason}`,
          '未获批准（场地保持原值）：',
          ...changeLines(payload.changes),
        ].join('\n'),
        bodyEn: [
          venueEn,
          `Reason: ${reason}`,
          'Not approved (the venue keeps its reviewed values):',
          ...changeLines(payload.changes),
        ].join('\n'),
      };
  }
}

/**
 * To those behind one booking at a venue just suspended: the booking stands as it is until its
 * organizer moves or cancels it; moving it to another venue is the expected next step.
 */
/** Why a venue can no longer hold a booking: a blackout over it, or opening hours that exclude it. */
export type Unavailability =
  { kind: 'blackout'; startsAt: Date; endsAt: Date; reason: string | null } | { kind: 'hours' };

/** To those behind a booking the venue can no longer hold: when, why, and what to do. */
export function renderVenueUnavailable(
  booking: BookingEntity,
  venue: VenueEntity,
  why: Unavailability,
  zone: string | null,
): RenderedNotice {
  const shownZone = zone ?? venue.timeZone;
  const time = timeRange(booking.startsAt, booking.endsAt, shownZone);
  const [venueZh, venueEn] = venueLines(venue);
  const [whyZh, whyEn] =
    why.kind === 'blackout'
      ? [
          `场地关闭：${timeRange(why.startsAt, why.endsAt, shownZone)}，原因：${why.reason ?? '—'}`,
          `Venue closed: ${timeRange(why.startsAt, why.endsAt, shownZone)}, because: ${why.reason ?? '—'}`,
        ]
      : [
          '场地开放时间已调整，届时不再全程开放（含布场与撤场）。',
          'The venue’s opening hours changed: it is no longer open for the whole booking (setup and teardown included).',
        ];
  return {
    subjectZh: `场地届时不可用：${booking.title}`,
    subjectEn: `Venue unavailable then: ${booking.title}`,
    bodyZh: [
      `活动：${booking.title}（${booking.status}）`,
      `时间：${time}`,
      venueZh,
      whyZh,
      '该预订保持不变，直至组织方改期或取消；请将活动改至其他时间或场地。',
    ].join('\n'),
    bodyEn: [
      `Event: ${booking.title} (${booking.status})`,
      `Time: ${time}`,
      venueEn,
      whyEn,
      'The booking stays as it is until its organizer moves or cancels it; the expected next step ' +
        'is to reschedule it to another time or venue.',
    ].join('\n'),
  };
}

export function renderVenueSuspended(
  booking: BookingEntity,
  venue: VenueEntity,
  reason: string | null,
  zone: string | null,
): RenderedNotice {
  const time = timeRange(booking.startsAt, booking.endsAt, zone ?? venue.timeZone);
  const [venueZh, venueEn] = venueLines(venue);
  return {
    subjectZh: `场地暂停使用：${booking.title}`,
    subjectEn: `Venue suspended: ${booking.title}`,
    bodyZh: [
      `活动：${booking.title}（${booking.status}）`,
      `时间：${time}`,
      venueZh,
      `暂停原因：${reason ?? '—'}`,
      '该预订保持不变，直至组织方改期或取消；请将活动改至其他场地（rescheduleBooking 并指定新场地）。',
    ].join('\n'),
    bodyEn: [
      `Event: ${booking.title} (${booking.status})`,
      `Time: ${time}`,
      venueEn,
      `Why suspended: ${reason ?? '—'}`,
      'The booking stays as it is until its organizer moves or cancels it; the expected next step ' +
        'is to reschedule it to another venue (rescheduleBooking with a new venueId).',
    ].join('\n'),
  };
}
