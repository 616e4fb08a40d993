import { BookingStatus, ProtocolLevel } from '@app/bookings';
import { StaffKind } from '@app/staffing';
import { assembleCapacityReport, CapacityFigures } from './capacity-report-assembly';
import { UnmetReason, UnmetSource } from './report-enums';

/** The week of Monday 3 March 2025 in Beijing. */
const FROM = new Date('2025-03-03T00:00:00+08:00');
const TO = new Date('2025-03-10T00:00:00+08:00');
const GENERATED = new Date('2025-03-11T08:00:00Z');
const HOUR = 3600;
const protocols = (standard: number, high: number, state: number) => ({
  [ProtocolLevel.STANDARD]: standard,
  [ProtocolLevel.HIGH]: high,
  [ProtocolLevel.STATE]: state,
});

const nothing: CapacityFigures = {
  subdistricts: [],
  venues: [],
  openingPeriods: new Map(),
  blackouts: new Map(),
  serviceScores: new Map(),
  served: new Map(),
  loggedUnmetDemand: [],
  refusedBookings: [],
  unfilledRequirements: [],
  venueSubdistricts: new Map(),
  interpreterHours: [],
  officerLoad: [],
  activeOfficers: 0,
};

/**
 * Qianmen (1) has hall 10, open Monday to Friday 09:00-17:00 (40 h) less a blackout on
 * Wednesday 09:00-12:00 (3 h): 37 h, and room 11, open daily 10:00-14:00: 28 h. Jingshan (2) has
 * courtyard 20 with no opening hours. Donghuamen (3) has no venue.
 */
const week: CapacityFigures = {
  ...nothing,
  subdistricts: [
    { id: '1', nameZh: '前门街道', nameEn: 'Qianmen' },
    { id: '2', nameZh: '景山街道', nameEn: 'Jingshan' },
    { id: '3', nameZh: '东华门街道', nameEn: 'Donghuamen' },
  ],
  venues: [
    { id: '10', subdistrictId: '1', nameZh: '大厅', nameEn: 'Hall', timeZone: 'Asia/Shanghai' },
    { id: '11', subdistrictId: '1', nameZh: '会议室', nameEn: 'Room', timeZone: 'Asia/Shanghai' },
    {
      id: '20',
      subdistrictId: '2',
      nameZh: '院子',
      nameEn: 'Courtyard',
      timeZone: 'Asia/Shanghai',
    },
  ],
  openingPeriods: new Map([
    ['10', [1, 2, 3, 4, 5].map((weekday) => ({ weekday, opensMinute: 540, closesMinute: 1020 }))],
    [
      '11',
      [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, opensMinute: 600, closesMinute: 840 })),
    ],
  ]),
  blackouts: new Map([
    ['10', [[new Date('2025-03-05T09:00:00+08:00'), new Date('2025-03-05T12:00:00+08:00')]]],
  ]),
  serviceScores: new Map([
    ['10', 45],
    ['11', 31.5],
  ]),
  // Hall 10 waited 5, 1 and 2 h (median 2 h, p90 at rank 2.8), Hall 11 half an hour: Qianmen's
  // 0.5, 1, 2 and 5 h give a median at rank 2.5 and p90 at rank 3.7; Hall 20 was approved at once.
  served: new Map([
    [
      '10',
      {
        events: 3,
        foreignGuests: 40,
        byProtocol: protocols(2, 1, 0),
        bookedSeconds: 9.25 * HOUR,
        leadTimes: [5 * HOUR, 1 * HOUR, 2 * HOUR],
      },
    ],
    [
      '11',
      {
        events: 1,
        foreignGuests: 5,
        byProtocol: protocols(1, 0, 0),
        bookedSeconds: 12_345,
        leadTimes: [0.5 * HOUR],
      },
    ],
    [
      '20',
      {
        events: 1,
        foreignGuests: 12,
        byProtocol: protocols(0, 0, 1),
        bookedSeconds: 2 * HOUR,
        leadTimes: [],
      },
    ],
  ]),
  loggedUnmetDemand: [
    { subdistrictId: '1', source: UnmetSource.SEARCH, reason: UnmetReason.CAPACITY, count: 2 },
    { subdistrictId: null, source: UnmetSource.SEARCH, reason: UnmetReason.CAPACITY, count: 3 },
    { subdistrictId: '2', source: UnmetSource.SEARCH, reason: UnmetReason.FACILITY, count: 1 },
  ],
  refusedBookings: [
    { venueId: '10', status: BookingStatus.REJECTED, count: 2 },
    { venueId: '20', status: BookingStatus.EXPIRED, count: 1 },
    { venueId: '11', status: BookingStatus.REJECTED, count: 1 },
  ],
  unfilledRequirements: [
    { venueId: '10', kind: StaffKind.INTERPRETER, count: 1 },
    { venueId: '20', kind: StaffKind.SECURITY_OFFICER, count: 2 },
  ],
  venueSubdistricts: new Map([
    ['10', '1'],
    ['11', '1'],
    ['20', '2'],
  ]),
  interpreterHours: [
    { languageFrom: 'zh', languageTo: 'en', requestedSeconds: 4 * HOUR, staffedSeconds: 3 * HOUR },
    { languageFrom: 'zh', languageTo: 'fr', requestedSeconds: 1 * HOUR, staffedSeconds: 0 },
    { languageFrom: 'zh', languageTo: 'ja', requestedSeconds: 5000, staffedSeconds: 1234 },
  ],
  officerLoad: [
    { staffId: '7', nameZh: '王', nameEn: 'Wang', assignments: 3, seconds: 6 * HOUR },
    { staffId: '3', nameZh: '李', nameEn: 'Li', assignments: 1, seconds: 4990 },
    { staffId: '5', nameZh: '赵', nameEn: 'Zhao', assignments: 2, seconds: 4990 },
  ],
  activeOfficers: 4,
};

