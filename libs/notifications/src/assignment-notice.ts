import { BookingEntity } from '@app/bookings';
import { timeRange } from '@app/common';
import { StaffingRequirementEntity, StaffKind } from '@app/staffing';
import { VenueEntity } from '@app/venues';
import { NotificationKind } from './notification-enums';
import { RenderedNotice } from './security-notice';

export type AssignmentNoticeKind =
  | NotificationKind.ASSIGNMENT_PROPOSED
  | NotificationKind.ASSIGNMENT_MOVED
  | NotificationKind.ASSIGNMENT_CANCELLED;

/** The assignment events the assigned person is told of (not their own answers). */
export const ASSIGNMENT_NOTICES: Record<string, AssignmentNoticeKind> = {
  'assignment.made': NotificationKind.ASSIGNMENT_PROPOSED,
  'assignment.moved': NotificationKind.ASSIGNMENT_MOVED,
  'assignment.cancelled': NotificationKind.ASSIGNMENT_CANCELLED,
};

const HEADINGS: Record<AssignmentNoticeKind, [string, string]> = {
  [NotificationKind.ASSIGNMENT_PROPOSED]: ['新任务，请确认', 'New assignment, please confirm'],
  [NotificationKind.ASSIGNMENT_MOVED]: ['任务时间变更，请确认', 'Assignment moved, please confirm'],
  [NotificationKind.ASSIGNMENT_CANCELLED]: ['任务已取消', 'Assignment cancelled'],
};

/** The place in both languages, e.g. "Interpreter zh→en CONSECUTIVE". */
function roleOf(requirement: StaffingRequirementEntity): [string, string] {
  return requirement.kind === StaffKind.INTERPRETER
    ? [
        `口译 ${requirement.languageFrom}→${requirement.languageTo} ${requirement.mode}`,
        `Interpreter ${requirement.languageFrom}→${requirement.languageTo} ${requirement.mode}`,
      ]
    : ['安保', 'Security officer'];
}

/** Tells an interpreter or officer what, when (in their zone), where, and why if cancelled. */
export function renderAssignmentNotice(
  kind: AssignmentNoticeKind,
  requirement: StaffingRequirementEntity,
  booking: BookingEntity,
  venue: VenueEntity,
  assignment: { startsAt: Date; endsAt: Date; reason: string | null },
  zone: string,
): RenderedNotice {
  const time = timeRange(assignment.startsAt, assignment.endsAt, zone);
  const [zh, en] = roleOf(requirement);
  const [headingZh, headingEn] = HEADINGS[kind];
  const why = kind === NotificationKind.ASSIGNMENT_CANCELLED && assignment.reason;
  return {
    subjectZh: `${headingZh}：${booking.title}`,
    subjectEn: `${headingEn}: ${booking.title}`,
    bodyZh: [
      `岗位：${zh}`,
      `时间：${time}`,
      `场地：${venue.nameZh}（${venue.addressZh}）`,
      ...(why ? [`原因：${why}`] : []),
    ].join('\n'),
    bodyEn: [
      `Role: ${en}`,
      `Time: ${time}`,
      `Venue: ${venue.nameEn} (${venue.addressEn})`,
      ...(why ? [`Reason: ${why}`] : []),
    ].join('\n'),
  };
}

/** Tells the planners who gave back which place, when and where, and why. */
export function renderWithdrawalNotice(
  requirement: StaffingRequirementEntity,
  booking: BookingEntity,
  venue: VenueEntity,
  member: { nameZh: string; nameEn: string },
  assignment: { startsAt: Date; endsAt: Date; reason: string | null },
  zone: string,
): RenderedNotice {
  const time = timeRange(assignment.startsAt, assignment.endsAt, zone);
  const [zh, en] = roleOf(requirement);
  return {
    subjectZh: `任务退出，岗位待补：${booking.title}`,
    subjectEn: `Assignment given back, place open: ${booking.title}`,
    bodyZh: [
      `人员：${member.nameZh}`,
      `岗位：${zh}`,
      `时间：${time}`,
      `场地：${venue.nameZh}（${venue.addressZh}）`,
      `原因：${assignment.reason ?? ''}`,
    ].join('\n'),
    bodyEn: [
      `Staff: ${member.nameEn}`,
      `Role: ${en}`,
      `Time: ${time}`,
      `Venue: ${venue.nameEn} (${venue.addressEn})`,
      `Reason: ${assignment.reason ?? ''}`,
    ].join('\n'),
  };
}
