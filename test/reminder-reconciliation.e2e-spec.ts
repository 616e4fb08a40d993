import { getQueueToken } from '@nestjs/bullmq';
import { INestApplicationContext } from '@nestjs/common';
import { Queue } from 'bullmq';
import { APP_CONFIG, AppConfig } from '@app/config';
import {
  NOTIFICATIONS_QUEUE,
  OutboxRelayService,
  REMINDER_RECONCILE_SCHEDULER_ID,
  RELAY_SCHEDULER_ID,
  ReminderDeliveryService,
  reminderJobId,
  ReminderReconciliationService,
} from '@app/notifications';
import { activeVenue, bookSoon, EVERY_DAY } from './support/booking-fixtures';
import { eventually } from './support/eventually';
import { TestApi } from './support/test-api';
import { createWorkerApp } from '../apps/worker/src/bootstrap';
import { JobSchedulersService } from '../apps/worker/src/schedulers/job-schedulers.service';

/** The organizer 30 s before the start; the approvers once a request has waited 25 s. */
const PLAN = 'organizer@start-30s,approvers@requested+25s';

/**
 * Redis "loses" jobs by their removal. Reconciliation is checked against the jobs it puts back,
 * with the clock given to it, in the API's process where no worker runs the queue; the worker
 * comes in for the last tests, to run put-back jobs (promoted, not waited for) and to keep its
 * job schedulers.
 */
