import { Bilingual, messages, timeRange, zonedTime } from '@app/common';
import { AssignmentStatus, StaffKind } from './staffing-enums';

const KIND: Record<StaffKind, Bilingual> = {
  [StaffKind.INTERPRETER]: { zh: '口译员', en: 'an interpreter' },
  [StaffKind.SECURITY_OFFICER]: { zh: '安保人员', en: 'a security officer' },
};

/** What staffing errors say, in both languages (see DomainError); times in the person's zone. */
export const staffingMessages = messages({
  noStaffMember: (id: string) => ({ zh: `没有工作人员 ${id}`, en: `No staff member ${id}` }),
  noRequirement: (id: string) => ({ zh: `没有人员需求 ${id}`, en: `No requirement ${id}` }),
  noBooking: (id: string) => ({ zh: `没有预订 ${id}`, en: `No booking ${id}` }),
  noAssignment: (id: string) => ({ zh: `没有指派 ${id}`, en: `No assignment ${id}` }),
  noLeave: (id: string) => ({ zh: `没有请假记录 ${id}`, en: `No leave ${id}` }),
  onlyPlannersPlan: () => ({
    zh: '只有人员调配者可以运行排班',
    en: 'Only staffing planners run the planner',
  }),
  planTooLong: (days: number) => ({
    zh: `每次最多排 ${days} 天`,
    en: `Plan at most ${days} days at a time`,
  }),
  onlyApprovedStaffed: (id: string, status: string) => ({
    zh: `预订 ${id} 当前为 ${status}；只有已批准的预订才安排人员`,
    en: `Booking ${id} is ${status}; only approved bookings are staffed`,
  }),
  scheduleForPlannersAndSelf: () => ({
    zh: '工作人员的请假和工作时间只对调配者和本人开放',
    en: "A staff member's leave and working hours are open to planners and to them only",
  }),
  onlyAdminManagesInterpreters: () => ({
    zh: '只有区级管理员可以管理口译员',
    en: 'Only the district admin manages interpreters',
  }),
  onlyAdminAndCoordinatorsManageOfficers: () => ({
    zh: '只有区级管理员和安保协调员可以管理安保人员',
    en: 'Only the district admin and security coordinators manage security officers',
  }),
  poolsForPlanners: () => ({
    zh: '人员库只对调配者开放',
    en: 'The staff pools are open to planners only',
  }),
  staffCalendarForPool: () => ({
    zh: '只有人员库中的成员才有工作人员日历',
    en: 'Only members of a staff pool have a staff calendar',
  }),
  onlyAdminOverrides: () => ({
    zh: '只有区级管理员可以调整人员需求',
    en: 'Only the district admin overrides requirements',
  }),
  badHeadcount: () => ({ zh: 'headcount 须为 1 到 200', en: 'headcount must be 1 to 200' }),
  requirementReleased: () => ({
    zh: '此人员需求已释放',
    en: 'This requirement has been released',
  }),
  mayNotAssign: (kind: StaffKind) => ({
    zh: `您不能指派 ${kind} 人员`,
    en: `You may not assign ${kind} staff`,
  }),
  alreadyAssignedHere: () => ({
    zh: '此人已被指派到这里',
    en: 'This person is already assigned here',
  }),
  placesFilled: (headcount: number) => ({
    zh: `${headcount} 个名额已满`,
    en: `All ${headcount} places are filled`,
  }),
  sayWhyDecline: () => ({ zh: '请说明拒绝的原因', en: 'Say why you decline' }),
  sayWhyWithdraw: () => ({ zh: '请说明退出的原因', en: 'Say why you withdraw' }),
  sayWhyAway: () => ({ zh: '请说明此人不在岗的原因', en: 'Say why the person is away' }),
  assignmentIs: (id: string, status: AssignmentStatus) => ({
    zh: `指派 ${id} 当前为 ${status}`,
    en: `Assignment ${id} is ${status}`,
  }),
  onlyProposed: (id: string) => ({
    zh: `指派 ${id} 仅为提议：请改为拒绝`,
    en: `Assignment ${id} is only proposed: decline it instead`,
  }),
  onlyAssigneeAnswers: () => ({
    zh: '只有被指派的人可以答复或退回指派',
    en: 'Only the assigned person answers or gives back an assignment',
  }),
  notAValidTime: (field: string) => ({
    zh: `${field} 必须是有效的时间`,
    en: `${field} must be a valid time`,
  }),
  oneToThree: (field: string) => ({ zh: `${field} 须为 1 到 3`, en: `${field} must be 1 to 3` }),
  needsLanguagePair: () => ({
    zh: '口译员至少需要一个语言对',
    en: 'An interpreter needs at least one language pair',
  }),
  tooManyLanguagePairs: (max: number) => ({
    zh: `最多 ${max} 个语言对`,
    en: `At most ${max} language pairs`,
  }),
  pairOfOneLanguage: () => ({
    zh: '语言对需要两种不同的语言',
    en: 'A pair needs two different languages',
  }),
  notAMode: (mode: string) => ({
    zh: `${mode} 不是口译方式`,
    en: `${mode} is not an interpretation mode`,
  }),
  pairListedTwice: () => ({ zh: '此语言对重复列出', en: 'This pair is listed twice' }),
  notASkill: (skill: string) => ({ zh: `${skill} 不是技能`, en: `${skill} is not a skill` }),
  notForKind: (kind: StaffKind, field: string) => ({
    zh: `${KIND[kind].zh}没有 ${field}`,
    en: `${kind === StaffKind.INTERPRETER ? 'Interpreters' : 'Security officers'} have no ${field}`,
  }),
  badMaxHours: () => ({
    zh: 'maxHoursPerDay 须为 1 到 16',
    en: 'maxHoursPerDay must be 1 to 16',
  }),
  notAKind: (kind: string) => ({
    zh: `${kind} 不是工作人员类别`,
    en: `${kind} is not a kind of staff`,
  }),
  needsAccreditation: () => ({
    zh: '口译员需要资质等级',
    en: 'An interpreter needs an accreditation level',
  }),
  needsClearance: () => ({
    zh: '安保人员需要审查等级',
    en: 'A security officer needs a clearance level',
  }),
  needsUnit: () => ({ zh: '安保人员需要所属单位', en: 'A security officer needs a unit' }),
  // Why a person cannot take a place (staff-eligibility, schedule-rules).
  notOfKind: (person: Bilingual, kind: StaffKind) => ({
    zh: `${person.zh}不是${KIND[kind].zh}`,
    en: `${person.en} is not ${KIND[kind].en}`,
  }),
  doesNotInterpret: (person: Bilingual, from: string, to: string, mode: string) => ({
    zh: `${person.zh}不做 ${from}→${to} ${mode} 口译`,
    en: `${person.en} does not interpret ${from}→${to} ${mode}`,
  }),
  clearanceTooLow: (person: Bilingual, has: number | null, needed: number | null) => ({
    zh: `${person.zh}的审查等级为 ${has}；需要 ${needed}`,
    en: `${person.en} has clearance ${has}; ${needed} is needed`,
  }),
  lacksSkill: (person: Bilingual, skill: string) => ({
    zh: `${person.zh}不具备 ${skill}`,
    en: `${person.en} lacks ${skill}`,
  }),
  doesNotWorkThen: (person: Bilingual, zone: string) => ({
    zh: `${person.zh}在该时间不工作（${zone}）`,
    en: `${person.en} does not work then (${zone})`,
  }),
  onLeave: (person: Bilingual, reason: string) => ({
    zh: `${person.zh}正在休假：${reason}`,
    en: `${person.en} is on leave: ${reason}`,
  }),
  assignedElsewhere: (
    person: Bilingual,
    from: Date,
    until: Date,
    zone: string,
    travelMinutes: number,
  ) => ({
    zh: `${person.zh}在 ${timeRange(from, until, zone)} 已有其他指派（场地之间预留 ${travelMinutes} 分钟路程）`,
    en: `${person.en} is assigned elsewhere ${timeRange(from, until, zone)}, allowing ${travelMinutes} minutes to travel between venues`,
  }),
  overDailyHours: (person: Bilingual, hours: number, day: string, limit: number) => ({
    zh: `${person.zh}在 ${day} 将工作 ${hours} 小时；上限为 ${limit}`,
    en: `${person.en} would work ${hours} hours on ${day}; the limit is ${limit}`,
  }),
  tooLittleRest: (person: Bilingual, restHours: number, otherEndsAt: Date, zone: string) => ({
    zh: `${person.zh}在两个工作日之间需要休息 ${restHours} 小时；另一项指派于 ${zonedTime(otherEndsAt, zone)} 结束`,
    en: `${person.en} needs ${restHours} hours of rest between working days; another assignment ends ${zonedTime(otherEndsAt, zone)}`,
  }),
});
