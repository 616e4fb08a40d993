import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { VenuesModule } from '@app/venues';
import { ApprovalService } from './approval.service';
import { AvailabilityService } from './availability.service';
import { BookingEntity } from './booking.entity';
import { BookingAuditEntity } from './booking-audit.entity';
import { BookingHousekeepingService } from './booking-housekeeping.service';
import { BookingJobsProducer } from './booking-jobs.producer';
import { BookingJournal } from './booking-journal';
import { BookingQueriesService } from './booking-queries.service';
import { BOOKINGS_QUEUE } from './bookings.jobs';
import { BookingsRepository } from './bookings.repository';
import { ReservationService } from './reservation.service';

/** Needs BullModule.forRoot in the importing app (the API produces jobs, the worker runs them). */
@Module({
  imports: [
    TypeOrmModule.forFeature([BookingEntity, BookingAuditEntity]),
    BullModule.registerQueue({ name: BOOKINGS_QUEUE }),
    VenuesModule,
  ],
  providers: [
    BookingsRepository,
    BookingJournal,
    BookingJobsProducer,
    ReservationService,
    ApprovalService,
    AvailabilityService,
    BookingQueriesService,
    BookingHousekeepingService,
  ],
  exports: [
    ReservationService,
    ApprovalService,
    AvailabilityService,
    BookingQueriesService,
    BookingHousekeepingService,
  ],
})
export class BookingsModule {}