describe('reminder reconciliation', () => {
  let api: TestApi;
  let queue: Queue;
  let reconciler: ReminderReconciliationService;
  let organizer: string;
  let qianmen: string;
  let tokens: { qianmen: string; admin: string };

  beforeAll(async () => {
    api = await TestApi.start({
      demo: true,
      env: { REMINDER_PLAN: PLAN, REMINDER_RECONCILE_SECONDS: '120' },
    });
    queue = api.app.get<Queue>(getQueueToken(NOTIFICATIONS_QUEUE));
    reconciler = api.app.get(ReminderReconciliationService);
    const admin = await api.login('admin@demo.local');
    qianmen = await api.login('qianmen@demo.local');
    organizer = await api.login('organizer@demo.local');
    tokens = { qianmen, admin };
  });

  afterAll(async () => {
    await api.close();
  });

  const jobOf = (audience: string) => (bookingId: string) =>
    reminderJobId(
      bookingId,
      1,
      api.app.get<AppConfig>(APP_CONFIG).reminders.find((r) => r.audience === audience)!,
    );
  const organizerJobOf = jobOf('organizer');
  const approversJobOf = jobOf('approvers');

  const book = (venueId: string, title: string, startsIn: number) =>
    bookSoon(api, organizer, venueId, title, startsIn);

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

  /** The managers of the venue's subdistrict: the approvers a request there waits for. */
  const managersOf = async (venueId: string) =>
    Number(
      (
        await api.dataSource.query(
          "SELECT COUNT(*) AS n FROM users WHERE role = 'SUBDISTRICT_MANAGER' AND subdistrict_id = (SELECT subdistrict_id FROM venues WHERE id = ?) AND active = 1",
          [venueId],
        )
      )[0].n,
    );

  /** When the request began to wait, from the audit trail. */
  const waitingSince = async (bookingId: string) => {
    const [{ at }] = await api.dataSource.query(
      "SELECT MAX(at) AS at FROM booking_audit WHERE booking_id = ? AND to_status = 'PENDING_APPROVAL'",
      [bookingId],
    );
    return new Date(at).getTime();
  };

  /** The relayed events planned the jobs (as the worker does); then Redis loses them. */
  async function relayThenLose(jobIds: string[]): Promise<void> {
    await api.app.get(OutboxRelayService).relayPending();
    for (const id of jobIds) {
      expect(await queue.getJob(id)).toBeDefined();
      await queue.remove(id);
      expect(await queue.getJob(id)).toBeUndefined();
    }
  }

  const openVenues = (requiresApproval: boolean[]) =>
    Promise.all(
      requiresApproval.map((approval) =>
        activeVenue(api, tokens, {
          openingHours: EVERY_DAY('00:00', '24:00'),
          requiresApproval: approval,
        }),
      ),
    );

  it('puts back reminder jobs Redis lost, at their times, each once', async () => {
    const [direct, approved] = await openVenues([false, true]);
    const meeting = await book(direct, 'Reconciled meeting', 180_000);
    const request = (await book(approved, 'Reconciled request', 3 * 86_400_000)).id;
    const organizerJob = organizerJobOf(meeting.id);
    const approversJob = approversJobOf(request);
    await relayThenLose([organizerJob, approversJob]);

    // A pass ten seconds after the request began to wait.
    const since = await waitingSince(request);
    const now = new Date(since + 10_000);
    expect(await reconciler.reconcile(now)).toBeGreaterThanOrEqual(2);
    // A second pass adds nothing new: the ids are the same.
    await reconciler.reconcile(now);
    const [organizerRestored, approversRestored] = await Promise.all(
      [organizerJob, approversJob].map((id) => queue.getJob(id)),
    );
    expect(await organizerRestored?.getState()).toBe('delayed');
    expect(await approversRestored?.getState()).toBe('delayed');
    const delayed = await queue.getJobs(['delayed']);
    expect(delayed.filter((job) => job.id === organizerJob)).toHaveLength(1);
    expect(organizerRestored?.opts.delay).toBe(meeting.startsAt.getTime() - 30_000 - now.getTime());
    // The approvers' reminder still counts from when the request began to wait (audit trail).
    expect(approversRestored?.opts.delay).toBe(15_000);

    // Each sends once, to its recipients, however often it runs.
    const sender = api.app.get(ReminderDeliveryService);
    const managers = await managersOf(approved);
    expect(await sender.send(organizerRestored!.data)).toBe(1);
    expect(await sender.send(approversRestored!.data)).toBe(managers);
    expect(await sender.send(organizerRestored!.data)).toBe(0);
    expect(await sender.send(approversRestored!.data)).toBe(0);
    expect(await inbox(organizer, 'REMINDER', meeting.id)).toEqual([
      expect.objectContaining({ subjectEn: 'Reminder: Reconciled meeting' }),
    ]);
    expect(await inbox(qianmen, 'APPROVAL_WAITING', request)).toHaveLength(1);
    expect(await deliveredFor(organizerJob)).toBe(1);
    expect(await deliveredFor(approversJob)).toBe(managers);
  });

  it('sends a lost reminder late if it fell due after the booking changed, and leaves far ones to later passes', async () => {
    const [first, second, third] = await openVenues([false, false, false]);
    const bookedAt = Date.now();
    const missed = (await book(first, 'Missed while Redis was away', 42_000)).id; // due in 12 s
    const tooLate = (await book(second, 'Booked after its reminder time', 20_000)).id; // due 10 s ago
    const far = (await book(third, 'Far ahead', 2 * 86_400_000)).id;
    const missedJob = organizerJobOf(missed);
    const farJob = organizerJobOf(far);
    await relayThenLose([missedJob, farJob]);
    // Due before it was booked: never planned.
    expect(await queue.getJob(organizerJobOf(tooLate))).toBeUndefined();

    // Its time passes while its job is gone (a pass 14 s after booking); nothing is sent meanwhile.
    expect(await inbox(organizer, 'REMINDER', missed)).toEqual([]);
    await reconciler.reconcile(new Date(bookedAt + 14_000));
    const putBack = await queue.getJob(missedJob);
    expect(putBack?.opts.delay).toBe(0); // late, but still of use: at once
    expect(await queue.getJob(organizerJobOf(tooLate))).toBeUndefined();
    expect(await queue.getJob(farJob)).toBeUndefined(); // two days out: a later pass adds it
    expect(await api.app.get(ReminderDeliveryService).send(putBack!.data)).toBe(1);
    expect(await inbox(organizer, 'REMINDER', missed)).toHaveLength(1);
    expect(await deliveredFor(missedJob)).toBe(1);
    expect(await deliveredFor(organizerJobOf(tooLate))).toBe(0);
    expect(await inbox(organizer, 'REMINDER', tooLate)).toEqual([]);

    // The pass before the far reminder falls due puts it back, for its time.
    const farStart = Number(
      new Date(
        (await api.dataSource.query('SELECT starts_at AS s FROM bookings WHERE id = ?', [far]))[0]
          .s,
      ),
    );
    await reconciler.reconcile(new Date(farStart - 60_000));
    expect((await queue.getJob(farJob))?.opts.delay).toBe(30_000);
  });

  describe('with the worker', () => {
    let worker: INestApplicationContext;
    let workerQueue: Queue;

    beforeAll(async () => {
      // The jobs put back above with a clock of their own are not for the worker to run.
      await queue.drain(true);
      worker = await createWorkerApp(api.env);
      workerQueue = worker.get<Queue>(getQueueToken(NOTIFICATIONS_QUEUE));
    });

    afterAll(async () => {
      await worker?.close();
    });

    it('runs each put-back job once, and a later pass does not add it again', async () => {
      const [direct, approved] = await openVenues([false, true]);
      const meeting = await book(direct, 'Reminded once', 180_000);
      const request = (await book(approved, 'Waiting once', 3 * 86_400_000)).id;
      const jobs = [organizerJobOf(meeting.id), approversJobOf(request)];
      // Planned by the worker's relay; then lost, and put back by a pass.
      for (const id of jobs) {
        expect(
          await eventually(
            () => queue.getJob(id),
            (job) => job !== undefined,
          ),
        ).toBeDefined();
        await queue.remove(id);
      }
      const reconcilerOfWorker = worker.get(ReminderReconciliationService);
      expect(await reconcilerOfWorker.reconcile()).toBeGreaterThanOrEqual(2);
      // Their time, brought forward: the worker runs them now.
      for (const id of jobs) await (await queue.getJob(id))!.promote();
      for (const id of jobs) {
        expect(
          await eventually(
            async () => (await queue.getJob(id))?.getState(),
            (state) => state === 'completed',
          ),
        ).toBe('completed');
      }
      expect(await inbox(organizer, 'REMINDER', meeting.id)).toEqual([
        expect.objectContaining({ subjectEn: 'Reminder: Reminded once' }),
      ]);
      expect(await inbox(qianmen, 'APPROVAL_WAITING', request)).toHaveLength(1);
      expect(await deliveredFor(jobs[0])).toBe(1);
      expect(await deliveredFor(jobs[1])).toBe(await managersOf(approved));

      // A pass when the reminder is due (late and still of use) finds the job done: not again.
      const finishedOn = (await queue.getJob(jobs[0]))?.finishedOn;
      await reconcilerOfWorker.reconcile(new Date(meeting.startsAt.getTime() - 29_000));
      const after = await queue.getJob(jobs[0]);
      expect(await after?.getState()).toBe('completed');
      expect(after?.finishedOn).toBe(finishedOn);
      expect(await deliveredFor(jobs[0])).toBe(1);
    });

    it('keeps the job schedulers: those Redis lost are re-created by the worker', async () => {
      const scheduler = await workerQueue.getJobScheduler(REMINDER_RECONCILE_SCHEDULER_ID);
      expect(scheduler?.every).toBe(120_000);
      await workerQueue.removeJobScheduler(REMINDER_RECONCILE_SCHEDULER_ID);
      await workerQueue.removeJobScheduler(RELAY_SCHEDULER_ID);
      expect(await workerQueue.getJobScheduler(RELAY_SCHEDULER_ID)).toBeUndefined();

      const both = () =>
        Promise.all(
          [RELAY_SCHEDULER_ID, REMINDER_RECONCILE_SCHEDULER_ID].map((id) =>
            workerQueue.getJobScheduler(id),
          ),
        );
      const [relay, reconcile] = await eventually(both, (found) => found.every(Boolean));
      expect(relay?.every).toBe(1000);
      expect(reconcile?.every).toBe(120_000);
      // Present ones are left alone.
      expect(await worker.get(JobSchedulersService).check()).toEqual([]);
    });
  });
});
