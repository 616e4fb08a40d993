import { describeMessages } from '@app/common/testing';
import { AssignmentStatus, StaffKind } from './staffing-enums';
import { staffingMessages } from './staffing.messages';

const person = { zh: '王芳', en: 'Wang Fang' };
const from = new Date('2026-06-03T06:00:00Z');
const until = new Date('2026-06-03T08:30:00Z');

describeMessages('staffing', staffingMessages, {
  noStaffMember: ['4711'],
  noRequirement: ['815'],
  noBooking: ['77'],
  noAssignment: ['99'],
  noLeave: ['12'],
  onlyPlannersPlan: [],
  planTooLong: [31],
  onlyApprovedStaffed: ['77', 'CANCELLED'],
  scheduleForPlannersAndSelf: [],
  onlyAdminManagesInterpreters: [],
  onlyAdminAndCoordinatorsManageOfficers: [],
  poolsForPlanners: [],
  staffCalendarForPool: [],
  onlyAdminOverrides: [],
  badHeadcount: [],
  requirementReleased: [],
  mayNotAssign: [StaffKind.SECURITY_OFFICER],
  alreadyAssignedHere: [],
  placesFilled: [4],
  sayWhyDecline: [],
  sayWhyWithdraw: [],
  sayWhyAway: [],
  assignmentIs: ['99', AssignmentStatus.DECLINED],
  onlyProposed: ['99'],
  onlyAssigneeAnswers: [],
  notAValidTime: ['startsAt'],
  oneToThree: ['accreditationLevel'],
  needsLanguagePair: [],
  tooManyLanguagePairs: [50],
  pairOfOneLanguage: [],
  notAMode: ['TELEPATHIC'],
  pairListedTwice: [],
  notASkill: ['JUGGLING'],
  notForKind: [StaffKind.INTERPRETER, 'clearanceLevel'],
  badMaxHours: [],
  notAKind: ['ASTRONAUT'],
  needsAccreditation: [],
  needsClearance: [],
  needsUnit: [],
  notOfKind: [person, StaffKind.INTERPRETER],
  doesNotInterpret: [person, 'zh', 'fr', 'SIMULTANEOUS'],
  clearanceTooLow: [person, 2, 3],
  lacksSkill: [person, 'VIP_PROTECTION'],
  doesNotWorkThen: [person, 'Asia/Shanghai'],
  onLeave: [person, 'Annual leave'],
  assignedElsewhere: [person, from, until, 'Asia/Shanghai', 30],
  overDailyHours: [person, 9.5, '2026-06-03', 8],
  tooLittleRest: [person, 11, until, 'Asia/Shanghai'],
});

describe('staffing messages of a time', () => {
  it('say a clash in the person’s zone, and name the zone', () => {
    const clash = staffingMessages.assignedElsewhere(person, from, until, 'Asia/Shanghai', 30);
    expect(clash.en).toBe(
      'Wang Fang is assigned elsewhere 2026-06-03 14:00–16:30 (Asia/Shanghai), allowing 30 minutes to travel between venues',
    );
    expect(clash.zh).toBe(
      '王芳在 2026-06-03 14:00–16:30 (Asia/Shanghai) 已有其他指派（场地之间预留 30 分钟路程）',
    );
  });
});
