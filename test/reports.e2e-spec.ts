import { getQueueToken } from '@nestjs/bullmq';
import { Queue } from 'bullmq';
import { parse } from 'csv-parse/sync';
import { REPORTS_QUEUE, UnmetDemandService, UnmetSearchPayload } from '@app/reports';
import { beijing, on } from './support/booking-fixtures';
import { eventually } from './support/eventually';
import {
  adminVenue,
  BEIXINQIAO,
  insertAssignment,
  insertBooking,
  insertRequirement,
  staffId,
  userId,
} from './support/report-fixtures';
import { errorCode, snapshot, TestApi } from './support/test-api';
import { venueInput } from './support/venue-fixtures';

const REPORT = `query($from: DateTime!, $to: DateTime!, $subdistrictId: ID) {
  serviceCapacityReport(from: $from, to: $to, subdistrictId: $subdistrictId) {
    from to subdistrictId
    totals { openHours bookedHours utilisation events foreignGuests approvals
      approvalLeadTimeMedianHours approvalLeadTimeP90Hours unmetDemand
      bookingsByProtocol { standard high state } }
    byVenue { venueId nameEn serviceScore openHours bookedHours utilisation events foreignGuests
      approvals approvalLeadTimeMedianHours approvalLeadTimeP90Hours bookingsByProtocol { standard high state } }
    bySubdistrict { subdistrictId venues openHours bookedHours utilisation events foreignGuests
      approvals approvalLeadTimeMedianHours approvalLeadTimeP90Hours unmetDemand
      bookingsByProtocol { standard high state } }
    unmetDemand { source reason count }
    interpreterCoverage { languageFrom languageTo requestedHours staffedHours coverage }
    securityOfficerLoad { staffId assignments hours }
    securityLoadSummary { activeOfficers officersAssigned assignments hours meanHoursPerOfficer maxHours }
  }
}`;

const RATE = `mutation($id: ID!, $input: RatingInput!) {
  rateBooking(id: $id, input: $input) { id venueId facilities interpretation security overall comment booking { id } }
}`;

const SCORE = `query($id: ID!) { venue(id: $id) {
  serviceCapacityScore serviceScore { score checklistScore ratingScore ratingCount ratingsBlended lines { item weight earned } }
} }`;

const AVAILABLE = `query($input: AvailabilityInput!) { availableVenues(input: $input, first: 50) { totalCount edges { node { id } } } }`;

const REQUEST = `mutation($input: BookingRequestInput!, $key: String!) { requestBooking(input: $input, idempotencyKey: $key) { id } }`;

