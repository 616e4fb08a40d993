import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger } from '@nestjs/common';
import { Queue } from 'bullmq';
import { BookingEntity } from './booking.entity';
import {
  BOOKINGS_QUEUE,
  BookingJob,
  bookingJobs,
  ExpireHoldPayload,
  expireHoldJobId,
} from './bookings.jobs';

/**
 * Schedules a hold's expiry. Best effort: if Redis is away the hold still stops blocking at its
 * expiry (every check ignores expired holds) and the housekeeping pass marks it EXPIRED later.
 */
@Injectable()
export class BookingJobsProducer {
  private readonly logger = new Logger(BookingJobsProducer.name);

  constructor(@InjectQueue(BOOKINGS_QUEUE) private readonly queue: Queue) {}

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
