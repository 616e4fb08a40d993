import { InterpretationMode } from '@app/bookings';
import { checkNewProfile, checkProfileChanges, NewStaffMember } from './staff-profile';
import { SecuritySkill, StaffKind } from './staffing-enums';
import { StaffingError, StaffingErrorCode } from './staffing.errors';

const INTERPRETER: NewStaffMember = {
  kind: StaffKind.INTERPRETER,
  email: 'new@demo.local',
  password: 'secret123',
  nameZh: '新译员',
  nameEn: 'New Interpreter',
  accreditationLevel: 2,
  languagePairs: [{ from: 'zh', to: 'en', mode: InterpretationMode.SIMULTANEOUS }],
  maxHoursPerDay: 8,
  weeklyAvailability: [{ weekday: 1, from: '08:00', until: '18:00' }],
};

const OFFICER: NewStaffMember = {
  kind: StaffKind.SECURITY_OFFICER,
  email: 'officer-new@demo.local',
  password: 'secret123',
  nameZh: '新警官',
  nameEn: 'New Officer',
  unit: '前门派出所 Qianmen Police Station',
  clearanceLevel: 2,
  skills: [SecuritySkill.SCREENING],
  maxHoursPerDay: 10,
};

/** The field a rejected profile names, or 'ok'. */
function fieldOf(check: () => unknown): string {
  try {
    check();
    return 'ok';
  } catch (error) {
    if (error instanceof StaffingError && error.code === StaffingErrorCode.BAD_USER_INPUT)
      return error.field ?? '(none)';
    throw error;
  }
}

describe('checkNewProfile', () => {
  it('stores canonical language tags and availability in minutes', () => {
    const checked = checkNewProfile({
      ...INTERPRETER,
      languagePairs: [{ from: 'ZH-hans', to: 'en', mode: InterpretationMode.CONSECUTIVE }],
      weeklyAvailability: [{ weekday: 5, from: '18:00', until: '02:00' }],
    });
    expect(checked.languagePairs).toEqual([
      { languageFrom: 'zh-Hans', languageTo: 'en', mode: InterpretationMode.CONSECUTIVE },
    ]);
    expect(checked.availability).toEqual([{ weekday: 5, opensMinute: 1080, closesMinute: 120 }]);
    expect(checked.scalars).toMatchObject({ nameEn: 'New Interpreter', accreditationLevel: 2 });
  });

  it('names the field of each broken rule', () => {
    const pair = (from: string, to: string, mode = InterpretationMode.SIMULTANEOUS) => ({
      ...INTERPRETER,
      languagePairs: [{ from, to, mode }],
    });
    const cases: [NewStaffMember, string][] = [
      [pair('xx', 'en'), 'languagePairs[0].from'],
      [pair('zh', 'klingon-x'), 'languagePairs[0].to'],
      [pair('zh', 'ZH'), 'languagePairs[0].to'],
      [pair('zh', 'en', 'WHISPERED' as InterpretationMode), 'languagePairs[0].mode'],
      [{ ...INTERPRETER, languagePairs: [] }, 'languagePairs'],
      [{ ...INTERPRETER, accreditationLevel: 4 }, 'accreditationLevel'],
      [{ ...INTERPRETER, accreditationLevel: null }, 'accreditationLevel'],
      [{ ...INTERPRETER, clearanceLevel: 2 }, 'clearanceLevel'],
      [{ ...INTERPRETER, maxHoursPerDay: 17 }, 'maxHoursPerDay'],
      [{ ...INTERPRETER, maxHoursPerDay: 0 }, 'maxHoursPerDay'],
      [{ ...INTERPRETER, timeZone: 'Mars/Olympus' }, 'timeZone'],
      [{ ...INTERPRETER, nameEn: '  ' }, 'nameEn'],
      [
        { ...INTERPRETER, weeklyAvailability: [{ weekday: 1, from: '8:00', until: '12:00' }] },
        'weeklyAvailability[0].from',
      ],
      [
        { ...INTERPRETER, weeklyAvailability: [{ weekday: 8, from: '08:00', until: '12:00' }] },
        'weeklyAvailability[0].weekday',
      ],
      [{ ...OFFICER, clearanceLevel: 0 }, 'clearanceLevel'],
      [{ ...OFFICER, unit: null }, 'unit'],
      [{ ...OFFICER, accreditationLevel: 1 }, 'accreditationLevel'],
      [{ ...OFFICER, skills: [SecuritySkill.SCREENING, SecuritySkill.SCREENING] }, 'skills[1]'],
    ];
    for (const [input, field] of cases) {
      expect([input, fieldOf(() => checkNewProfile(input))]).toEqual([input, field]);
    }
    expect(fieldOf(() => checkNewProfile(OFFICER))).toBe('ok');
  });
});

describe('checkProfileChanges', () => {
  it('checks only what is given, and replaces lists with what is given', () => {
    expect(checkProfileChanges(StaffKind.SECURITY_OFFICER, { maxHoursPerDay: 12 })).toEqual({
      scalars: { maxHoursPerDay: 12 },
      languagePairs: undefined,
      skills: undefined,
      availability: undefined,
    });
    expect(checkProfileChanges(StaffKind.SECURITY_OFFICER, { skills: [] }).skills).toEqual([]);
  });

  it('refuses the other kind’s fields and empty required values', () => {
    expect(
      fieldOf(() =>
        checkProfileChanges(StaffKind.SECURITY_OFFICER, {
          languagePairs: [{ from: 'zh', to: 'en', mode: InterpretationMode.ESCORT }],
        }),
      ),
    ).toBe('languagePairs');
    expect(fieldOf(() => checkProfileChanges(StaffKind.INTERPRETER, { unit: 'X' }))).toBe('unit');
    expect(fieldOf(() => checkProfileChanges(StaffKind.SECURITY_OFFICER, { unit: null }))).toBe(
      'unit',
    );
  });
});
