/** A valid RegisterVenueInput; tests change one field at a time. */
export function venueInput(
  subdistrictId: string,
  overrides: Record<string, unknown> = {},
): Record<string, unknown> {
  return {
    subdistrictId,
    nameZh: '前门国际会议厅',
    nameEn: 'Qianmen International Conference Hall',
    addressZh: '北京市东城区前门大街1号',
    addressEn: '1 Qianmen Dajie, Dongcheng District, Beijing',
    kind: 'CONFERENCE_HALL',
    seatedCapacity: 320,
    standingCapacity: 400,
    facilities: [
      { type: 'SIMULTANEOUS_INTERPRETATION_BOOTH', count: 4 },
      { type: 'INTERPRETATION_HEADSETS', count: 300 },
      { type: 'BILINGUAL_SIGNAGE' },
    ],
    securityLevel: 2,
    openingHours: [1, 2, 3, 4, 5].map((weekday) => ({ weekday, opens: '08:00', closes: '20:00' })),
    setupMinutes: 60,
    teardownMinutes: 30,
    contactName: '张明',
    contactPhone: '+86 10 6702 0000',
    contactEmail: 'events@qianmen.demo.local',
    ...overrides,
  };
}

export const VENUE_FIELDS = `
  id nameZh nameEn addressZh addressEn kind seatedCapacity standingCapacity securityLevel timeZone
  setupMinutes teardownMinutes minNoticeHours maxAdvanceDays minDurationMinutes maxDurationMinutes
  requiresApproval status statusReason version createdAt updatedAt
  contact { name phone email }
  subdistrict { id code nameZh nameEn }
  facilities { type count }
  openingHours { weekday opens closes }
`;

export const VENUE_TABLES = [
  'venues',
  'venue_facilities',
  'venue_opening_hours',
  'venue_blackouts',
  'venue_audit',
];
