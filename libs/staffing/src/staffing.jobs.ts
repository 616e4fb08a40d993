import { Queue } from 'bullmq';
import { JobQueue, NoPayload } from '@app/database';

/**
 * The staffing queue: a periodic safety net that brings the requirements of the coming weeks'
 * approved bookings in line (every booking change does so itself, in its transaction; this
 * catches rows written before that, or by hand).
 */
export const STAFFING_QUEUE = 'staffing';

export enum StaffingJob {
  RECONCILE_REQUIREMENTS = 'reconcile-requirements',
}

export interface StaffingJobPayloads {
  [StaffingJob.RECONCILE_REQUIREMENTS]: NoPayload;
}

export const staffingJobs = (queue: Queue) => new JobQueue<StaffingJobPayloads>(queue);

export const REQUIREMENTS_RECONCILE_SCHEDULER_ID = 'staffing-reconcile-requirements';
export const REQUIREMENTS_RECONCILE_EVERY_MS = 10 * 60_000;
/** How far ahead the safety net looks: the planner's horizon and then some. */
export const REQUIREMENTS_RECONCILE_HORIZON_MS = 62 * 86_400_000;
