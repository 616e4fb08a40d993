import { BookingEntity } from '@app/bookings';
import { localTime, timeRange } from '@app/common';
import { ReminderRule } from '@app/config';
import { VenueEntity } from '@app/venues';
import { RenderedNotice } from './security-notice';

/** A reminder in both languages, its times in the recipient's zone (else the venue's). */
export function renderReminder(
  rule: ReminderRule,
  booking: BookingEntity,
  venue: VenueEntity,
  zone: string | null,
): RenderedNotice {
  const local = (date: Date) => localTime(date, zone ?? venue.timeZone);
  const when = timeRange(booking.startsAt, booking.endsAt, zone ?? venue.timeZone);
  const where = { zh: venue.nameZh, en: venue.nameEn };
  if (rule.anchor === 'hold') {
    const until = local(booking.holdExpiresAt ?? booking.startsAt);
    return {
      subjectZh: `预留即将到期：${booking.title}`,
      subjectEn: `Your hold runs out soon: ${booking.title}`,
      bodyZh: `预留将于 ${until} 到期，请在此之前提交预订，否则时段将被释放。时间：${when}；场地：${where.zh}。`,
      bodyEn: `The hold ends at ${until}: submit the booking before then, or the slot is released. Time: ${when}; venue: ${where.en}.`,
    };
  }
  if (rule.audience === 'feedback') {
    return {
      subjectZh: `请评价：${booking.title}`,
      subjectEn: `How was it? ${booking.title}`,
      bodyZh: `活动已于 ${local(booking.endsAt)} 结束（${where.zh}）。请对场地、翻译和安保服务进行评价。`,
      bodyEn: `The event ended at ${local(booking.endsAt)} (${where.en}). Please rate the venue, interpretation and security.`,
    };
  }
  if (rule.audience === 'approvers') {
    return {
      subjectZh: `待审批：${booking.title}`,
      subjectEn: `Waiting for approval: ${booking.title}`,
      bodyZh: `预订申请仍待审批。时间：${when}；场地：${where.zh}。`,
      bodyEn: `This booking request is still waiting for approval. Time: ${when}; venue: ${where.en}.`,
    };
  }
  return {
    subjectZh: `活动提醒：${booking.title}`,
    subjectEn: `Reminder: ${booking.title}`,
    bodyZh: `时间：${when}\n场地：${where.zh}（${venue.addressZh}）`,
    bodyEn: `Time: ${when}\nVenue: ${where.en} (${venue.addressEn})`,
  };
}
