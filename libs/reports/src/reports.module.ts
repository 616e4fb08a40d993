import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { BookingsModule } from '@app/bookings';
import { VenuesModule } from '@app/venues';
import { CapacityReportService } from './capacity-report.service';
import { RatingEntity } from './rating.entity';
import { RatingsService } from './ratings.service';
import { ReportsReadModelRepository } from './reports-read-model.repository';
import { REPORTS_QUEUE } from './reports.jobs';
import { UnmetDemandService } from './unmet-demand.service';
import { VenueScoreService } from './venue-score.service';

@Module({
  imports: [
    TypeOrmModule.forFeature([RatingEntity]),
    BullModule.registerQueue({ name: REPORTS_QUEUE }),
    BookingsModule,
    VenuesModule,
  ],
  providers: [
    ReportsReadModelRepository,
    RatingsService,
    VenueScoreService,
    UnmetDemandService,
    CapacityReportService,
  ],
  exports: [RatingsService, VenueScoreService, UnmetDemandService, CapacityReportService],
})
export class ReportsModule {}
