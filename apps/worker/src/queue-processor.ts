import { OnWorkerEvent, WorkerHost } from '@nestjs/bullmq';
import { BeforeApplicationShutdown, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { Job, UnrecoverableError } from 'bullmq';
import { AppConfig } from '@app/config';
import { isJobOf, JobHandlers, runJob } from '@app/database';

/**
 * Options of the jobs a job scheduler makes. Removed outright when done: a count or age here
 * applies to the queue's whole completed set, so a pass every second keeping 100 would drop every
 * other job's history, which job-id deduplication relies on. Failed ones age like the others.
 */
export const SCHEDULED_JOB_OPTIONS = { removeOnComplete: true, removeOnFail: { age: 7 * 86_400 } };

/**
 * What every queue processor of the worker does around its jobs: it is connected before the app
 * counts as started (closing a worker still connecting leaves an unhandled error behind), runs
 * WORKER_CONCURRENCY jobs at once, keeps its job schedulers, hands each job to the handler of its
 * name (a name it does not know fails at once, never retried), logs connection trouble instead of
 * crashing, and lets the jobs in flight finish before the database and queues close (Nest would
 * close them first and the worker last).
 */
export abstract class QueueProcessor<Payloads>
  extends WorkerHost
  implements OnApplicationBootstrap, BeforeApplicationShutdown
{
  protected readonly logger = new Logger(this.constructor.name);

  protected constructor(
    private readonly queueName: string,
    private readonly appConfig: AppConfig,
  ) {
    super();
  }

  /** Makes sure this queue's job schedulers exist (one of each for all workers). */
  protected abstract keepSchedulers(): Promise<void>;

  /** What each job of the queue does, by name; each handler only delegates to a lib service. */
  protected abstract readonly handlers: JobHandlers<Payloads>;

  async process(job: Job): Promise<unknown> {
    if (!isJobOf(this.handlers, job)) {
      this.logger.error(`unknown job ${job.name} in ${this.queueName}`);
      throw new UnrecoverableError(`unknown job ${job.name}`);
    }
    return runJob(this.handlers, job);
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.worker.waitUntilReady();
    this.worker.concurrency = this.appConfig.workerConcurrency;
    await this.keepSchedulers();
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.worker.close();
  }

  /** Connection trouble (Redis away, or closing): logged, never an unhandled 'error' event. */
  @OnWorkerEvent('error')
  onWorkerError(error: Error): void {
    this.logger.warn(`${this.queueName} worker: ${error.message}`);
  }
}
