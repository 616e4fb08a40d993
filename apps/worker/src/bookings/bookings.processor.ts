import { InjectQueue, Processor, WorkerHost } from '@nestjs/bullmq';
import { Logger, OnApplicationBootstrap } from '@nestjs/common';
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
export class BookingsProcessor extends WorkerHost implements OnApplicationBootstrap {
  private readonly logger = new Logger(BookingsProcessor.name);

  constructor(
    private readonly housekeeping: BookingHousekeepingService,
    @InjectQueue(BOOKINGS_QUEUE) private readonly queue: Queue,
    private readonly schedulers: JobSchedulerKeeper,
  ) {
    super();
  }

  /** One scheduler for all workers, kept in Redis even if Redis loses it. */
  async onApplicationBootstrap(): Promise<void> {
    await this.schedulers.keep({
      queue: this.queue,
      id: HOUSEKEEPING_SCHEDULER_ID,
      everyMs: HOUSEKEEPING_EVERY_MS,
      name: BookingJob.HOUSEKEEPING,
      opts: { removeOnComplete: 100, removeOnFail: 500 },
    });
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
