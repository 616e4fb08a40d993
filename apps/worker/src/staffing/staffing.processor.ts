import { InjectQueue, Processor } from '@nestjs/bullmq';
import { Inject } from '@nestjs/common';
import { Queue } from 'bullmq';
import { APP_CONFIG, AppConfig } from '@app/config';
import { JobHandlers } from '@app/database';
import {
  REQUIREMENTS_RECONCILE_EVERY_MS,
  REQUIREMENTS_RECONCILE_SCHEDULER_ID,
  STAFFING_QUEUE,
  StaffingJob,
  StaffingJobPayloads,
  StaffingRequirementsService,
} from '@app/staffing';
import { QueueProcessor, SCHEDULED_JOB_OPTIONS } from '../queue-processor';
import { JobSchedulersService } from '../schedulers/job-schedulers.service';

/** Runs the staffing queue: the periodic reconciliation of the coming weeks' requirements. */
@Processor(STAFFING_QUEUE)
export class StaffingProcessor extends QueueProcessor<StaffingJobPayloads> {
  protected readonly handlers: JobHandlers<StaffingJobPayloads> = {
    [StaffingJob.RECONCILE_REQUIREMENTS]: async () => ({
      reconciled: await this.requirements.reconcileUpcoming(),
    }),
  };

  constructor(
    private readonly requirements: StaffingRequirementsService,
    @InjectQueue(STAFFING_QUEUE) private readonly queue: Queue,
    private readonly schedulers: JobSchedulersService,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    super(STAFFING_QUEUE, config);
  }

  protected async keepSchedulers(): Promise<void> {
    await this.schedulers.keep({
      queue: this.queue,
      id: REQUIREMENTS_RECONCILE_SCHEDULER_ID,
      everyMs: REQUIREMENTS_RECONCILE_EVERY_MS,
      name: StaffingJob.RECONCILE_REQUIREMENTS,
      opts: SCHEDULED_JOB_OPTIONS,
    });
  }
}
