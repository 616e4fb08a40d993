import { INestApplicationContext } from '@nestjs/common';
import { getQueueToken } from '@nestjs/bullmq';
import { APP_CONFIG, AppConfig } from '@app/config';
import { NOTIFICATIONS_QUEUE, ReminderSender } from '@app/notifications';
import { Queue } from 'bullmq';
import { DateTime } from 'luxon';
import { createWorkerApp } from '../apps/worker/src/bootstrap';
import { activeVenue, bookSoon, EVERY_DAY, nextKey, REQUEST } from './support/booking-fixtures';
import { eventually } from './support/eventually';
import { TestApi } from './support/test-api';

const INBOX = `{ notifications(first: 50) { edges { node { kind bookingId subjectEn bodyEn } } } }`;
/** Short offsets: a reminder 50 s before the start, and one a day before (already past). */
const PLAN = 'organizer@start-50s,organizer@start-24h';

describe('reminders as delayed jobs', () => {
  let api: TestApi;
  let worker: INestApplicationContext;
  let organizer: string;
  let venues: string[];

  beforeAll(async () => {
    api = await TestApi.start({ demo: true, env: { REMINDER_PLAN: PLAN } });
    worker = await createWorkerApp(api.env);
    const [admin, qianmen] = await Promise.all(
      ['admin', 'qianmen'].map((n) => api.login(`${n}@demo.local`)),
    );
    organizer = await api.login('organizer@demo.local');
    venues = [];
    for (let i = 0; i < 3; i++) {
      venues.push(
        await activeVenue(api, { qianmen, admin }, { openingHours: EVERY_DAY('00:00', '24:00') }),
      );
    }
  });

  afterAll(async () => {
    await worker?.close();
    await api.close();
  });

  const reminders = async () =>
    (await api.gql(INBOX, {}, organizer)).data.notifications.edges
      .map((e: any) => e.node)
      .filter((n: any) => n.kind === 'REMINDER');

  const book = (venueId: string, title: string, startsIn: number) =>
    bookSoon(api, organizer, venueId, title, startsIn);

  it('fires on time in the recipient’s zone, never late, and never for a moved or cancelled booking', async () => {
    const kept = await book(venues[0], 'Kept meeting', 62_000);
    const moved = await book(venues[1], 'Moved meeting', 62_000);
    const cancelled = await book(venues[2], 'Cancelled meeting', 62_000);
    await api.gql(
      'mutation($id: ID!, $s: DateTime!, $e: DateTime!) { rescheduleBooking(id: $id, startsAt: $s, endsAt: $e) { version } }',
      {
        id: moved.id,
        s: new Date(moved.startsAt.getTime() + 7_200_000).toISOString(),
        e: new Date(moved.startsAt.getTime() + 10_800_000).toISOString(),
      },
      organizer,
    );
    await api.gql(
      'mutation($id: ID!) { cancelBooking(id: $id, reason: "Not needed") { status } }',
      { id: cancelled.id },
      organizer,
    );

    // The moved booking's first reminder job is removed once its change is relayed.
    const queue = worker.get<Queue>(getQueueToken(NOTIFICATIONS_QUEUE));
    const oldJob = `reminder-${moved.id}-v1-organizer-start-50s`;
    expect(
      await eventually(
        () => queue.getJob(oldJob),
        (job) => job === undefined,
      ),
    ).toBeUndefined();

    // Even if an old job ran, it would find a newer version (or a cancelled booking) and send nothing.
    const rule = worker.get<AppConfig>(APP_CONFIG).reminders[0];
    const sender = worker.get(ReminderSender);
    expect(await sender.send({ bookingId: moved.id, version: 1, rule })).toBe(0);
    expect(await sender.send({ bookingId: cancelled.id, version: 1, rule })).toBe(0);

    const fired = await eventually(reminders, (list) => list.length >= 1, 30_000);
    // Give any stale or late reminder the time to show up before counting.
    await new Promise((resolve) => setTimeout(resolve, 3000));
    const all = await reminders();
    expect(all).toEqual(fired);
    expect(all).toHaveLength(1);
    expect(all[0].bookingId).toBe(kept.id);
    expect(Date.now()).toBeGreaterThanOrEqual(kept.startsAt.getTime() - 50_000);
    const local = DateTime.fromJSDate(kept.startsAt, { zone: 'Asia/Shanghai' }).toFormat(
      'yyyy-MM-dd HH:mm',
    );
    expect(all[0].subjectEn).toBe('Reminder: Kept meeting');
    expect(all[0].bodyEn).toContain(`Time: ${local}`);
    expect(all[0].bodyEn).toContain('(Asia/Shanghai)');
  });
});

