import { Locale } from '@app/auth';
import { canonicalLanguage, InterpretationMode, isLanguageTag } from '@app/bookings';
import { inputMessages, isValidTimeZone, Message } from '@app/common';
import { OpeningPeriod, parseWeeklySchedule } from '@app/venues';
import { StaffMemberEntity } from './staff-member.entity';
import { SecuritySkill, StaffKind } from './staffing-enums';
import { StaffingError, StaffingErrorCode } from './staffing.errors';
import { staffingMessages } from './staffing.messages';

/** A direction and mode, languages as BCP 47 tags. */
export interface LanguagePairSpec {
  from: string;
  to: string;
  mode: InterpretationMode;
}

/** ISO weekday (1 = Monday) and "HH:mm" in the staff member's zone; until <= from: the next day. */
export interface AvailabilitySpec {
  weekday: number;
  from: string;
  until: string;
}

/** What may change on a staff member; a list that is given replaces the stored one. */
export interface StaffProfileChanges {
  nameZh?: string;
  nameEn?: string;
  /** Interpreters only. */
  accreditationLevel?: number | null;
  languagePairs?: LanguagePairSpec[];
  /** Security officers only. */
  unit?: string | null;
  clearanceLevel?: number | null;
  skills?: SecuritySkill[];
  maxHoursPerDay?: number;
  timeZone?: string;
  weeklyAvailability?: AvailabilitySpec[];
}

export interface NewStaffMember extends StaffProfileChanges {
  kind: StaffKind;
  email: string;
  password: string;
  /** The account's language; Chinese unless said. */
  locale?: Locale;
  nameZh: string;
  nameEn: string;
  maxHoursPerDay: number;
}

type Scalars = Pick<
  StaffMemberEntity,
  | 'nameZh'
  | 'nameEn'
  | 'accreditationLevel'
  | 'unit'
  | 'clearanceLevel'
  | 'maxHoursPerDay'
  | 'timeZone'
>;

/** Changes with every rule checked, in the shape they are stored. */
export interface CheckedProfile {
  scalars: Partial<Scalars>;
  languagePairs?: { languageFrom: string; languageTo: string; mode: InterpretationMode }[];
  skills?: SecuritySkill[];
  availability?: OpeningPeriod[];
}

export const badStaffInput = (field: string, message: Message) =>
  new StaffingError(StaffingErrorCode.BAD_USER_INPUT, message, field);

const MODES = new Set<string>(Object.values(InterpretationMode));
const SKILLS = new Set<string>(Object.values(SecuritySkill));
/** The width of the language columns. */
const MAX_TAG_LENGTH = 35;

function level(field: string, value: number | null | undefined): number {
  if (!Number.isInteger(value) || value! < 1 || value! > 3)
    throw badStaffInput(field, staffingMessages.oneToThree(field));
  return value!;
}

function text(field: string, value: string, max: number): string {
  const trimmed = value.trim();
  if (!trimmed) throw badStaffInput(field, inputMessages.mustNotBeEmpty(field));
  if (trimmed.length > max) throw badStaffInput(field, inputMessages.atMostCharacters(field, max));
  return trimmed;
}

function languagePairs(specs: readonly LanguagePairSpec[]): CheckedProfile['languagePairs'] {
  if (!specs.length) throw badStaffInput('languagePairs', staffingMessages.needsLanguagePair());
  if (specs.length > 50)
    throw badStaffInput('languagePairs', staffingMessages.tooManyLanguagePairs(50));
  const seen = new Set<string>();
  return specs.map((spec, i) => {
    // The validator booking requests use, so staff and needs speak the same tags.
    for (const side of ['from', 'to'] as const) {
      if (spec[side].length > MAX_TAG_LENGTH || !isLanguageTag(spec[side])) {
        throw badStaffInput(
          `languagePairs[${i}].${side}`,
          inputMessages.unknownLanguage(spec[side]),
        );
      }
    }
    const [from, to] = [canonicalLanguage(spec.from), canonicalLanguage(spec.to)];
    if (from === to)
      throw badStaffInput(`languagePairs[${i}].to`, staffingMessages.pairOfOneLanguage());
    if (!MODES.has(spec.mode)) {
      throw badStaffInput(`languagePairs[${i}].mode`, staffingMessages.notAMode(spec.mode));
    }
    const key = `${from}>${to}>${spec.mode}`;
    if (seen.has(key))
      throw badStaffInput(`languagePairs[${i}]`, staffingMessages.pairListedTwice());
    seen.add(key);
    return { languageFrom: from, languageTo: to, mode: spec.mode };
  });
}

