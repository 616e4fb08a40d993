import { Processor } from '@nestjs/bullmq';
import { Inject } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@app/config';
import { JobHandlers } from '@app/database';
import { REPORTS_QUEUE, ReportJob, ReportJobPayloads, UnmetDemandService } from '@app/reports';
import { QueueProcessor } from '../queue-processor';

/** Runs the reports queue: writes down the searches that found nothing. */
@Processor(REPORTS_QUEUE)
export class ReportsProcessor extends QueueProcessor<ReportJobPayloads> {
  protected readonly handlers: JobHandlers<ReportJobPayloads> = {
    [ReportJob.RECORD_UNMET_SEARCH]: async ({ data }) => {
      await this.unmetDemand.record(data);
      return { recorded: true };
    },
  };

  constructor(
    private readonly unmetDemand: UnmetDemandService,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    super(REPORTS_QUEUE, config);
  }

  protected async keepSchedulers(): Promise<void> {}
}
