import { Queue } from 'bullmq';
import { JobQueue, NoPayload } from '@app/database';

/** The bookings queue: hold expiry at the moment a hold runs out, and a periodic housekeeping pass. */
export const BOOKINGS_QUEUE = 'bookings';

export enum BookingJob {
  EXPIRE_HOLD = 'expire-hold',
  HOUSEKEEPING = 'housekeeping',
}

export interface ExpireHoldPayload {
  bookingId: string;
  version: number;
}

export interface BookingJobPayloads {
  [BookingJob.EXPIRE_HOLD]: ExpireHoldPayload;
  [BookingJob.HOUSEKEEPING]: NoPayload;
}

/** The bookings queue, taking each job with its own payload only. */
export const bookingJobs = (queue: Queue) => new JobQueue<BookingJobPayloads>(queue);

/** Deterministic: one expiry job per booking version (BullMQ ids must not contain ':'). */
export const expireHoldJobId = (payload: ExpireHoldPayload) =>
  `hold-${payload.bookingId}-v${payload.version}`;

export const HOUSEKEEPING_SCHEDULER_ID = 'bookings-housekeeping';
export const HOUSEKEEPING_EVERY_MS = 60_000;
