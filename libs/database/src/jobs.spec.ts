import { Job, Queue } from 'bullmq';
import { loadConfig } from '@app/config';
import { isJobOf, JobHandlers, JobQueue, NoPayload } from './jobs';
import { redisOptionsFor } from './redis.provider';
import { testQueuePrefix } from './testing';

enum SampleJob {
  SEND = 'send',
  SWEEP = 'sweep',
}

interface SamplePayloads {
  [SampleJob.SEND]: { to: string };
  [SampleJob.SWEEP]: NoPayload;
}

const handlers: JobHandlers<SamplePayloads> = {
  [SampleJob.SEND]: async ({ data }) => data.to,
  [SampleJob.SWEEP]: async () => 0,
};

/** Never run: what tsc must refuse, so the typing cannot quietly loosen. */
export function refusedAtCompileTime(jobs: JobQueue<SamplePayloads>, job: Job): void {
  // @ts-expect-error another job's payload
  void jobs.add(SampleJob.SEND, {});
  // @ts-expect-error a name the queue does not have
  void jobs.add('other', { to: 'x' });
  // @ts-expect-error another job's payload, in bulk
  void jobs.addBulk([{ name: SampleJob.SWEEP, data: { to: 'x' } }]);
  // @ts-expect-error a handler map without every name
  const partial: JobHandlers<SamplePayloads> = { [SampleJob.SWEEP]: async () => 0 };
  void partial;
  if (isJobOf(handlers, job) && job.name === SampleJob.SEND) {
    const to: string = job.data.to;
    // @ts-expect-error narrowed to SEND's payload
    void job.data.from;
    void to;
  }
}

/** Against the real Redis: the typed queue adds to BullMQ as it is, name, payload and options. */
describe('JobQueue', () => {
  let queue: Queue;

  beforeAll(() => {
    queue = new Queue('samples', {
      connection: redisOptionsFor(loadConfig().redis.url),
      prefix: testQueuePrefix(),
    });
  });

  afterAll(async () => {
    await queue.obliterate({ force: true });
    await queue.close();
  });

  it('adds a job and a bulk of jobs with their names, payloads and options', async () => {
    const jobs = new JobQueue<SamplePayloads>(queue);
    await jobs.add(SampleJob.SEND, { to: 'li.na' }, { jobId: 'send-1', delay: 60_000 });
    await jobs.addBulk([
      { name: SampleJob.SWEEP, data: {}, opts: { jobId: 'sweep-1', delay: 60_000 } },
      { name: SampleJob.SEND, data: { to: 'wang.wei' }, opts: { jobId: 'send-2', delay: 60_000 } },
    ]);
    const stored = await Promise.all(['send-1', 'sweep-1', 'send-2'].map((id) => queue.getJob(id)));
    expect(stored.map((job) => [job?.name, job?.data, job?.opts.delay])).toEqual([
      ['send', { to: 'li.na' }, 60_000],
      ['sweep', {}, 60_000],
      ['send', { to: 'wang.wei' }, 60_000],
    ]);
    expect(isJobOf(handlers, stored[0]!)).toBe(true);
  });

  it('knows only the names it has handlers for', async () => {
    const stray = await queue.add('stray', {}, { delay: 60_000 });
    expect(isJobOf(handlers, stray)).toBe(false);
    // Not a name inherited from Object.prototype either.
    const inherited = await queue.add('toString', {}, { delay: 60_000 });
    expect(isJobOf(handlers, inherited)).toBe(false);
  });
});
