import { getQueueToken } from '@nestjs/bullmq';
import { INestApplicationContext } from '@nestjs/common';
import { Queue } from 'bullmq';
import { DateTime } from 'luxon';
import { BookingEntity, BookingReader } from '@app/bookings';
import { APP_CONFIG, AppConfig, ReminderRule } from '@app/config';
import {
  NOTIFICATIONS_QUEUE,
  OutboxRelayService,
  ReminderDeliveryService,
  reminderJobId,
  ReminderPayload,
  ReminderSchedulingService,
} from '@app/notifications';
import { activeVenue, bookSoon, EVERY_DAY, nextKey, REQUEST } from './support/booking-fixtures';
import { eventually } from './support/eventually';
import { TestApi } from './support/test-api';
import { createWorkerApp } from '../apps/worker/src/bootstrap';

/**
 * The organizer 50 s before the start and a day before (already past for an event booked within
 * the day); interpreters 30 s before, security (coordinators and officers) 25 s before.
 */
const PLAN = 'organizer@start-50s,organizer@start-24h,interpreters@start-30s,security@start-25s';
const HOUR = 3_600_000;

/**
 * Planning and sending are checked against the jobs in Redis, with the clock given to the
 * scheduler and the sender called for a job, in the API's process where no worker runs the queue:
 * no test waits for a reminder to fall due but the last, which goes through the worker.
 */
