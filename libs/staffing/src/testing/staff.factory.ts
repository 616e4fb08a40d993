import { actorOf, districtAdmin, TEST_PASSWORD } from '@app/auth/testing';
import { InterpretationMode } from '@app/bookings';
import { AppContext } from '@app/common/testing';
import { StaffManagementService } from '../staff-management.service';
import { StaffMemberEntity } from '../staff-member.entity';
import { LanguagePairSpec, NewStaffMember } from '../staff-profile';
import { StaffKind } from '../staffing-enums';

export interface StaffSpec extends Partial<NewStaffMember> {
  /** Interpreters: languages they work in to and from Chinese, in every mode (`['en']` by default). */
  languages?: string[];
  /** Officers: their clearance level (2 by default). */
  clearance?: number;
}

let made = 0;

/** Each language to and from Chinese, in every mode. */
function withChinese(languages: string[]): LanguagePairSpec[] {
  return languages.flatMap((language) =>
    Object.values(InterpretationMode).flatMap((mode) => [
      { from: 'zh', to: language, mode },
      { from: language, to: 'zh', mode },
    ]),
  );
}

/**
 * A staff member with their sign-in account, made by the district admin through
 * StaffManagementService. Defaults: an interpreter of English (accreditation 2) or an officer of
 * clearance 2 without special skills, available all day every day, up to 10 hours a day.
 */
export async function newStaff(app: AppContext, spec: StaffSpec = {}): Promise<StaffMemberEntity> {
  const { languages = ['en'], clearance = 2, ...profile } = spec;
  const kind = profile.kind ?? StaffKind.INTERPRETER;
  const interpreter = kind === StaffKind.INTERPRETER;
  const n = ++made;
  const name = interpreter ? 'interpreter' : 'officer';
  const admin = actorOf(await districtAdmin(app));
  return app.get(StaffManagementService).create(admin, {
    email: `${name}-${n}@test.local`,
    password: TEST_PASSWORD,
    nameZh: interpreter ? `测试译员${n}` : `测试警员${n}`,
    nameEn: interpreter ? `Test Interpreter ${n}` : `Test Officer ${n}`,
    maxHoursPerDay: 10,
    weeklyAvailability: [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({
      weekday,
      from: '00:00',
      until: '24:00',
    })),
    ...(interpreter
      ? { accreditationLevel: 2, languagePairs: withChinese(languages) }
      : { unit: 'Test Police Station', clearanceLevel: clearance, skills: [] }),
    ...profile,
    kind,
  });
}
