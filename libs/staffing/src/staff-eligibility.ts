import { Message, namesOf } from '@app/common';
import { isOpenForLocalRange, localWeekRange, OpeningPeriod } from '@app/venues';
import { StaffAvailabilityEntity } from './staff-availability.entity';
import { StaffLanguagePairEntity } from './staff-language-pair.entity';
import { StaffLeaveEntity } from './staff-leave.entity';
import { StaffMemberEntity } from './staff-member.entity';
import { StaffSkillEntity } from './staff-skill.entity';
import { StaffKind } from './staffing-enums';
import { StaffingRequirementEntity } from './staffing-requirement.entity';
import { staffingMessages } from './staffing.messages';

/** A staff member with everything the hard constraints look at. */
export interface StaffProfile {
  member: StaffMemberEntity;
  pairs: StaffLanguagePairEntity[];
  skills: StaffSkillEntity[];
  availability: StaffAvailabilityEntity[];
  leave: StaffLeaveEntity[];
}

type Need = Pick<
  StaffingRequirementEntity,
  'kind' | 'languageFrom' | 'languageTo' | 'mode' | 'minClearance' | 'skill'
>;

/**
 * Why a person cannot take a place, written when read: the planner asks of every pair only
 * whether, and reads why only of the few it explains.
 */
export interface Unfit {
  readonly message: Message;
}

export function unfit(say: () => Message): Unfit {
  return {
    get message() {
      return say();
    },
  };
}

/** Why the person cannot fill the need (language, mode, clearance, skill), or null. */
export function qualificationProblem(profile: StaffProfile, need: Need): Unfit | null {
  const { member } = profile;
  if (member.kind !== need.kind)
    return unfit(() => staffingMessages.notOfKind(namesOf(member), need.kind));
  if (need.kind === StaffKind.INTERPRETER) {
    const works = profile.pairs.some(
      (pair) =>
        pair.languageFrom === need.languageFrom &&
        pair.languageTo === need.languageTo &&
        pair.mode === need.mode,
    );
    return works
      ? null
      : unfit(() =>
          staffingMessages.doesNotInterpret(
            namesOf(member),
            String(need.languageFrom),
            String(need.languageTo),
            String(need.mode),
          ),
        );
  }
  if ((member.clearanceLevel ?? 0) < (need.minClearance ?? 0)) {
    return unfit(() =>
      staffingMessages.clearanceTooLow(namesOf(member), member.clearanceLevel, need.minClearance),
    );
  }
  const { skill } = need;
  if (skill && !profile.skills.some((s) => s.skill === skill))
    return unfit(() => staffingMessages.lacksSkill(namesOf(member), skill));
  return null;
}

/** The weekly pattern in the shape the opening-hours rules read. */
function availabilityPeriods(profile: StaffProfile): OpeningPeriod[] {
  return profile.availability.map((a) => ({
    weekday: a.weekday,
    opensMinute: a.fromMinute,
    closesMinute: a.untilMinute,
  }));
}

/** Whether the weekly pattern covers the whole time, in the person's zone. */
export function worksThroughout(profile: StaffProfile, startsAt: Date, endsAt: Date): boolean {
  const zone = profile.member.timeZone;
  return isOpenForLocalRange(
    availabilityPeriods(profile),
    localWeekRange(zone, startsAt, endsAt),
    zone,
    startsAt,
    endsAt,
  );
}

/**
 * Why the person is not available for the whole time (weekly pattern, leave), or null. The
 * planner passes the weekly answer it has worked out once for everyone sharing a pattern.
 */
export function availabilityProblem(
  profile: StaffProfile,
  startsAt: Date,
  endsAt: Date,
  works = worksThroughout(profile, startsAt, endsAt),
): Unfit | null {
  const { member } = profile;
  if (!works)
    return unfit(() => staffingMessages.doesNotWorkThen(namesOf(member), member.timeZone));
  const leave = profile.leave.find((l) => l.startsAt < endsAt && l.endsAt > startsAt);
  return leave ? unfit(() => staffingMessages.onLeave(namesOf(member), leave.reason)) : null;
}