function skills(specs: readonly SecuritySkill[]): SecuritySkill[] {
  specs.forEach((skill, i) => {
    if (!SKILLS.has(skill)) throw badStaffInput(`skills[${i}]`, staffingMessages.notASkill(skill));
    if (specs.indexOf(skill) !== i)
      throw badStaffInput(`skills[${i}]`, inputMessages.listedTwice(skill));
  });
  return [...specs];
}

function availability(specs: readonly AvailabilitySpec[]): OpeningPeriod[] {
  return parseWeeklySchedule(
    specs.map(({ weekday, from, until }) => ({ weekday, opens: from, closes: until })),
    'weeklyAvailability',
    badStaffInput,
    { opens: 'from', closes: 'until', period: { zh: '可工作时段', en: 'Availability period' } },
  );
}

/** Refuses a field that belongs to the other kind of staff. */
function refuseOtherKind(kind: StaffKind, changes: StaffProfileChanges): void {
  const foreign: (keyof StaffProfileChanges)[] =
    kind === StaffKind.INTERPRETER
      ? ['unit', 'clearanceLevel', 'skills']
      : ['accreditationLevel', 'languagePairs'];
  for (const field of foreign) {
    const value = changes[field];
    if (value === undefined || value === null || (Array.isArray(value) && !value.length)) continue;
    throw badStaffInput(field, staffingMessages.notForKind(kind, field));
  }
}

/**
 * Checks the given changes of a staff member of this kind: names, levels 1 to 3, 1 to 16 hours a
 * day, a known time zone, language pairs of two different known languages, skills, and a weekly
 * availability under the venues' opening-hours rules. Throws BAD_USER_INPUT naming the field.
 */
export function checkProfileChanges(kind: StaffKind, changes: StaffProfileChanges): CheckedProfile {
  refuseOtherKind(kind, changes);
  const scalars: Partial<Scalars> = {};
  if (changes.nameZh !== undefined) scalars.nameZh = text('nameZh', changes.nameZh, 100);
  if (changes.nameEn !== undefined) scalars.nameEn = text('nameEn', changes.nameEn, 100);
  if (kind === StaffKind.INTERPRETER) {
    if (changes.accreditationLevel !== undefined)
      scalars.accreditationLevel = level('accreditationLevel', changes.accreditationLevel);
  } else {
    if (changes.unit !== undefined) scalars.unit = text('unit', changes.unit ?? '', 200);
    if (changes.clearanceLevel !== undefined)
      scalars.clearanceLevel = level('clearanceLevel', changes.clearanceLevel);
  }
  if (changes.maxHoursPerDay !== undefined) {
    const hours = changes.maxHoursPerDay;
    if (!Number.isInteger(hours) || hours < 1 || hours > 16)
      throw badStaffInput('maxHoursPerDay', staffingMessages.badMaxHours());
    scalars.maxHoursPerDay = hours;
  }
  if (changes.timeZone !== undefined) {
    if (!isValidTimeZone(changes.timeZone))
      throw badStaffInput('timeZone', inputMessages.unknownTimeZone(changes.timeZone));
    scalars.timeZone = changes.timeZone;
  }
  return {
    scalars,
    languagePairs: changes.languagePairs && languagePairs(changes.languagePairs),
    skills: changes.skills && skills(changes.skills),
    availability: changes.weeklyAvailability && availability(changes.weeklyAvailability),
  };
}

/** A new staff member's profile: also what their kind cannot do without. */
export function checkNewProfile(input: NewStaffMember): CheckedProfile {
  if (!Object.values(StaffKind).includes(input.kind))
    throw badStaffInput('kind', staffingMessages.notAKind(input.kind));
  if (input.kind === StaffKind.INTERPRETER) {
    if (input.accreditationLevel == null)
      throw badStaffInput('accreditationLevel', staffingMessages.needsAccreditation());
    if (input.languagePairs === undefined)
      throw badStaffInput('languagePairs', staffingMessages.needsLanguagePair());
  } else {
    if (input.clearanceLevel == null)
      throw badStaffInput('clearanceLevel', staffingMessages.needsClearance());
    if (input.unit == null) throw badStaffInput('unit', staffingMessages.needsUnit());
  }
  return checkProfileChanges(input.kind, input);
}
