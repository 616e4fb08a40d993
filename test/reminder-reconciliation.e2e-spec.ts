import { INestApplicationContext } from '@nestjs/common';
import { getQueueToken } from '@nestjs/bullmq';
import {
  NOTIFICATIONS_QUEUE,
  REMINDER_RECONCILE_SCHEDULER_ID,
  RELAY_SCHEDULER_ID,
  ReminderReconciler,
} from '@app/notifications';
import { Job, Queue } from 'bullmq';
import { createWorkerApp } from '../apps/worker/src/bootstrap';
import { JobSchedulerKeeper } from '../apps/worker/src/schedulers/job-scheduler-keeper';
import { activeVenue, bookSoon, EVERY_DAY } from './support/booking-fixtures';
import { eventually } from './support/eventually';
import { TestApi } from './support/test-api';

/** The organizer 30 s before the start; the approvers once a request has waited 25 s. */
const PLAN = 'organizer@start-30s,approvers@requested+25s';

describe('reminder reconciliation', () => {
  let api: TestApi;
  let worker: INestApplicationContext;
  let queue: Queue;
  let organizer: string;
  let qianmen: string;
  let tokens: { qianmen: string; admin: string };

  beforeAll(async () => {
    api = await TestApi.start({
      demo: true,
      env: { REMINDER_PLAN: PLAN, REMINDER_RECONCILE_SECONDS: '120' },
    });
    worker = await createWorkerApp(api.env);
    queue = worker.get<Queue>(getQueueToken(NOTIFICATIONS_QUEUE));
    const admin = await api.login('admin@demo.local');
    qianmen = await api.login('qianmen@demo.local');
    organizer = await api.login('organizer@demo.local');
    tokens = { qianmen, admin };
  });

  afterAll(async () => {
    await worker?.close();
    await api.close();
  });

  const book = async (venueId: string, title: string, startsIn: number) =>
    (await bookSoon(api, organizer, venueId, title, startsIn)).id;

  const inbox = async (token: string, kind: string, bookingId: string) =>
    (
      await api.gql(
        '{ notifications(first: 50) { edges { node { kind bookingId subjectEn } } } }',
        {},
        token,
      )
    ).data.notifications.edges
      .map((e: any) => e.node)
      .filter((n: any) => n.kind === kind && n.bookingId === bookingId);

  const deliveredFor = async (jobId: string) =>
    Number(
      (
        await api.dataSource.query(
          'SELECT COUNT(*) AS n FROM notifications WHERE delivery_key LIKE ?',
          [`${jobId}-%`],
        )
      )[0].n,
    );

  it('puts back reminder jobs Redis lost, each of which then fires once', async () => {
    const open = { openingHours: EVERY_DAY('00:00', '24:00') };
    const [direct, approved] = await Promise.all([
      activeVenue(api, tokens, { ...open, requiresApproval: false }),
      activeVenue(api, tokens, { ...open, requiresApproval: true }),
    ]);
    const meeting = await book(direct, 'Reconciled meeting', 70_000);
    const request = await book(approved, 'Reconciled request', 3 * 86_400_000);
    const organizerJob = `reminder-${meeting}-v1-organizer-start-30s`;
    const approversJob = `reminder-${request}-v1-approvers-requested+25s`;

    // The relayed events planned both; now Redis "loses" them.
    for (const id of [organizerJob, approversJob]) {
      expect(
        await eventually(
          () => queue.getJob(id),
          (job) => job !== undefined,
        ),
      ).toBeDefined();
      await queue.remove(id);
      expect(await queue.getJob(id)).toBeUndefined();
    }

    const reminders = worker.get(ReminderReconciler);
    expect(await reminders.reconcile()).toBeGreaterThanOrEqual(2);
    // A second pass adds nothing new: the ids are the same.
    await reminders.reconcile();
    const [organizerRestored, approversRestored] = await Promise.all(
      [organizerJob, approversJob].map((id) => queue.getJob(id)),
    );
    expect(await organizerRestored?.getState()).toBe('delayed');
    expect(await approversRestored?.getState()).toBe('delayed');
    const delayed = await queue.getJobs(['delayed']);
    expect(delayed.filter((job) => job.id === organizerJob)).toHaveLength(1);

    // The approvers' reminder still counts from when the request began to wait (audit trail).
    const [{ at }] = await api.dataSource.query(
      "SELECT MAX(at) AS at FROM booking_audit WHERE booking_id = ? AND to_status = 'PENDING_APPROVAL'",
      [request],
    );
    const due = (job: Job) => job.timestamp + job.delay;
    expect(Math.abs(due(approversRestored!) - (new Date(at).getTime() + 25_000))).toBeLessThan(
      1000,
    );

    // Each fires once, to its recipients.
    for (const id of [organizerJob, approversJob]) {
      expect(
        await eventually(
          async () => (await queue.getJob(id))?.getState(),
          (state) => state === 'completed',
          60_000,
        ),
      ).toBe('completed');
    }
    expect(await inbox(organizer, 'REMINDER', meeting)).toEqual([
      expect.objectContaining({ subjectEn: 'Reminder: Reconciled meeting' }),
    ]);
    expect(await inbox(qianmen, 'APPROVAL_WAITING', request)).toHaveLength(1);
    const managers = Number(
      (
        await api.dataSource.query(
          "SELECT COUNT(*) AS n FROM users WHERE role = 'SUBDISTRICT_MANAGER' AND subdistrict_id = (SELECT subdistrict_id FROM venues WHERE id = ?) AND active = 1",
          [approved],
        )
      )[0].n,
    );
    expect(await deliveredFor(organizerJob)).toBe(1);
    expect(await deliveredFor(approversJob)).toBe(managers);

    // After they fired, reconciling adds neither again: their times have passed.
    const finishedOn = (await queue.getJob(organizerJob))?.finishedOn;
    await reminders.reconcile();
    const after = await queue.getJob(organizerJob);
    expect(await after?.getState()).toBe('completed');
    expect(after?.finishedOn).toBe(finishedOn);
    expect(await deliveredFor(organizerJob)).toBe(1);
  }, 120_000);

  it('sends a lost reminder late if it fell due after the booking changed, and leaves far ones to later passes', async () => {
    const open = { openingHours: EVERY_DAY('00:00', '24:00'), requiresApproval: false };
    const [first, second, third] = await Promise.all(
      [1, 2, 3].map(() => activeVenue(api, tokens, open)),
    );
    const bookedAt = Date.now();
    const missed = await book(first, 'Missed while Redis was away', 42_000); // due in 12 s
    const tooLate = await book(second, 'Booked after its reminder time', 20_000); // due 10 s ago
    const far = await book(third, 'Far ahead', 2 * 86_400_000);
    const missedJob = `reminder-${missed}-v1-organizer-start-30s`;
    const farJob = `reminder-${far}-v1-organizer-start-30s`;
    for (const id of [missedJob, farJob]) {
      await eventually(
        () => queue.getJob(id),
        (job) => job !== undefined,
      );
      await queue.remove(id);
    }
    const reminders = worker.get(ReminderReconciler);
    // Its time passes while its job is gone; nothing is sent meanwhile.
    await new Promise((resolve) =>
      setTimeout(resolve, Math.max(0, bookedAt + 14_000 - Date.now())),
    );
    expect(await inbox(organizer, 'REMINDER', missed)).toEqual([]);
    await reminders.reconcile();
    expect(await queue.getJob(farJob)).toBeUndefined(); // two days out: a later pass adds it
    const sent = await eventually(
      () => inbox(organizer, 'REMINDER', missed),
      (list) => list.length >= 1,
      30_000,
    );
    expect(sent).toHaveLength(1);
    expect(await deliveredFor(missedJob)).toBe(1);
    expect(await deliveredFor(`reminder-${tooLate}-v1-organizer-start-30s`)).toBe(0);
    expect(await inbox(organizer, 'REMINDER', tooLate)).toEqual([]);

    // The pass before the far reminder falls due puts it back.
    const farStart = Number(
      new Date(
        (await api.dataSource.query('SELECT starts_at AS s FROM bookings WHERE id = ?', [far]))[0]
          .s,
      ),
    );
    await reminders.reconcile(new Date(farStart - 60_000));
    expect(await queue.getJob(farJob)).toBeDefined();
    await queue.remove(farJob);
  }, 120_000);

  it('keeps the job schedulers: those Redis lost are re-created by the worker', async () => {
    const scheduler = await queue.getJobScheduler(REMINDER_RECONCILE_SCHEDULER_ID);
    expect(scheduler?.every).toBe(120_000);
    await queue.removeJobScheduler(REMINDER_RECONCILE_SCHEDULER_ID);
    await queue.removeJobScheduler(RELAY_SCHEDULER_ID);
    expect(await queue.getJobScheduler(RELAY_SCHEDULER_ID)).toBeUndefined();

    const both = () =>
      Promise.all(
        [RELAY_SCHEDULER_ID, REMINDER_RECONCILE_SCHEDULER_ID].map((id) =>
          queue.getJobScheduler(id),
        ),
      );
    const [relay, reconcile] = await eventually(both, (found) => found.every(Boolean));
    expect(relay?.every).toBe(1000);
    expect(reconcile?.every).toBe(120_000);
    // Present ones are left alone.
    expect(await worker.get(JobSchedulerKeeper).check()).toEqual([]);
  });
});