describe('service-capacity reporting over HTTP', () => {
  let api: TestApi;
  let admin: string;
  let organizer: string;
  let organizer2: string;
  let organizerId: string;
  let venueA: string;
  let venueB: string;
  let officer1: string;
  let officer2: string;
  // The report's week: Monday 00:00 to the next Monday 00:00, Beijing time, three weeks ahead.
  const from = on(3, 1, '00:00');
  const to = on(4, 1, '00:00');
  const day = (weekday: 1 | 2 | 3 | 4 | 5 | 6 | 7, hhmm: string) => on(3, weekday, hhmm);

  beforeAll(async () => {
    api = await TestApi.start({ demo: true });
    [admin, organizer, organizer2] = await Promise.all(
      ['admin', 'organizer', 'organizer2'].map((name) => api.login(`${name}@demo.local`)),
    );
    organizerId = await userId(api, 'organizer@demo.local');
    officer1 = await staffId(api, 'officer@demo.local');
    officer2 = await staffId(api, 'officer-02@demo.local');
    const interpreter = await staffId(api, 'interpreter@demo.local');

    // Venue A: Monday to Friday 09:00–17:00, 5 × 8 = 40 open hours in the week.
    // Checklist: booth 15 + headsets 100 for 320 seats (below half) 5 + signage 10
    // + capacity max(320, 400) ≥ 200: 10 = 40.
    venueA = await adminVenue(
      api,
      admin,
      venueInput(BEIXINQIAO, {
        nameEn: 'Beixinqiao Hall A',
        seatedCapacity: 320,
        standingCapacity: 400,
        securityLevel: 2,
        facilities: [
          { type: 'SIMULTANEOUS_INTERPRETATION_BOOTH', count: 2 },
          { type: 'INTERPRETATION_HEADSETS', count: 100 },
          { type: 'BILINGUAL_SIGNAGE' },
        ],
        openingHours: [1, 2, 3, 4, 5].map((weekday) => ({
          weekday,
          opens: '09:00',
          closes: '17:00',
        })),
        setupMinutes: 0,
        teardownMinutes: 0,
        requiresApproval: true,
      }),
    );
    // Venue B: every day 08:00–20:00 (7 × 12 = 84 h) and Sunday night 20:00–02:00: Sunday of
    // the week before gives 00:00–02:00 of our Monday (2 h), our Sunday 20:00–24:00 (4 h);
    // 84 + 2 + 4 = 90 open hours. Checklist: Wi-Fi 5, 30 seats no capacity points = 5.
    venueB = await adminVenue(
      api,
      admin,
      venueInput(BEIXINQIAO, {
        nameEn: 'Beixinqiao Courtyard B',
        kind: 'COURTYARD',
        seatedCapacity: 30,
        standingCapacity: null,
        securityLevel: 1,
        facilities: [{ type: 'WIFI' }],
        openingHours: [
          ...[1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, opens: '08:00', closes: '20:00' })),
          { weekday: 7, opens: '20:00', closes: '02:00' },
        ],
        setupMinutes: 0,
        teardownMinutes: 0,
        requiresApproval: false,
      }),
    );

    const book = (row: Omit<Parameters<typeof insertBooking>[1], 'organizerId'>) =>
      insertBooking(api, { organizerId, ...row });
    // A: 3 events (3 h + 4 h + 1 h = 8 h), 10 + 25 + 40 = 75 foreign guests, one per level;
    // lead times 2 h, 4 h, 10 h.
    await book({
      venueId: venueA,
      status: 'APPROVED',
      startsAt: day(1, '09:00'),
      endsAt: day(1, '12:00'),
      foreignGuests: 10,
      submittedAt: beijing(-10, '10:00'),
      approvedAt: beijing(-10, '12:00'),
    });
    const a2 = await book({
      venueId: venueA,
      status: 'APPROVED',
      startsAt: day(2, '13:00'),
      endsAt: day(2, '17:00'),
      protocolLevel: 'HIGH',
      foreignGuests: 25,
      submittedAt: beijing(-9, '09:00'),
      approvedAt: beijing(-9, '13:00'),
    });
    const a3 = await book({
      venueId: venueA,
      status: 'APPROVED',
      startsAt: day(5, '09:00'),
      endsAt: day(5, '10:00'),
      protocolLevel: 'STATE',
      foreignGuests: 40,
      submittedAt: beijing(-8, '08:00'),
      approvedAt: beijing(-8, '18:00'),
    });
    // Not served: a cancellation (counted nowhere), a rejection and an expired hold (unmet).
    await book({
      venueId: venueA,
      status: 'CANCELLED',
      startsAt: day(3, '09:00'),
      endsAt: day(3, '11:00'),
      foreignGuests: 99,
    });
    await book({
      venueId: venueA,
      status: 'REJECTED',
      startsAt: day(4, '09:00'),
      endsAt: day(4, '11:00'),
    });
    await book({
      venueId: venueB,
      status: 'EXPIRED',
      startsAt: day(2, '09:00'),
      endsAt: day(2, '10:00'),
    });
    // B: Saturday 6 h without an approver; Sunday before 22:00 to Monday 01:00 starts outside
    // the week (no event, 1 h inside it); Wednesday 4 h HIGH with a 24 h lead time.
    await book({
      venueId: venueB,
      status: 'APPROVED',
      startsAt: day(6, '10:00'),
      endsAt: day(6, '16:00'),
      submittedAt: beijing(-5, '10:00'),
    });
    await book({
      venueId: venueB,
      status: 'APPROVED',
      startsAt: on(2, 7, '22:00'),
      endsAt: day(1, '01:00'),
      foreignGuests: 7,
    });
    const b4 = await book({
      venueId: venueB,
      status: 'APPROVED',
      startsAt: day(3, '08:00'),
      endsAt: day(3, '12:00'),
      protocolLevel: 'HIGH',
      foreignGuests: 5,
      submittedAt: beijing(-7, '00:00'),
      approvedAt: beijing(-6, '00:00'),
    });

    // Staffing: A2 asks two zh→en interpreters for 4 h and has one; B4 asks one zh→fr for 4 h
    // and has none; A3 asks two officers for 1 h and has both; B4 asks three officers for 4 h
    // and has one (another was cancelled).
    const a2Interpreters = await insertRequirement(api, {
      bookingId: a2,
      kind: 'INTERPRETER',
      headcount: 2,
      startsAt: day(2, '13:00'),
      endsAt: day(2, '17:00'),
      languageFrom: 'zh',
      languageTo: 'en',
    });
    await insertAssignment(api, {
      requirementId: a2Interpreters,
      staffId: interpreter,
      venueId: venueA,
      status: 'ACCEPTED',
      startsAt: day(2, '13:00'),
      endsAt: day(2, '17:00'),
    });
    await insertRequirement(api, {
      bookingId: b4,
      kind: 'INTERPRETER',
      headcount: 1,
      startsAt: day(3, '08:00'),
      endsAt: day(3, '12:00'),
      languageFrom: 'zh',
      languageTo: 'fr',
    });
    const a3Security = await insertRequirement(api, {
      bookingId: a3,
      kind: 'SECURITY_OFFICER',
      headcount: 2,
      startsAt: day(5, '09:00'),
      endsAt: day(5, '10:00'),
    });
    await insertAssignment(api, {
      requirementId: a3Security,
      staffId: officer1,
      venueId: venueA,
      status: 'ACCEPTED',
      startsAt: day(5, '09:00'),
      endsAt: day(5, '10:00'),
    });
    await insertAssignment(api, {
      requirementId: a3Security,
      staffId: officer2,
      venueId: venueA,
      status: 'PROPOSED',
      startsAt: day(5, '09:00'),
      endsAt: day(5, '10:00'),
    });
    const b4Security = await insertRequirement(api, {
      bookingId: b4,
      kind: 'SECURITY_OFFICER',
      headcount: 3,
      startsAt: day(3, '08:00'),
      endsAt: day(3, '12:00'),
    });
    await insertAssignment(api, {
      requirementId: b4Security,
      staffId: officer1,
      venueId: venueB,
      status: 'ACCEPTED',
      startsAt: day(3, '08:00'),
      endsAt: day(3, '12:00'),
    });
    await insertAssignment(api, {
      requirementId: b4Security,
      staffId: officer2,
      venueId: venueB,
      status: 'CANCELLED',
      startsAt: day(3, '08:00'),
      endsAt: day(3, '12:00'),
    });

    // Unmet demand through the real paths: four searches in Beixinqiao that find nothing, one
    // over the whole district, one that finds A; and two refused requests, which write nothing.
    const search = (input: Record<string, unknown>) => api.gql(AVAILABLE, { input }, organizer);
    const slot = { startsAt: day(4, '13:00'), endsAt: day(4, '15:00') };
    const searches = await Promise.all([
      search({ ...slot, attendees: 5000, subdistrictId: BEIXINQIAO }), // CAPACITY
      search({
        ...slot,
        attendees: 10,
        facilities: [{ type: 'PRESS_AREA' }],
        subdistrictId: BEIXINQIAO,
      }), // FACILITY
      search({ ...slot, attendees: 10, minSecurityLevel: 3, subdistrictId: BEIXINQIAO }), // SECURITY_LEVEL
      // A is big enough but taken by A1; B is too small: SLOT_TAKEN.
      search({
        startsAt: day(1, '10:00'),
        endsAt: day(1, '11:00'),
        attendees: 300,
        subdistrictId: BEIXINQIAO,
      }),
      search({ ...slot, attendees: 999_999 }), // the whole district: CAPACITY, no subdistrict
      search({ ...slot, attendees: 300, subdistrictId: BEIXINQIAO }), // finds A: not unmet
    ]);
    expect(searches.map((result) => result.data.availableVenues.totalCount)).toEqual([
      0, 0, 0, 0, 0, 1,
    ]);
    const refusals = await Promise.all([
      api.gql(
        REQUEST,
        { input: { venueId: venueA, ...slot, title: 'Too big', attendees: 1000 }, key: 'too-big' },
        organizer,
      ),
      api.gql(
        REQUEST,
        {
          input: {
            venueId: venueA,
            startsAt: day(1, '10:00'),
            endsAt: day(1, '11:00'),
            title: 'Taken',
            attendees: 50,
          },
          key: 'taken',
        },
        organizer,
      ),
    ]);
    expect(refusals.map(errorCode)).toEqual(['OVER_CAPACITY', 'SLOT_TAKEN']);
    // The searches are queued after the answers and written by the worker's reports processor,
    // which this suite stands in for: wait until all five are queued, then record them.
    await recordQueuedSearches(5);
    const logged = await eventually(
      async () =>
        Number((await api.dataSource.query('SELECT COUNT(*) AS n FROM unmet_demand'))[0].n),
      (n) => n >= 5,
    );
    await new Promise((resolve) => setTimeout(resolve, 500)); // a refusal's row would show by now
    expect(logged).toBe(5);
    expect(
      Number((await api.dataSource.query('SELECT COUNT(*) AS n FROM unmet_demand'))[0].n),
    ).toBe(5);
  });

  afterAll(() => api.close());

  /** Does the worker's part for the searches queued so far (there must be `count` of them). */
  async function recordQueuedSearches(count: number): Promise<void> {
    const queue = api.app.get<Queue>(getQueueToken(REPORTS_QUEUE));
    const jobs = await eventually(
      () => queue.getJobs(['waiting']),
      (waiting) => waiting.length >= count,
    );
    const recorder = api.app.get(UnmetDemandService);
    for (const job of jobs) {
      await recorder.record(job.data as UnmetSearchPayload);
      await job.remove();
    }
  }

  it('computes every figure of the week in Beixinqiao as worked out by hand', async () => {
    const result = await api.gql(REPORT, { from, to, subdistrictId: BEIXINQIAO }, admin);
    expect(result.errors).toBeUndefined();
    const report = result.data.serviceCapacityReport;
    const venues = Object.fromEntries(
      report.byVenue.map((row: { venueId: string }) => [row.venueId, row]),
    );
    expect(report.byVenue).toHaveLength(2);
    expect(venues[venueA]).toEqual({
      venueId: venueA,
      nameEn: 'Beixinqiao Hall A',
      serviceScore: 40,
      openHours: 40,
      bookedHours: 8,
      utilisation: 0.2, // 8 / 40
      events: 3,
      foreignGuests: 75,
      bookingsByProtocol: { standard: 1, high: 1, state: 1 },
      approvals: 3,
      // [2, 4, 10]: median rank 2 = 4; p90 at rank 1 + 0.9 × 2 = 2.8: 4 + 0.8 × (10 − 4) = 8.8
      approvalLeadTimeMedianHours: 4,
      approvalLeadTimeP90Hours: 8.8,
    });
    expect(venues[venueB]).toEqual({
      venueId: venueB,
      nameEn: 'Beixinqiao Courtyard B',
      serviceScore: 5,
      openHours: 90,
      bookedHours: 11, // 6 + 1 (Monday 00:00–01:00) + 4
      utilisation: 0.1222, // 11 / 90 = 0.12222…
      events: 2,
      foreignGuests: 5,
      bookingsByProtocol: { standard: 1, high: 1, state: 0 },
      approvals: 1,
      approvalLeadTimeMedianHours: 24,
      approvalLeadTimeP90Hours: 24,
    });
    // Subdistrict: 130 open hours, 19 booked (19 / 130 = 0.14615…), lead times [2, 4, 10, 24]:
    // median at rank 2.5: 4 + 0.5 × 6 = 7; p90 at rank 1 + 0.9 × 3 = 3.7: 10 + 0.7 × 14 = 19.8.
    // Unmet: 4 searches + 1 rejected + 1 expired + 3 unstaffed = 9.
    const beixinqiao = {
      openHours: 130,
      bookedHours: 19,
      utilisation: 0.1462,
      events: 5,
      foreignGuests: 80,
      bookingsByProtocol: { standard: 2, high: 2, state: 1 },
      approvals: 4,
      approvalLeadTimeMedianHours: 7,
      approvalLeadTimeP90Hours: 19.8,
      unmetDemand: 9,
    };
    expect(report.bySubdistrict).toEqual([{ subdistrictId: BEIXINQIAO, venues: 2, ...beixinqiao }]);
    expect(report.totals).toEqual(beixinqiao);
    expect(report.unmetDemand).toEqual(
      expect.arrayContaining([
        { source: 'SEARCH', reason: 'CAPACITY', count: 1 },
        { source: 'SEARCH', reason: 'FACILITY', count: 1 },
        { source: 'SEARCH', reason: 'SECURITY_LEVEL', count: 1 },
        { source: 'SEARCH', reason: 'SLOT_TAKEN', count: 1 },
        { source: 'REJECTED', reason: 'OTHER', count: 1 },
        { source: 'EXPIRED', reason: 'OTHER', count: 1 },
        // A2's second interpreter and B4's only one; B4's second and third officer.
        { source: 'UNSTAFFED', reason: 'LANGUAGE', count: 2 },
        { source: 'UNSTAFFED', reason: 'SECURITY_LEVEL', count: 1 },
      ]),
    );
    expect(report.unmetDemand).toHaveLength(8);
    expect(report.unmetDemand[0]).toEqual({ source: 'UNSTAFFED', reason: 'LANGUAGE', count: 2 });
    // zh→en: 2 × 4 h asked, 1 × 4 h staffed; zh→fr: 1 × 4 h asked, none staffed.
    expect(report.interpreterCoverage).toEqual([
      { languageFrom: 'zh', languageTo: 'en', requestedHours: 8, staffedHours: 4, coverage: 0.5 },
      { languageFrom: 'zh', languageTo: 'fr', requestedHours: 4, staffedHours: 0, coverage: 0 },
    ]);
    // Officer 1: A3 1 h + B4 4 h; officer 2: A3 1 h proposed (the cancelled one does not count).
    expect(report.securityOfficerLoad).toEqual([
      { staffId: officer1, assignments: 2, hours: 5 },
      { staffId: officer2, assignments: 1, hours: 1 },
    ]);
    // 16 demo officers: 6 h / 16 = 0.375, shown to two decimals.
    expect(report.securityLoadSummary).toEqual({
      activeOfficers: 16,
      officersAssigned: 2,
      assignments: 3,
      hours: 6,
      meanHoursPerOfficer: 0.38,
      maxHours: 5,
    });
  });

  it('leaves the hours a venue is blacked out out of its open hours, once where blackouts overlap', async () => {
    // The week after the report's: A is open 40 h. From Sunday 20:00 before it (A is closed on
    // Sundays, so the report's week keeps its 40 h) to Monday 10:00 closes 1 h; Tuesday 12:00 to
    // Wednesday 10:00 closes 5 h + 1 h; Wednesday 09:30–11:00 adds 10:00–11:00 only; Thursday
    // 17:00–20:00 is after closing. 40 − 8 = 32 h; B has none and keeps its 90 h.
    const next = (weekday: 1 | 2 | 3 | 4 | 5 | 6 | 7, hhmm: string) => on(4, weekday, hhmm);
    const blackouts = [
      [day(7, '20:00'), next(1, '10:00')],
      [next(2, '12:00'), next(3, '10:00')],
      [next(3, '09:30'), next(3, '11:00')],
      [next(4, '17:00'), next(4, '20:00')],
    ];
    for (const [startsAt, endsAt] of blackouts) {
      const added = await api.gql(
        `mutation($venueId: ID!, $startsAt: DateTime!, $endsAt: DateTime!) {
          addBlackout(venueId: $venueId, startsAt: $startsAt, endsAt: $endsAt, reason: "维修 Repairs") { id }
        }`,
        { venueId: venueA, startsAt, endsAt },
        admin,
      );
      expect(added.errors).toBeUndefined();
    }
    const open = async (range: { from: string; to: string }) => {
      const { data } = await api.gql(REPORT, { ...range, subdistrictId: BEIXINQIAO }, admin);
      const report = data.serviceCapacityReport;
      return {
        byVenue: Object.fromEntries(
          report.byVenue.map((row: { venueId: string; openHours: number }) => [
            row.venueId,
            row.openHours,
          ]),
        ),
        total: report.totals.openHours,
      };
    };
    expect(await open({ from: on(4, 1, '00:00'), to: on(5, 1, '00:00') })).toEqual({
      byVenue: { [venueA]: 32, [venueB]: 90 },
      total: 122,
    });
    expect(await open({ from, to })).toEqual({
      byVenue: { [venueA]: 40, [venueB]: 90 },
      total: 130,
    });
  });

  it('counts a search over the whole district only in the whole district', async () => {
    const { data } = await api.gql(REPORT, { from, to }, admin);
    const report = data.serviceCapacityReport;
    expect(report.bySubdistrict).toHaveLength(17);
    // Demo data has no events: the district's served figures are Beixinqiao's.
    expect(report.totals).toMatchObject({
      events: 5,
      foreignGuests: 80,
      bookedHours: 19,
      unmetDemand: 10,
    });
    expect(report.unmetDemand).toContainEqual({ source: 'SEARCH', reason: 'CAPACITY', count: 2 });
    const beixinqiao = report.bySubdistrict.find(
      (row: { subdistrictId: string }) => row.subdistrictId === BEIXINQIAO,
    );
    expect(beixinqiao).toMatchObject({ unmetDemand: 9, events: 5 });
  });

  it('ranks lead times per venue, per subdistrict and in total over many approvals', async () => {
    // Another week, and subdistricts without demo venues: Hepingli (10) has V1 and V2,
    // Chongwenmenwai (12) has V3. Event i (0..35) is at [V1, V2, V3][i % 3] and waited
    // (7 × i) mod 36 hours for its approval: every whole hour 0..35 once, V1 the multiples of 3,
    // V2 those ≡ 1 and V3 those ≡ 2 (mod 3).
    const weekFrom = on(6, 1, '00:00');
    const weekTo = on(7, 1, '00:00');
    const hall = (subdistrictId: string, nameEn: string) =>
      adminVenue(api, admin, venueInput(subdistrictId, { nameEn }));
    const venues = [
      await hall('10', 'Hepingli V1'),
      await hall('10', 'Hepingli V2'),
      await hall('12', 'Chongwenmenwai V3'),
    ];
    const submitted = Date.parse(beijing(-20, '08:00'));
    for (let i = 0; i < 36; i++) {
      await insertBooking(api, {
        venueId: venues[i % 3],
        organizerId,
        status: 'APPROVED',
        startsAt: on(6, ((i % 5) + 1) as 1 | 2 | 3 | 4 | 5, '09:00'),
        endsAt: on(6, ((i % 5) + 1) as 1 | 2 | 3 | 4 | 5, '10:00'),
        submittedAt: new Date(submitted),
        approvedAt: new Date(submitted + ((7 * i) % 36) * 3_600_000),
      });
    }
    const { data, errors } = await api.gql(REPORT, { from: weekFrom, to: weekTo }, admin);
    expect(errors).toBeUndefined();
    const report = data.serviceCapacityReport;
    const leads = (row: {
      approvals: number;
      approvalLeadTimeMedianHours: number;
      approvalLeadTimeP90Hours: number;
    }) => [row.approvals, row.approvalLeadTimeMedianHours, row.approvalLeadTimeP90Hours];
    // All: 0..35, n = 36. Median at rank 1 + 0.5 × 35 = 18.5: 17 + 0.5 = 17.5;
    // p90 at 1 + 0.9 × 35 = 32.5: 31 + 0.5 = 31.5 (rank r holds r − 1).
    expect(leads(report.totals)).toEqual([36, 17.5, 31.5]);
    // V1: 0, 3, …, 33 (n = 12). Median at 6.5: 15 + 0.5 × 3 = 16.5; p90 at 1 + 0.9 × 11 = 10.9:
    // 27 + 0.9 × 3 = 29.7. V2 and V3 are the same shifted by 1 and 2.
    const byVenue = new Map(report.byVenue.map((row: { venueId: string }) => [row.venueId, row]));
    expect(venues.map((id) => leads(byVenue.get(id) as never))).toEqual([
      [12, 16.5, 29.7],
      [12, 17.5, 30.7],
      [12, 18.5, 31.7],
    ]);
    // Hepingli: 0, 1, 3, 4, …, 33, 34 (n = 24; rank 2m + 1 holds 3m, rank 2m + 2 holds 3m + 1).
    // Median at 1 + 0.5 × 23 = 12.5: ranks 12 (16) and 13 (18): 17. p90 at 1 + 0.9 × 23 = 21.7:
    // ranks 21 (30) and 22 (31): 30.7. Chongwenmenwai is V3.
    const bySubdistrict = new Map(
      report.bySubdistrict.map((row: { subdistrictId: string }) => [row.subdistrictId, row]),
    );
    expect(leads(bySubdistrict.get('10') as never)).toEqual([24, 17, 30.7]);
    expect(leads(bySubdistrict.get('12') as never)).toEqual([12, 18.5, 31.7]);
  });

  it('takes the approval time from the approver’s decision, and none where no approval was needed', async () => {
    const weekFrom = on(9, 1, '00:00');
    const weekTo = on(10, 1, '00:00');
    // Qianmen, whose manager decides; its demo venues have no events that week.
    const subdistrict = '11';
    const qianmen = await api.login('qianmen@demo.local');
    const decided = await adminVenue(
      api,
      admin,
      venueInput(subdistrict, { nameEn: 'Qianmen needs approval', requiresApproval: true }),
    );
    const direct = await adminVenue(
      api,
      admin,
      venueInput(subdistrict, { nameEn: 'Qianmen books directly', requiresApproval: false }),
    );
    const request = (venueId: string, key: string) =>
      api.gql(
        REQUEST,
        {
          input: {
            venueId,
            startsAt: on(9, 2, '10:00'),
            endsAt: on(9, 2, '12:00'),
            title: 'Exchange',
            attendees: 20,
          },
          key,
        },
        organizer,
      );
    const pending = await request(decided, 'lead-decided');
    expect((await request(direct, 'lead-direct')).errors).toBeUndefined();
    const approved = await api.gql(
      'mutation($id: ID!) { approveBooking(id: $id) { status } }',
      { id: pending.data.requestBooking.id },
      qianmen,
    );
    expect(approved.data.approveBooking.status).toBe('APPROVED');
    const { data } = await api.gql(
      REPORT,
      { from: weekFrom, to: weekTo, subdistrictId: subdistrict },
      admin,
    );
    const totals = data.serviceCapacityReport.totals;
    // Both events count; only the decided one has a lead time, of a moment (well under an hour).
    expect(totals.events).toBe(2);
    expect(totals.approvals).toBe(1);
    expect(totals.approvalLeadTimeMedianHours).toBeGreaterThanOrEqual(0);
    expect(totals.approvalLeadTimeMedianHours).toBeLessThan(1);
  });

  it('counts a search outside opening hours or too long as such, and refuses an unknown subdistrict', async () => {
    const search = (input: Record<string, unknown>) => api.gql(AVAILABLE, { input }, organizer);
    const before = await api.dataSource.query('SELECT COUNT(*) AS n FROM unmet_demand');
    const atNight = await search({
      startsAt: on(6, 2, '03:00'),
      endsAt: on(6, 2, '04:00'),
      attendees: 10,
      subdistrictId: BEIXINQIAO,
    });
    const month = await search({
      startsAt: on(6, 2, '09:00'),
      endsAt: on(10, 2, '09:00'),
      attendees: 10,
      subdistrictId: BEIXINQIAO,
    });
    expect([atNight, month].map((r) => r.data.availableVenues.totalCount)).toEqual([0, 0]);
    const unknown = await search({
      startsAt: on(6, 2, '09:00'),
      endsAt: on(6, 2, '10:00'),
      attendees: 10,
      subdistrictId: '999',
    });
    expect(unknown.errors?.[0].extensions).toMatchObject({
      code: 'NOT_FOUND',
      field: 'subdistrictId',
    });
    await recordQueuedSearches(2);
    const rows = await api.dataSource.query(
      `SELECT reason, subdistrict_id AS subdistrictId FROM unmet_demand ORDER BY id DESC LIMIT 2`,
    );
    expect(rows.map((r: any) => r.reason).sort()).toEqual(['DURATION', 'OUTSIDE_HOURS']);
    const after = await api.dataSource.query('SELECT COUNT(*) AS n FROM unmet_demand');
    // The refused search was counted nowhere.
    expect(Number(after[0].n) - Number(before[0].n)).toBe(2);
  });

  it('lets a subdistrict manager read their own subdistrict’s report, page and CSVs, and no other', async () => {
    const qianmen = await api.login('qianmen@demo.local');
    const own = await api.gql(REPORT, { from, to }, qianmen);
    expect(own.errors).toBeUndefined();
    expect(own.data.serviceCapacityReport.subdistrictId).toBe('11');
    expect(own.data.serviceCapacityReport.bySubdistrict.map((s: any) => s.subdistrictId)).toEqual([
      '11',
    ]);
    const named = await api.gql(REPORT, { from, to, subdistrictId: '11' }, qianmen);
    expect(named.data.serviceCapacityReport.totals).toEqual(own.data.serviceCapacityReport.totals);
    expect(errorCode(await api.gql(REPORT, { from, to, subdistrictId: BEIXINQIAO }, qianmen))).toBe(
      'FORBIDDEN',
    );
    const query = (subdistrictId?: string) =>
      new URLSearchParams({ from, to, ...(subdistrictId ? { subdistrictId } : {}) }).toString();
    const bearer = { authorization: `Bearer ${qianmen}` };
    const csv = await fetch(`${api.url}/reports/service-capacity/venues.csv?${query()}`, {
      headers: bearer,
    });
    expect(csv.status).toBe(200);
    const elsewhere = await fetch(
      `${api.url}/reports/service-capacity/venues.csv?${query(BEIXINQIAO)}`,
      { headers: bearer },
    );
    expect(elsewhere.status).toBe(403);
    expect(await elsewhere.json()).toMatchObject({ code: 'FORBIDDEN' });
    const page = await fetch(`${api.url}/reports/service-capacity?${query()}&lang=en`, {
      headers: bearer,
    });
    expect(page.status).toBe(200);
    const html = await page.text();
    // The page offers the manager's own subdistrict only.
    expect(html).toContain('Qianmen');
    expect(html).not.toContain('Beixinqiao');
  });

  it('refuses a report to anyone but the district admin, and bad ranges', async () => {
    expect(errorCode(await api.gql(REPORT, { from, to }, organizer))).toBe('FORBIDDEN');
    const backwards = await api.gql(REPORT, { from: to, to: from }, admin);
    expect(backwards.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'to' });
    const tooLong = await api.gql(
      REPORT,
      { from, to: new Date(Date.parse(from) + 367 * 86_400_000).toISOString() },
      admin,
    );
    expect(tooLong.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'to' });
    expect(errorCode(await api.gql(REPORT, { from, to, subdistrictId: '999' }, admin))).toBe(
      'NOT_FOUND',
    );
  });

  describe('ratings and the score', () => {
    let completed: string[];

    beforeAll(async () => {
      // Five events at B last month, done.
      completed = [];
      for (let i = 0; i < 5; i++) {
        completed.push(
          await insertBooking(api, {
            venueId: venueB,
            organizerId,
            status: 'COMPLETED',
            startsAt: beijing(-30 + i, '10:00'),
            endsAt: beijing(-30 + i, '12:00'),
          }),
        );
      }
    });

    it('lets the organizer rate a completed booking once, and blends five ratings into the score', async () => {
      const before = await api.gql(SCORE, { id: venueB }, organizer);
      expect(before.data.venue.serviceCapacityScore).toBe(5);
      expect(before.data.venue.serviceScore).toMatchObject({
        checklistScore: 5,
        ratingCount: 0,
        ratingScore: null,
      });

      // Four ratings of 4 stars each ((4 + 4) / 2).
      for (const id of completed.slice(0, 4)) {
        const rated = await api.gql(RATE, { id, input: { facilities: 4, overall: 4 } }, organizer);
        expect(rated.errors).toBeUndefined();
        expect(rated.data.rateBooking).toMatchObject({
          venueId: venueB,
          facilities: 4,
          overall: 4,
          interpretation: null,
          booking: { id },
        });
      }
      // Four are not enough: the score stays the checklist's 5; they show as (4 − 1) / 4 = 75.
      const four = await api.gql(SCORE, { id: venueB }, organizer);
      expect(four.data.venue.serviceScore).toMatchObject({
        score: 5,
        ratingScore: 75,
        ratingCount: 4,
        ratingsBlended: false,
      });

      // The fifth: (2 + 3 + 4 + 3) / 4 = 3 stars. Mean (4 × 4 + 3) / 5 = 3.8 stars:
      // (3.8 − 1) / 4 × 100 = 70; score 0.6 × 5 + 0.4 × 70 = 31.
      const fifth = await api.gql(
        RATE,
        {
          id: completed[4],
          input: {
            facilities: 2,
            interpretation: 3,
            security: 4,
            overall: 3,
            comment: '  口译很好 Good interpreting ',
          },
        },
        organizer,
      );
      expect(fifth.data.rateBooking).toMatchObject({
        interpretation: 3,
        security: 4,
        comment: '口译很好 Good interpreting',
      });
      const five = await api.gql(SCORE, { id: venueB }, admin);
      expect(five.data.venue).toMatchObject({
        serviceCapacityScore: 31,
        serviceScore: {
          score: 31,
          checklistScore: 5,
          ratingScore: 70,
          ratingCount: 5,
          ratingsBlended: true,
        },
      });
      expect(five.data.venue.serviceScore.lines).toContainEqual({
        item: 'WIFI',
        weight: 5,
        earned: 5,
      });

      // The report shows the same score.
      const { data } = await api.gql(REPORT, { from, to, subdistrictId: BEIXINQIAO }, admin);
      const row = data.serviceCapacityReport.byVenue.find(
        (venue: { venueId: string }) => venue.venueId === venueB,
      );
      expect(row.serviceScore).toBe(31);
    });

    it('refuses a second rating, another organizer’s, an unfinished booking and values outside 1..5, writing nothing', async () => {
      const [approved] = await api.dataSource.query<{ id: string }[]>(
        "SELECT id FROM bookings WHERE status = 'APPROVED' AND venue_id = ? LIMIT 1",
        [venueA],
      );
      const extra = await insertBooking(api, {
        venueId: venueA,
        organizerId,
        status: 'COMPLETED',
        startsAt: beijing(-3, '10:00'),
        endsAt: beijing(-3, '11:00'),
      });
      const before = await snapshot(api.dataSource, ['booking_ratings']);
      const attempts = [
        [
          await api.gql(
            RATE,
            { id: completed[0], input: { facilities: 5, overall: 5 } },
            organizer,
          ),
          'CONFLICT',
        ],
        [
          await api.gql(RATE, { id: extra, input: { facilities: 5, overall: 5 } }, organizer2),
          'FORBIDDEN',
        ],
        [
          await api.gql(
            RATE,
            { id: String(approved.id), input: { facilities: 5, overall: 5 } },
            organizer,
          ),
          'CONFLICT',
        ],
        [
          await api.gql(RATE, { id: extra, input: { facilities: 6, overall: 5 } }, organizer),
          'BAD_USER_INPUT',
        ],
        [
          await api.gql(RATE, { id: extra, input: { facilities: 5, overall: 0 } }, organizer),
          'BAD_USER_INPUT',
        ],
        [
          await api.gql(
            RATE,
            { id: extra, input: { facilities: 5, security: 9, overall: 5 } },
            organizer,
          ),
          'BAD_USER_INPUT',
        ],
        [
          await api.gql(RATE, { id: extra, input: { facilities: 5, overall: 5 } }, admin),
          'FORBIDDEN',
        ],
        [
          await api.gql(RATE, { id: '987654', input: { facilities: 5, overall: 5 } }, organizer),
          'NOT_FOUND',
        ],
      ] as const;
      expect(attempts.map(([result]) => errorCode(result))).toEqual(
        attempts.map(([, code]) => code),
      );
      expect(attempts[3][0].errors?.[0].extensions.field).toBe('facilities');
      expect(attempts[4][0].errors?.[0].extensions.field).toBe('overall');
      expect(await snapshot(api.dataSource, ['booking_ratings'])).toBe(before);
    });
  });

  it('orders available venues of equal capacity by score, higher first', async () => {
    const plain = {
      seatedCapacity: 777,
      standingCapacity: null,
      facilities: [],
      requiresApproval: false,
      openingHours: [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({
        weekday,
        opens: '07:00',
        closes: '22:00',
      })),
    };
    // Registered first (lower id), but bare: capacity 777 ≥ 500 gives 15.
    const bare = await adminVenue(
      api,
      admin,
      venueInput('11', { ...plain, nameEn: 'Bare hall 777' }),
    );
    // Registered second: 15 + booth 15 + signage 10 + Wi-Fi 5 = 45.
    const equipped = await adminVenue(
      api,
      admin,
      venueInput('11', {
        ...plain,
        nameEn: 'Equipped hall 777',
        facilities: [
          { type: 'SIMULTANEOUS_INTERPRETATION_BOOTH' },
          { type: 'BILINGUAL_SIGNAGE' },
          { type: 'WIFI' },
        ],
      }),
    );
    const { data } = await api.gql(
      AVAILABLE,
      {
        input: {
          startsAt: beijing(20, '10:00'),
          endsAt: beijing(20, '11:00'),
          attendees: 700,
          subdistrictId: '11',
        },
      },
      organizer,
    );
    const ids: string[] = data.availableVenues.edges.map(
      (edge: { node: { id: string } }) => edge.node.id,
    );
    expect(ids.indexOf(equipped)).toBeGreaterThanOrEqual(0);
    expect(ids.indexOf(equipped)).toBeLessThan(ids.indexOf(bare));
  });

  describe('CSV downloads', () => {
    const csvUrl = (table: string) =>
      `${api.url}/reports/service-capacity/${table}.csv?${new URLSearchParams({ from, to, subdistrictId: BEIXINQIAO }).toString()}`;
    const basic = (email: string, password: string) =>
      `Basic ${Buffer.from(`${email}:${password}`).toString('base64')}`;

    it('serves the venues and subdistricts tables to the district admin, which a CSV parser reads back', async () => {
      const response = await fetch(csvUrl('venues'), {
        headers: { authorization: basic('admin@demo.local', 'demo1234') },
      });
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toMatch(/^text\/csv/);
      expect(response.headers.get('content-disposition')).toMatch(
        /attachment; filename="service-capacity-venues-/,
      );
      const rows: Record<string, string>[] = parse(await response.text(), {
        columns: true,
        bom: true,
      });
      expect(rows).toHaveLength(2);
      const a = rows.find((row) => row.venue_id === venueA)!;
      expect(a).toMatchObject({
        name_zh: '前门国际会议厅',
        name_en: 'Beixinqiao Hall A',
        subdistrict_id: BEIXINQIAO,
        open_hours: '40',
        booked_hours: '8',
        utilisation: '0.2',
        events: '3',
        foreign_guests: '75',
        standard_events: '1',
        high_events: '1',
        state_events: '1',
        approvals: '3',
        approval_lead_median_hours: '4',
        approval_lead_p90_hours: '8.8',
      });

      const token = await api.login('admin@demo.local');
      const subdistricts = await fetch(csvUrl('subdistricts'), {
        headers: { authorization: `Bearer ${token}` },
      });
      const [row] = parse<Record<string, string>>(await subdistricts.text(), {
        columns: true,
        bom: true,
      });
      expect(row).toMatchObject({
        subdistrict_id: BEIXINQIAO,
        utilisation: '0.1462',
        unmet_demand: '9', // as worked out above
        approval_lead_p90_hours: '19.8',
      });

      const unmet = await fetch(csvUrl('unmet-demand'), {
        headers: { authorization: `Bearer ${token}` },
      });
      const unmetRows = parse<Record<string, string>>(await unmet.text(), {
        columns: true,
        bom: true,
      });
      expect(unmetRows.reduce((sum, r) => sum + Number(r.count), 0)).toBe(9);
      const coverage = await fetch(csvUrl('interpreter-coverage'), {
        headers: { authorization: `Bearer ${token}` },
      });
      expect(parse(await coverage.text(), { columns: true, bom: true })).toEqual([
        {
          language_from: 'zh',
          language_to: 'en',
          requested_hours: '8',
          staffed_hours: '4',
          coverage: '0.5',
        },
        {
          language_from: 'zh',
          language_to: 'fr',
          requested_hours: '4',
          staffed_hours: '0',
          coverage: '0',
        },
      ]);
      const load = await fetch(csvUrl('security-load'), {
        headers: { authorization: `Bearer ${token}` },
      });
      const loadRows = parse<Record<string, string>>(await load.text(), {
        columns: true,
        bom: true,
      });
      expect(loadRows.map((r) => [r.staff_id, r.assignments, r.hours])).toEqual([
        [officer1, '2', '5'],
        [officer2, '1', '1'],
      ]);
    });

    it('asks a browser to sign in, and turns away other roles and wrong passwords', async () => {
      const anonymous = await fetch(csvUrl('venues'));
      expect(anonymous.status).toBe(401);
      expect(anonymous.headers.get('www-authenticate')).toMatch(/^Basic realm="/);
      const wrong = await fetch(csvUrl('venues'), {
        headers: { authorization: basic('admin@demo.local', 'nope') },
      });
      expect(wrong.status).toBe(401);
      expect(wrong.headers.get('www-authenticate')).toMatch(/^Basic realm="/);
      const organizerBasic = await fetch(csvUrl('venues'), {
        headers: { authorization: basic('organizer@demo.local', 'demo1234') },
      });
      expect(organizerBasic.status).toBe(403);
      const organizerBearer = await fetch(csvUrl('venues'), {
        headers: { authorization: `Bearer ${organizer}` },
      });
      expect(organizerBearer.status).toBe(403);
      const unknown = await fetch(`${api.url}/reports/service-capacity/nothing.csv`, {
        headers: { authorization: `Bearer ${admin}` },
      });
      expect(unknown.status).toBe(404);
      const backwards = await fetch(
        `${api.url}/reports/service-capacity/venues.csv?${new URLSearchParams({ from: to, to: from }).toString()}`,
        { headers: { authorization: `Bearer ${admin}` } },
      );
      expect(backwards.status).toBe(400);
    });
  });
});
