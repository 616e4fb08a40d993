import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuthModule } from '@app/auth';
import { VenuesModule } from '@app/venues';
import { ApprovalService } from './approval.service';
import { AvailabilityService } from './availability.service';
import { BookingAuditEntity } from './booking-audit.entity';
import { BookingAuditRepository } from './booking-audit.repository';
import { BookingCalendarRenderer } from './booking-calendar.renderer';
import { BookingHousekeepingService } from './booking-housekeeping.service';
import { BookingJobsProducer } from './booking-jobs.producer';
import { BookingQueriesService } from './booking-queries.service';
import { BookingEntity } from './booking.entity';
import { BookingLifecycle } from './booking.lifecycle';
import { BookingReader } from './booking.reader';
import { BOOKINGS_QUEUE } from './bookings.jobs';
import { BookingsRepository } from './bookings.repository';
import { CalendarFeedEntity } from './calendar-feed.entity';
import { CalendarFeedService } from './calendar-feed.service';
import { ReservationService } from './reservation.service';
import { SecurityCalendarRenderer } from './security-calendar.renderer';

/** Needs BullModule.forRoot in the importing app (the API produces jobs, the worker runs them). */
@Module({
  imports: [
    TypeOrmModule.forFeature([BookingEntity, BookingAuditEntity, CalendarFeedEntity]),
    BullModule.registerQueue({ name: BOOKINGS_QUEUE }),
    VenuesModule,
    AuthModule,
  ],
  providers: [
    BookingsRepository,
    BookingAuditRepository,
    BookingLifecycle,
    BookingJobsProducer,
    ReservationService,
    ApprovalService,
    AvailabilityService,
    BookingQueriesService,
    BookingHousekeepingService,
    CalendarFeedService,
    BookingCalendarRenderer,
    SecurityCalendarRenderer,
    BookingReader,
  ],
  exports: [
    BookingLifecycle,
    ReservationService,
    ApprovalService,
    AvailabilityService,
    BookingQueriesService,
    BookingHousekeepingService,
    CalendarFeedService,
    BookingCalendarRenderer,
    SecurityCalendarRenderer,
    BookingReader,
  ],
})
export class BookingsModule {}
