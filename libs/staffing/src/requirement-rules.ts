import {
  InterpretationMode,
  InterpretationNeed,
  ProtocolLevel,
  REQUIRED_SECURITY_LEVEL,
} from '@app/bookings';
import { SecuritySkill, StaffKind } from './staffing-enums';

/** What an event needs from the staff pools, before anyone is assigned. */
export interface RequirementSpec {
  kind: StaffKind;
  headcount: number;
  startsAt: Date;
  endsAt: Date;
  languageFrom: string | null;
  languageTo: string | null;
  mode: InterpretationMode | null;
  minClearance: number | null;
  skill: SecuritySkill | null;
}

export interface StaffedEvent {
  startsAt: Date;
  endsAt: Date;
  /** Security works the whole occupied range: setup and teardown included. */
  occupiedFrom: Date;
  occupiedUntil: Date;
  attendees: number;
  protocolLevel: ProtocolLevel;
  interpretation: InterpretationNeed[];
}

const HOUR = 3_600_000;

/** VIP protection officers on top of the general detail, by protocol level. */
const VIP_PROTECTION_OFFICERS: Record<ProtocolLevel, number> = {
  [ProtocolLevel.STANDARD]: 0,
  [ProtocolLevel.HIGH]: 2,
  [ProtocolLevel.STATE]: 4,
};

/**
 * Interpreters per language pair: a simultaneous team of two (three past six hours, for
 * relief); one consecutive interpreter (two past three hours); one escort interpreter.
 */
export function interpretersFor(mode: InterpretationMode, hours: number): number {
  switch (mode) {
    case InterpretationMode.SIMULTANEOUS:
      return hours > 6 ? 3 : 2;
    case InterpretationMode.CONSECUTIVE:
      return hours > 3 ? 2 : 1;
    case InterpretationMode.ESCORT:
      return 1;
  }
}

/** The one rule table: what a booking needs, derived from its size, protocol, venue and languages. */
export function deriveRequirements(
  event: StaffedEvent,
  venueSecurityLevel: number,
): RequirementSpec[] {
  const hours = (event.endsAt.getTime() - event.startsAt.getTime()) / HOUR;
  const interpreters = event.interpretation.map<RequirementSpec>((need) => ({
    kind: StaffKind.INTERPRETER,
    headcount: interpretersFor(need.mode, hours),
    startsAt: event.startsAt,
    endsAt: event.endsAt,
    languageFrom: need.from,
    languageTo: need.to,
    mode: need.mode,
    minClearance: null,
    skill: null,
  }));
  const clearance = Math.max(venueSecurityLevel, REQUIRED_SECURITY_LEVEL[event.protocolLevel]);
  const security = (headcount: number, skill: SecuritySkill | null): RequirementSpec => ({
    kind: StaffKind.SECURITY_OFFICER,
    headcount,
    startsAt: event.occupiedFrom,
    endsAt: event.occupiedUntil,
    languageFrom: null,
    languageTo: null,
    mode: null,
    minClearance: clearance,
    skill,
  });
  const officers = [security(Math.max(2, Math.ceil(event.attendees / 50)), null)];
  const vip = VIP_PROTECTION_OFFICERS[event.protocolLevel];
  if (vip > 0) officers.push(security(vip, SecuritySkill.VIP_PROTECTION));
  return [...interpreters, ...officers];
}

/** Identifies a rule-table line within one booking: stable across reschedules. */
export function ruleKeyOf(spec: RequirementSpec): string {
  return spec.kind === StaffKind.INTERPRETER
    ? `${spec.kind}:${spec.languageFrom}>${spec.languageTo}:${spec.mode}`
    : `${spec.kind}:${spec.skill ?? 'GENERAL'}`;
}