describe('reminders as delayed jobs', () => {
  let api: TestApi;
  let queue: Queue;
  let rules: ReminderRule[];
  let scheduler: ReminderSchedulingService;
  let sender: ReminderDeliveryService;
  let admin: string;
  let organizer: string;
  let venues: string[];

  beforeAll(async () => {
    api = await TestApi.start({ demo: true, env: { REMINDER_PLAN: PLAN } });
    queue = api.app.get<Queue>(getQueueToken(NOTIFICATIONS_QUEUE));
    rules = api.app.get<AppConfig>(APP_CONFIG).reminders;
    scheduler = api.app.get(ReminderSchedulingService);
    sender = api.app.get(ReminderDeliveryService);
    const qianmen = await api.login('qianmen@demo.local');
    [admin, organizer] = await Promise.all(
      ['admin', 'organizer'].map((n) => api.login(`${n}@demo.local`)),
    );
    venues = [];
    for (let i = 0; i < 3; i++) {
      venues.push(
        await activeVenue(api, { qianmen, admin }, { openingHours: EVERY_DAY('00:00', '24:00') }),
      );
    }
  });

  afterAll(async () => {
    await api.close();
  });

  const rule = (label: string, audience = 'organizer') =>
    rules.find((r) => r.label === label && r.audience === audience)!;
  const bookingOf = async (id: string): Promise<BookingEntity> =>
    (await api.app.get(BookingReader).byId(id))!;
  const book = (venueId: string, title: string, startsIn: number) =>
    bookSoon(api, organizer, venueId, title, startsIn);
  const remindersOf = async (token: string, bookingId: string) =>
    (
      await api.gql(
        '{ notifications(first: 50) { edges { node { kind bookingId subject subjectEn bodyEn bodyZh createdAt } } } }',
        {},
        token,
      )
    ).data.notifications.edges
      .map((e: any) => e.node)
      .filter((n: any) => n.kind === 'REMINDER' && n.bookingId === bookingId);

  it('plans each rule at its time, and none that was due when the booking was made', async () => {
    const kept = await book(venues[0], 'Kept meeting', 2 * HOUR);
    const booking = await bookingOf(kept.id);
    const now = new Date(kept.startsAt.getTime() - 60_000);
    expect(await scheduler.schedule([booking], now)).toBe(3);
    for (const [label, audience, delay] of [
      ['start-50s', 'organizer', 10_000],
      ['start-30s', 'interpreters', 30_000],
      ['start-25s', 'security', 35_000],
    ] as const) {
      const job = await queue.getJob(reminderJobId(kept.id, 1, rule(label, audience)));
      expect(await job?.getState()).toBe('delayed');
      expect(job?.opts.delay).toBe(delay);
      expect(job?.data).toEqual({
        bookingId: kept.id,
        version: 1,
        rule: rule(label, audience),
      } satisfies ReminderPayload);
    }
    // A day before an event booked two hours ahead: already past, so never sent late.
    expect(await queue.getJob(reminderJobId(kept.id, 1, rule('start-24h')))).toBeUndefined();

    // Planned again once its time has passed, a reminder still of use goes out at once; once the
    // event has begun, none does. The ids are the same, so the job already there is kept.
    await queue.remove(reminderJobId(kept.id, 1, rule('start-50s')));
    expect(await scheduler.schedule([booking], new Date(kept.startsAt.getTime() - 40_000))).toBe(3);
    expect((await queue.getJob(reminderJobId(kept.id, 1, rule('start-50s'))))?.opts.delay).toBe(0);
    expect(await scheduler.schedule([booking], kept.startsAt)).toBe(0);
  });

  it('replaces a moved booking’s jobs, drops a cancelled one’s, and sends neither old one', async () => {
    const relay = api.app.get(OutboxRelayService);
    const moved = await book(venues[1], 'Moved meeting', 2 * HOUR);
    const cancelled = await book(venues[2], 'Cancelled meeting', 2 * HOUR);
    const organizerRule = rule('start-50s');
    // Through the outbox, as the worker plans them (with the real clock).
    await relay.relayPending();
    for (const { id, startsAt } of [moved, cancelled]) {
      const job = await queue.getJob(reminderJobId(id, 1, organizerRule));
      expect(
        Math.abs(job!.timestamp + job!.opts.delay! - (startsAt.getTime() - 50_000)),
      ).toBeLessThan(1000);
    }

    const newStart = new Date(moved.startsAt.getTime() + 2 * HOUR);
    const rescheduled = await api.gql(
      'mutation($id: ID!, $s: DateTime!, $e: DateTime!) { rescheduleBooking(id: $id, startsAt: $s, endsAt: $e) { version } }',
      {
        id: moved.id,
        s: newStart.toISOString(),
        e: new Date(newStart.getTime() + HOUR).toISOString(),
      },
      organizer,
    );
    const version: number = rescheduled.data.rescheduleBooking.version;
    expect(version).toBeGreaterThan(1);
    const cancel = await api.gql(
      'mutation($id: ID!) { cancelBooking(id: $id, reason: "Not needed") { status } }',
      { id: cancelled.id },
      organizer,
    );
    expect(cancel.data.cancelBooking.status).toBe('CANCELLED');
    await relay.relayPending();

    // The old version's jobs are gone once its change is relayed; the new one's are planned.
    for (const r of rules) {
      expect(await queue.getJob(reminderJobId(moved.id, 1, r))).toBeUndefined();
      expect(await queue.getJob(reminderJobId(cancelled.id, 1, r))).toBeUndefined();
    }
    const replaced = await queue.getJob(reminderJobId(moved.id, version, organizerRule));
    expect(
      Math.abs(replaced!.timestamp + replaced!.opts.delay! - (newStart.getTime() - 50_000)),
    ).toBeLessThan(1000);
    const current = await bookingOf(cancelled.id);
    for (const r of rules)
      expect(await queue.getJob(reminderJobId(cancelled.id, current.version, r))).toBeUndefined();

    // Even if an old job ran, it would find a newer version (or a cancelled booking) and send nothing.
    expect(await sender.send({ bookingId: moved.id, version: 1, rule: organizerRule })).toBe(0);
    expect(await sender.send({ bookingId: cancelled.id, version: 1, rule: organizerRule })).toBe(0);
    expect(
      await sender.send({ bookingId: cancelled.id, version: current.version, rule: organizerRule }),
    ).toBe(0);
    for (const { id } of [moved, cancelled]) expect(await remindersOf(organizer, id)).toEqual([]);
  });

  it('reminds the interpreters, the coordinators and the officers once each, in their language and zone', async () => {
    const qianmen = await api.login('qianmen@demo.local');
    const venueId = await activeVenue(
      api,
      { qianmen, admin },
      { securityLevel: 1, openingHours: EVERY_DAY('00:00', '24:00') },
    );
    const STAFF =
      'query($text: String) { staff(filter: { text: $text }) { edges { node { id } } } }';
    const ALL_WEEK = [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({
      weekday,
      from: '00:00',
      until: '24:00',
    }));
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

    const startsAt = new Date(Math.ceil((Date.now() + 2 * HOUR) / 1000) * 1000);
    const endsAt = new Date(startsAt.getTime() + HOUR);
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

    const booking = await bookingOf(bookingId);
    await scheduler.schedule([booking], new Date(startsAt.getTime() - 60_000));
    const [interpretersJob, securityJob] = await Promise.all(
      [rule('start-30s', 'interpreters'), rule('start-25s', 'security')].map((r) =>
        queue.getJob(reminderJobId(bookingId, booking.version, r)),
      ),
    );
    // On time: each at its rule's moment.
    expect(interpretersJob?.opts.delay).toBe(30_000);
    expect(securityJob?.opts.delay).toBe(35_000);

    // The jobs' sending, as the worker runs it when they fall due.
    const coordinators = Number(
      (
        await api.dataSource.query(
          "SELECT COUNT(*) AS n FROM users WHERE role = 'SECURITY_COORDINATOR' AND active = 1",
        )
      )[0].n,
    );
    expect(await sender.send(interpretersJob!.data)).toBe(1);
    expect(await sender.send(securityJob!.data)).toBe(coordinators + 1);
    // Run again (a retry, a second worker): nothing twice.
    expect(await sender.send(interpretersJob!.data)).toBe(0);
    expect(await sender.send(securityJob!.data)).toBe(0);

    const [interpreter, officer, coordinator] = await Promise.all(
      ['interpreter', 'officer', 'security'].map((n) => api.login(`${n}@demo.local`)),
    );
    const [toInterpreter, toOfficer, toCoordinator, toOrganizer] = await Promise.all(
      [interpreter, officer, coordinator, organizer].map((token) => remindersOf(token, bookingId)),
    );
    for (const list of [toInterpreter, toOfficer, toCoordinator]) expect(list).toHaveLength(1);
    expect(toOrganizer).toEqual([]);

    // The interpreter reads English, in Paris; the officer and the coordinator Chinese, in Beijing.
    // The end shows its date only when it falls on another day there (e.g. past midnight).
    const at = (zone: string) => {
      const start = DateTime.fromJSDate(startsAt, { zone });
      const end = DateTime.fromJSDate(endsAt, { zone });
      const until = end.toFormat(end.hasSame(start, 'day') ? 'HH:mm' : 'yyyy-MM-dd HH:mm');
      return `${start.toFormat('yyyy-MM-dd HH:mm')}–${until} (${zone})`;
    };
    expect(toInterpreter[0].subject).toBe('Reminder: Sino-Kenyan youth forum');
    expect(toInterpreter[0].bodyEn).toContain(`Time: ${at('Europe/Paris')}`);
    for (const [notice] of [toOfficer, toCoordinator]) {
      expect(notice.subject).toBe('活动提醒：Sino-Kenyan youth forum');
      expect(notice.bodyZh).toContain(`时间：${at('Asia/Shanghai')}`);
    }
  });

  describe('through the worker', () => {
    let worker: INestApplicationContext;

    beforeAll(async () => {
      // The jobs planned above with a clock of their own are not for the worker to run.
      await queue.drain(true);
      worker = await createWorkerApp(api.env);
    });

    afterAll(async () => {
      await worker?.close();
    });

    it('fires a reminder on time, once, in the recipient’s zone', async () => {
      const soon = await book(venues[0], 'Soon meeting', 55_000); // its reminder: in 5 s
      const jobId = reminderJobId(soon.id, 1, rule('start-50s'));
      const fired = await eventually(
        () => remindersOf(organizer, soon.id),
        (list) => list.length >= 1,
        30_000,
      );
      expect(fired).toHaveLength(1);
      expect(new Date(fired[0].createdAt).getTime()).toBeGreaterThanOrEqual(
        soon.startsAt.getTime() - 50_000,
      );
      // The notice is written inside the job, which completes a moment after.
      expect(
        await eventually(
          async () => (await queue.getJob(jobId))?.getState(),
          (state) => state === 'completed',
        ),
      ).toBe('completed');
      expect(await queue.getJob(reminderJobId(soon.id, 1, rule('start-24h')))).toBeUndefined();
      const local = DateTime.fromJSDate(soon.startsAt, { zone: 'Asia/Shanghai' }).toFormat(
        'yyyy-MM-dd HH:mm',
      );
      expect(fired[0].subjectEn).toBe('Reminder: Soon meeting');
      expect(fired[0].bodyEn).toContain(`Time: ${local}`);
      expect(fired[0].bodyEn).toContain('(Asia/Shanghai)');
      const delivered = await api.dataSource.query(
        'SELECT COUNT(*) AS n FROM notifications WHERE delivery_key LIKE ?',
        [`${jobId}-%`],
      );
      expect(Number(delivered[0].n)).toBe(1);
    });
  });
});
