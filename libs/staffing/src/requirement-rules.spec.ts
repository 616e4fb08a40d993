import { InterpretationMode, ProtocolLevel } from '@app/bookings';
import { deriveRequirements, interpretersFor } from './requirement-rules';
import { SecuritySkill, StaffKind } from './staffing-enums';

const at = (iso: string) => new Date(iso);

function event(hours: number, overrides: Partial<Parameters<typeof deriveRequirements>[0]> = {}) {
  const startsAt = at('2026-06-03T01:00:00Z');
  const endsAt = new Date(startsAt.getTime() + hours * 3_600_000);
  return {
    startsAt,
    endsAt,
    occupiedFrom: new Date(startsAt.getTime() - 30 * 60_000),
    occupiedUntil: new Date(endsAt.getTime() + 30 * 60_000),
    attendees: 80,
    protocolLevel: ProtocolLevel.STANDARD,
    interpretation: [],
    ...overrides,
  };
}

describe('the staffing rule table', () => {
  it.each([
    [InterpretationMode.SIMULTANEOUS, 2, 2],
    [InterpretationMode.SIMULTANEOUS, 6, 2],
    [InterpretationMode.SIMULTANEOUS, 6.5, 3],
    [InterpretationMode.CONSECUTIVE, 3, 1],
    [InterpretationMode.CONSECUTIVE, 3.25, 2],
    [InterpretationMode.ESCORT, 8, 1],
  ])('%s for %p hours needs %p interpreters per pair', (mode, hours, expected) => {
    expect(interpretersFor(mode, hours)).toBe(expected);
  });

  it('gives each language pair its own interpreter requirement over the event time', () => {
    const specs = deriveRequirements(
      event(4, {
        interpretation: [
          { from: 'zh', to: 'en', mode: InterpretationMode.SIMULTANEOUS },
          { from: 'zh', to: 'ar', mode: InterpretationMode.CONSECUTIVE },
        ],
      }),
      1,
    );
    const interpreters = specs.filter((s) => s.kind === StaffKind.INTERPRETER);
    expect(interpreters).toEqual([
      expect.objectContaining({
        languageFrom: 'zh',
        languageTo: 'en',
        mode: 'SIMULTANEOUS',
        headcount: 2,
      }),
      expect.objectContaining({
        languageFrom: 'zh',
        languageTo: 'ar',
        mode: 'CONSECUTIVE',
        headcount: 2,
      }),
    ]);
    expect(interpreters[0].startsAt).toEqual(at('2026-06-03T01:00:00Z'));
  });

  it.each([
    [10, 2],
    [100, 2],
    [101, 3],
    [480, 10],
  ])('%p attendees need %p security officers', (attendees, officers) => {
    const [general] = deriveRequirements(event(2, { attendees }), 1);
    expect(general).toMatchObject({
      kind: StaffKind.SECURITY_OFFICER,
      headcount: officers,
      skill: null,
    });
  });

  it.each([
    [ProtocolLevel.STANDARD, 1, 1, 0],
    [ProtocolLevel.STANDARD, 3, 3, 0],
    [ProtocolLevel.HIGH, 1, 2, 2],
    [ProtocolLevel.STATE, 2, 3, 4],
  ])(
    'a %s event at a level-%p venue needs clearance %p and %p VIP protection officers',
    (protocolLevel, venueLevel, clearance, vip) => {
      const specs = deriveRequirements(event(2, { protocolLevel }), venueLevel);
      const security = specs.filter((s) => s.kind === StaffKind.SECURITY_OFFICER);
      expect(security.every((s) => s.minClearance === clearance)).toBe(true);
      const vipSpec = security.find((s) => s.skill === SecuritySkill.VIP_PROTECTION);
      expect(vipSpec?.headcount ?? 0).toBe(vip);
    },
  );

  it('has security cover the whole occupied range, setup and teardown included', () => {
    const [general] = deriveRequirements(event(2), 1);
    expect(general.startsAt).toEqual(at('2026-06-03T00:30:00Z'));
    expect(general.endsAt).toEqual(at('2026-06-03T03:30:00Z'));
  });
});