describe('assembleCapacityReport', () => {
  const range = { from: FROM, to: TO, subdistrictId: null, generatedAt: GENERATED };
  const report = assembleCapacityReport(range, week);

  it('gives each venue its open hours less blackouts, utilisation, score and lead times', () => {
    expect(report.venues).toEqual([
      {
        venueId: '10',
        subdistrictId: '1',
        nameZh: '大厅',
        nameEn: 'Hall',
        serviceScore: 45,
        openHours: 37,
        bookedHours: 9.25,
        utilisation: 0.25, // 9.25 / 37
        events: 3,
        foreignGuests: 40,
        byProtocol: protocols(2, 1, 0),
        approvals: 3,
        leadTimeMedianHours: 2,
        leadTimeP90Hours: 4.4, // 2 + 0.8 × (5 − 2)
      },
      {
        venueId: '11',
        subdistrictId: '1',
        nameZh: '会议室',
        nameEn: 'Room',
        serviceScore: 31.5,
        openHours: 28,
        bookedHours: 3.43, // 12345 s = 3.4292 h
        utilisation: 0.1225, // 12345 / 100800
        events: 1,
        foreignGuests: 5,
        byProtocol: protocols(1, 0, 0),
        approvals: 1,
        leadTimeMedianHours: 0.5,
        leadTimeP90Hours: 0.5,
      },
      {
        // Served, but never open: no utilisation, and no score known.
        venueId: '20',
        subdistrictId: '2',
        nameZh: '院子',
        nameEn: 'Courtyard',
        serviceScore: 0,
        openHours: 0,
        bookedHours: 2,
        utilisation: null,
        events: 1,
        foreignGuests: 12,
        byProtocol: protocols(0, 0, 1),
        approvals: 0,
        leadTimeMedianHours: null,
        leadTimeP90Hours: null,
      },
    ]);
  });

  it('adds the venue rows up per subdistrict, with the unmet demand seen there', () => {
    expect(report.subdistricts).toEqual([
      {
        subdistrictId: '1',
        nameZh: '前门街道',
        nameEn: 'Qianmen',
        venues: 2,
        // Searches 2, rejected 2 + 1, an interpreter place unfilled at the hall 1.
        unmetDemand: 6,
        openHours: 65,
        bookedHours: 12.68, // 9.25 + 3.43: the rows' hours as shown
        utilisation: 0.1951, // 12.68 / 65
        events: 4,
        foreignGuests: 45,
        byProtocol: protocols(3, 1, 0),
        approvals: 4,
        leadTimeMedianHours: 1.5, // 1 + 0.5 × (2 − 1)
        leadTimeP90Hours: 4.1, // 2 + 0.7 × (5 − 2)
      },
      {
        subdistrictId: '2',
        nameZh: '景山街道',
        nameEn: 'Jingshan',
        venues: 1,
        unmetDemand: 4, // a search 1, an expired hold 1, officer places at two events 2
        openHours: 0,
        bookedHours: 2,
        utilisation: null,
        events: 1,
        foreignGuests: 12,
        byProtocol: protocols(0, 0, 1),
        approvals: 0,
        leadTimeMedianHours: null,
        leadTimeP90Hours: null,
      },
      {
        subdistrictId: '3',
        nameZh: '东华门街道',
        nameEn: 'Donghuamen',
        venues: 0,
        unmetDemand: 0,
        openHours: 0,
        bookedHours: 0,
        utilisation: null,
        events: 0,
        foreignGuests: 0,
        byProtocol: protocols(0, 0, 0),
        approvals: 0,
        leadTimeMedianHours: null,
        leadTimeP90Hours: null,
      },
    ]);
  });

  it('totals every venue, and counts searches over the whole district only in the total', () => {
    expect(report.totals).toEqual({
      openHours: 65,
      bookedHours: 14.68,
      utilisation: 0.2258, // 14.68 / 65
      events: 5,
      foreignGuests: 57,
      byProtocol: protocols(3, 1, 1),
      approvals: 4,
      leadTimeMedianHours: 1.5,
      leadTimeP90Hours: 4.1,
      unmetDemand: 13, // 6 in Qianmen + 4 in Jingshan + 3 searches over the district
    });
    expect(report).toMatchObject({
      from: FROM,
      to: TO,
      subdistrictId: null,
      generatedAt: GENERATED,
    });
  });

  it('names refused and unfilled demand by source and reason, the largest first', () => {
    expect(report.unmetDemand).toEqual([
      { source: UnmetSource.SEARCH, reason: UnmetReason.CAPACITY, count: 5 },
      { source: UnmetSource.REJECTED, reason: UnmetReason.OTHER, count: 3 },
      { source: UnmetSource.UNSTAFFED, reason: UnmetReason.SECURITY_LEVEL, count: 2 },
      // Ties in source, then reason order.
      { source: UnmetSource.EXPIRED, reason: UnmetReason.OTHER, count: 1 },
      { source: UnmetSource.SEARCH, reason: UnmetReason.FACILITY, count: 1 },
      { source: UnmetSource.UNSTAFFED, reason: UnmetReason.LANGUAGE, count: 1 },
    ]);
  });

  it('gives interpreter coverage per pair in hours', () => {
    expect(report.interpreterCoverage).toEqual([
      { languageFrom: 'zh', languageTo: 'en', requestedHours: 4, staffedHours: 3, coverage: 0.75 },
      { languageFrom: 'zh', languageTo: 'fr', requestedHours: 1, staffedHours: 0, coverage: 0 },
      // 5000 s = 1.3889 h, 1234 s = 0.3428 h; coverage 1234 / 5000.
      {
        languageFrom: 'zh',
        languageTo: 'ja',
        requestedHours: 1.39,
        staffedHours: 0.34,
        coverage: 0.2468,
      },
    ]);
  });

  it('sums security load from seconds, and spreads it over every active officer', () => {
    expect(report.securityLoad).toEqual([
      { staffId: '7', nameZh: '王', nameEn: 'Wang', assignments: 3, hours: 6 },
      { staffId: '3', nameZh: '李', nameEn: 'Li', assignments: 1, hours: 1.39 },
      { staffId: '5', nameZh: '赵', nameEn: 'Zhao', assignments: 2, hours: 1.39 },
    ]);
    expect(report.securitySummary).toEqual({
      activeOfficers: 4,
      officersAssigned: 3,
      assignments: 6,
      hours: 8.77, // 31580 s = 8.7722 h, not the rows' 6 + 1.39 + 1.39
      meanHoursPerOfficer: 2.19, // 8.77 / 4 = 2.1925
      maxHours: 6,
    });
  });

  it('reports nothing as zeros and nulls', () => {
    const empty = assembleCapacityReport(range, nothing);
    expect(empty).toEqual({
      from: FROM,
      to: TO,
      subdistrictId: null,
      generatedAt: GENERATED,
      totals: {
        openHours: 0,
        bookedHours: 0,
        utilisation: null,
        events: 0,
        foreignGuests: 0,
        byProtocol: protocols(0, 0, 0),
        approvals: 0,
        leadTimeMedianHours: null,
        leadTimeP90Hours: null,
        unmetDemand: 0,
      },
      venues: [],
      subdistricts: [],
      unmetDemand: [],
      interpreterCoverage: [],
      securityLoad: [],
      securitySummary: {
        activeOfficers: 0,
        officersAssigned: 0,
        assignments: 0,
        hours: 0,
        meanHoursPerOfficer: null,
        maxHours: 0,
      },
    });
  });
});