describe('reminders for the people who serve the event', () => {
  /** Interpreters 30 s before the start, security (coordinators and officers) 25 s before. */
  const STAFF_PLAN = 'interpreters@start-30s,security@start-25s';
  let api: TestApi;
  let worker: INestApplicationContext;
  let admin: string;
  let organizer: string;
  let venueId: string;

  const STAFF = 'query($text: String) { staff(filter: { text: $text }) { edges { node { id } } } }';
  const ALL_WEEK = [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({
    weekday,
    from: '00:00',
    until: '24:00',
  }));

  beforeAll(async () => {
    api = await TestApi.start({ demo: true, env: { REMINDER_PLAN: STAFF_PLAN } });
    worker = await createWorkerApp(api.env);
    const qianmen = await api.login('qianmen@demo.local');
    [admin, organizer] = await Promise.all(
      ['admin', 'organizer'].map((n) => api.login(`${n}@demo.local`)),
    );
    venueId = await activeVenue(
      api,
      { qianmen, admin },
      { securityLevel: 1, openingHours: EVERY_DAY('00:00', '24:00') },
    );
    // Whatever the hour the test runs at, the two serve then; the interpreter lives in Paris.
    for (const name of ['Li Na', 'Wang Qiang']) {
      const id = (await api.gql(STAFF, { text: name }, admin)).data.staff.edges[0].node.id;
      const updated = await api.gql(
        'mutation($id: ID!, $input: UpdateStaffMemberInput!) { updateStaffMember(id: $id, input: $input) { id } }',
        { id, input: { weeklyAvailability: ALL_WEEK } },
        admin,
      );
      expect(updated.errors).toBeUndefined();
    }
    await api.dataSource.query(
      "UPDATE users SET time_zone = 'Europe/Paris' WHERE email = 'interpreter@demo.local'",
    );
  });

  afterAll(async () => {
    await worker?.close();
    await api.close();
  });

  it('reminds the interpreters, the coordinators and the officers at their times, each in their language and zone', async () => {
    const startsAt = new Date(Math.ceil((Date.now() + 45_000) / 1000) * 1000);
    const endsAt = new Date(startsAt.getTime() + 3_600_000);
    const booked = await api.gql(
      REQUEST,
      {
        input: {
          venueId,
          title: 'Sino-Kenyan youth forum',
          attendees: 40,
          foreignGuests: 8,
          startsAt: startsAt.toISOString(),
          endsAt: endsAt.toISOString(),
          interpretation: [{ from: 'zh', to: 'en', mode: 'CONSECUTIVE' }],
        },
        key: nextKey(),
      },
      organizer,
    );
    if (!booked.data) throw new Error(JSON.stringify(booked.errors));
    const bookingId: string = booked.data.requestBooking.id;
    const requirements = (
      await api.gql(
        'query($id: ID!) { staffingRequirements(bookingId: $id) { id kind } }',
        { id: bookingId },
        admin,
      )
    ).data.staffingRequirements;
    for (const [kind, name] of [
      ['INTERPRETER', 'Li Na'],
      ['SECURITY_OFFICER', 'Wang Qiang'],
    ]) {
      const requirement = requirements.find((r: any) => r.kind === kind);
      const staff = (await api.gql(STAFF, { text: name }, admin)).data.staff.edges[0].node.id;
      const assigned = await api.gql(
        'mutation($r: ID!, $s: ID!) { assignStaff(requirementId: $r, staffId: $s) { id } }',
        { r: requirement.id, s: staff },
        admin,
      );
      expect(assigned.errors).toBeUndefined();
    }

    const REMINDERS = `{ notifications(first: 50) { edges { node { kind bookingId subject subjectEn bodyEn bodyZh createdAt } } } }`;
    const remindersOf = async (token: string) =>
      (await api.gql(REMINDERS, {}, token)).data.notifications.edges
        .map((e: any) => e.node)
        .filter((n: any) => n.kind === 'REMINDER' && n.bookingId === bookingId);
    const [interpreter, officer, coordinator] = await Promise.all(
      ['interpreter', 'officer', 'security'].map((n) => api.login(`${n}@demo.local`)),
    );
    const everyone = () =>
      Promise.all([interpreter, officer, coordinator, organizer].map(remindersOf));
    const fired = await eventually(
      everyone,
      (lists) => lists.slice(0, 3).every((list) => list.length >= 1),
      60_000,
    );
    await new Promise((resolve) => setTimeout(resolve, 2000)); // nothing twice, nobody else
    expect(await everyone()).toEqual(fired);
    const [[toInterpreter], [toOfficer], [toCoordinator], toOrganizer] = fired.map((list) => {
      expect(list.length).toBeLessThanOrEqual(1);
      return list;
    });
    expect(toOrganizer).toEqual([]);

    // On time: not before the rule's moment.
    expect(new Date(toInterpreter.createdAt).getTime()).toBeGreaterThanOrEqual(
      startsAt.getTime() - 30_000,
    );
    for (const notice of [toOfficer, toCoordinator])
      expect(new Date(notice.createdAt).getTime()).toBeGreaterThanOrEqual(
        startsAt.getTime() - 25_000,
      );

    // The interpreter reads English, in Paris; the officer and the coordinator Chinese, in Beijing.
    // The end shows its date only when it falls on another day there (e.g. past midnight).
    const at = (zone: string) => {
      const start = DateTime.fromJSDate(startsAt, { zone });
      const end = DateTime.fromJSDate(endsAt, { zone });
      const until = end.toFormat(end.hasSame(start, 'day') ? 'HH:mm' : 'yyyy-MM-dd HH:mm');
      return `${start.toFormat('yyyy-MM-dd HH:mm')}–${until} (${zone})`;
    };
    expect(toInterpreter.subject).toBe('Reminder: Sino-Kenyan youth forum');
    expect(toInterpreter.bodyEn).toContain(`Time: ${at('Europe/Paris')}`);
    for (const notice of [toOfficer, toCoordinator]) {
      expect(notice.subject).toBe('活动提醒：Sino-Kenyan youth forum');
      expect(notice.bodyZh).toContain(`时间：${at('Asia/Shanghai')}`);
    }
  });
});
