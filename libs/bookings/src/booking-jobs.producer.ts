import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { Queue } from 'bullmq';
import { BookingParticipant, NOTHING_IN_THIS_PHASE } from './booking-transition';
import { BookingEntity } from './booking.entity';
import { BookingLifecycle } from './booking.lifecycle';
import {
  BOOKINGS_QUEUE,
  BookingJob,
  bookingJobs,
  ExpireHoldPayload,
  expireHoldJobId,
} from './bookings.jobs';

/**
 * Schedules a new hold's expiry once the booking has committed. Best effort: if Redis is away
 * the hold still stops blocking at its expiry (every check ignores expired holds) and the
 * housekeeping pass marks it EXPIRED later. A move keeps the hold's expiry, and its job.
 */
@Injectable()
export class BookingJobsProducer implements OnModuleInit {
  private readonly logger = new Logger(BookingJobsProducer.name);

  constructor(
    @InjectQueue(BOOKINGS_QUEUE) private readonly queue: Queue,
    private readonly lifecycle: BookingLifecycle,
  ) {}

  onModuleInit(): void {
    const participant: BookingParticipant = {
      name: 'bookings.hold-expiry',
      inTransaction: NOTHING_IN_THIS_PHASE,
      afterCommit: {
        requested: ({ booking }) => this.scheduleHoldExpiry(booking),
        submitted: null,
        'approved-by-subdistrict': null,
        approved: null,
        rejected: null,
        cancelled: null,
        rescheduled: null,
        'change-proposed': null,
        'change-rejected': null,
        'change-withdrawn': null,
        expired: null,
        completed: null,
      },
    };
    this.lifecycle.register(participant);
  }

  async scheduleHoldExpiry(booking: BookingEntity): Promise<void> {
    if (!booking.holdExpiresAt) return;
    const payload: ExpireHoldPayload = { bookingId: booking.id, version: booking.version };
    try {
      await bookingJobs(this.queue).add(BookingJob.EXPIRE_HOLD, payload, {
        jobId: expireHoldJobId(payload),
        delay: Math.max(0, booking.holdExpiresAt.getTime() - Date.now()),
        removeOnComplete: 1000,
        removeOnFail: false,
        attempts: 5,
        backoff: { type: 'exponential', delay: 1000 },
      });
    } catch (error) {
      this.logger.warn(
        `could not schedule expiry of hold ${booking.id}: ${(error as Error).message}`,
      );
    }
  }
}
