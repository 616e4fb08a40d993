import { Queue } from 'bullmq';
import { Seating } from '@app/bookings';
import { JobQueue } from '@app/database';
import { Facility } from '@app/venues';

/** The reports queue: unmet demand written down by the worker, so a search never writes. */
export const REPORTS_QUEUE = 'reports';

export enum ReportJob {
  RECORD_UNMET_SEARCH = 'record-unmet-search',
}

/** A search that found nothing, as seen (times in ISO 8601). */
export interface UnmetSearchPayload {
  startsAt: string;
  endsAt: string;
  attendees: number;
  seating?: Seating;
  facilities?: { type: Facility; count?: number }[];
  minSecurityLevel?: number;
  subdistrictId?: string;
  actorId: string | null;
  seenAt: string;
}

export interface ReportJobPayloads {
  [ReportJob.RECORD_UNMET_SEARCH]: UnmetSearchPayload;
}

export const reportJobs = (queue: Queue) => new JobQueue<ReportJobPayloads>(queue);
