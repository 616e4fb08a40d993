import { InjectQueue, Processor } from '@nestjs/bullmq';
import { Inject } from '@nestjs/common';
import { Queue } from 'bullmq';
import {
  BOOKINGS_QUEUE,
  BookingHousekeepingService,
  BookingJob,
  BookingJobPayloads,
  HOUSEKEEPING_EVERY_MS,
  HOUSEKEEPING_SCHEDULER_ID,
} from '@app/bookings';
import { APP_CONFIG, AppConfig } from '@app/config';
import { JobHandlers } from '@app/database';
import { QueueProcessor, SCHEDULED_JOB_OPTIONS } from '../queue-processor';
import { JobSchedulersService } from '../schedulers/job-schedulers.service';

/** Runs the bookings queue: a hold's expiry when it runs out, and the periodic housekeeping pass. */
@Processor(BOOKINGS_QUEUE)
export class BookingsProcessor extends QueueProcessor<BookingJobPayloads> {
  protected readonly handlers: JobHandlers<BookingJobPayloads> = {
    [BookingJob.EXPIRE_HOLD]: async ({ data }) => ({
      expired: await this.housekeeping.expireHold(data.bookingId),
    }),
    [BookingJob.HOUSEKEEPING]: () => this.housekeeping.sweep(),
  };

  constructor(
    private readonly housekeeping: BookingHousekeepingService,
    @InjectQueue(BOOKINGS_QUEUE) private readonly queue: Queue,
    private readonly schedulers: JobSchedulersService,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    super(BOOKINGS_QUEUE, config);
  }

  protected async keepSchedulers(): Promise<void> {
    await this.schedulers.keep({
      queue: this.queue,
      id: HOUSEKEEPING_SCHEDULER_ID,
      everyMs: HOUSEKEEPING_EVERY_MS,
      name: BookingJob.HOUSEKEEPING,
      opts: SCHEDULED_JOB_OPTIONS,
    });
  }
}
