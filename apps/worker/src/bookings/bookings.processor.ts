import { InjectQueue, OnWorkerEvent, Processor, WorkerHost } from '@nestjs/bullmq';
import { BeforeApplicationShutdown, Inject, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@app/config';
import {
  BOOKINGS_QUEUE,
  BookingHousekeepingService,
  BookingJob,
  ExpireHoldPayload,
  HOUSEKEEPING_EVERY_MS,
  HOUSEKEEPING_SCHEDULER_ID,
} from '@app/bookings';
import { Job, Queue, UnrecoverableError } from 'bullmq';
import { JobSchedulerKeeper } from '../schedulers/job-scheduler-keeper';

/** Runs the bookings queue: a hold's expiry when it runs out, and the periodic housekeeping pass. */
@Processor(BOOKINGS_QUEUE)
export class BookingsProcessor
  extends WorkerHost
  implements OnApplicationBootstrap, BeforeApplicationShutdown
{
  private readonly logger = new Logger(BookingsProcessor.name);

  constructor(
    private readonly housekeeping: BookingHousekeepingService,
    @InjectQueue(BOOKINGS_QUEUE) private readonly queue: Queue,
    private readonly schedulers: JobSchedulerKeeper,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    super();
  }

  /** One scheduler for all workers, kept in Redis even if Redis loses it. */
  async onApplicationBootstrap(): Promise<void> {
    // Connected before the app counts as started: closing a worker still connecting leaves an
    // unhandled error behind.
    await this.worker.waitUntilReady();
    this.worker.concurrency = this.config.workerConcurrency;
    await this.schedulers.keep({
      queue: this.queue,
      id: HOUSEKEEPING_SCHEDULER_ID,
      everyMs: HOUSEKEEPING_EVERY_MS,
      name: BookingJob.HOUSEKEEPING,
      opts: { removeOnComplete: 100, removeOnFail: 500 },
    });
  }

  /** Lets the jobs in flight finish before the database and the queues close. */
  async beforeApplicationShutdown(): Promise<void> {
    await this.worker.close();
  }

  /** Connection trouble (Redis away, or closing): logged, never an unhandled 'error' event. */
  @OnWorkerEvent('error')
  onWorkerError(error: Error): void {
    this.logger.warn(`${BOOKINGS_QUEUE} worker: ${error.message}`);
  }

  async process(job: Job): Promise<unknown> {
    switch (job.name as BookingJob) {
      case BookingJob.EXPIRE_HOLD: {
        const { bookingId } = job.data as ExpireHoldPayload;
        return { expired: await this.housekeeping.expireHold(bookingId) };
      }
      case BookingJob.HOUSEKEEPING:
        return this.housekeeping.sweep();
      default:
        this.logger.error(`unknown job ${job.name} in ${BOOKINGS_QUEUE}`);
        throw new UnrecoverableError(`unknown job ${job.name}`);
    }
  }
}
