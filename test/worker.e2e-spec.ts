import { once } from 'node:events';
import { Job, Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { BOOKINGS_QUEUE, BookingJob, bookingJobs } from '@app/bookings';
import { loadConfig } from '@app/config';
import { redisOptionsFor } from '@app/database';
import { createTestDatabase, TestDatabase, testQueuePrefix } from '@app/database/testing';
import { REPORTS_QUEUE, ReportJob, reportJobs } from '@app/reports';
import { STAFFING_QUEUE, StaffingJob, staffingJobs } from '@app/staffing';
import { eventually } from './support/eventually';
import { WorkerProcess } from './support/worker-process';
import { createWorkerApp } from '../apps/worker/src/bootstrap';

describe('worker application', () => {
  let database: TestDatabase;

  beforeAll(async () => {
    database = await createTestDatabase();
  });

  afterAll(() => database.drop());

  it('boots against the database and Redis and closes cleanly in-process', async () => {
    const app = await createWorkerApp({
      NODE_ENV: 'test',
      DATABASE_URL: database.url,
      QUEUE_PREFIX: testQueuePrefix(),
      LOG_LEVEL: 'warn',
    });
    await expect(app.close()).resolves.toBeUndefined();
  });

  it('runs as its own process and exits 0 on SIGTERM', async () => {
    const worker = WorkerProcess.start({
      NODE_ENV: 'test',
      DATABASE_URL: database.url,
      QUEUE_PREFIX: testQueuePrefix(),
    });
    await worker.ready();
    const { child } = worker;
    const output = () => worker.output;
    expect(output()).toContain('connected to the database and Redis');
    expect(output()).toContain('worker ready');
    child.kill('SIGTERM');
    const [code, signal] = await once(child, 'exit');
    expect({ code, signal }).toEqual({ code: 0, signal: null });
    expect(output()).toContain('worker stopped cleanly');
  });

  it('hands each job to the handler of its name, and fails a name it does not know at once', async () => {
    const prefix = testQueuePrefix();
    const app = await createWorkerApp({
      NODE_ENV: 'test',
      DATABASE_URL: database.url,
      QUEUE_PREFIX: prefix,
      LOG_LEVEL: 'fatal',
    });
    const queue = new Queue(BOOKINGS_QUEUE, {
      connection: redisOptionsFor(loadConfig().redis.url),
      prefix,
    });
    try {
      const settled = async (job: Job) => {
        await eventually(
          async () => (await queue.getJob(job.id!))?.finishedOn,
          (finishedOn) => finishedOn !== undefined,
        );
        return (await queue.getJob(job.id!))!;
      };
      const jobs = bookingJobs(queue);
      const sweep = await settled(await jobs.add(BookingJob.HOUSEKEEPING, {}));
      expect(sweep.returnvalue).toEqual({ expired: 0, completed: 0, lapsedChanges: 0 });
      // The expiry handler is given the payload: it looks for the booking it names.
      const expiry = await settled(
        await jobs.add(BookingJob.EXPIRE_HOLD, { bookingId: '424242', version: 1 }),
      );
      expect(expiry.failedReason).toBe('No booking 424242');
      // Added without the typed queue, as an older or newer producer might.
      const stray = await queue.add('no-such-job', {}, { attempts: 5 });
      const failed = await settled(stray);
      expect(failed.failedReason).toBe('unknown job no-such-job');
      expect(failed.attemptsMade).toBe(1);
      expect(await failed.getState()).toBe('failed');
    } finally {
      await queue.close();
      await app.close();
    }
  });

  it('runs the staffing and reports queues: the requirements safety net and unmet searches', async () => {
    const prefix = testQueuePrefix();
    const app = await createWorkerApp({
      NODE_ENV: 'test',
      DATABASE_URL: database.url,
      QUEUE_PREFIX: prefix,
      LOG_LEVEL: 'fatal',
    });
    const connection = redisOptionsFor(loadConfig().redis.url);
    const staffing = new Queue(STAFFING_QUEUE, { connection, prefix });
    const reports = new Queue(REPORTS_QUEUE, { connection, prefix });
    try {
      const settled = async (queue: Queue, job: Job) =>
        eventually(
          async () => queue.getJob(job.id!),
          (found) => found?.finishedOn !== undefined,
        );
      const reconciled = await settled(
        staffing,
        await staffingJobs(staffing).add(StaffingJob.RECONCILE_REQUIREMENTS, {}),
      );
      expect(reconciled!.returnvalue).toEqual({ reconciled: 0 });
      const seenAt = '2030-01-02T03:04:05.000Z';
      const recorded = await settled(
        reports,
        await reportJobs(reports).add(ReportJob.RECORD_UNMET_SEARCH, {
          startsAt: '2030-02-01T02:00:00.000Z',
          endsAt: '2030-02-01T04:00:00.000Z',
          attendees: 40,
          actorId: null,
          seenAt,
        }),
      );
      expect(recorded!.returnvalue).toEqual({ recorded: true });
      const dataSource = app.get(DataSource);
      const rows = await dataSource.query(
        'SELECT source, reason, attendees, recorded_at AS recordedAt FROM unmet_demand',
      );
      // No venue in a fresh database: nothing is big enough.
      expect(rows).toEqual([
        { source: 'SEARCH', reason: 'CAPACITY', attendees: 40, recordedAt: new Date(seenAt) },
      ]);
    } finally {
      await Promise.all([staffing.close(), reports.close()]);
      await app.close();
    }
  });
});
