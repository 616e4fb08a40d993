import { BulkJobOptions, Job, JobsOptions, Queue } from 'bullmq';

/*
 * Typed jobs. Each queue states its jobs as a map from job name to payload, e.g.
 * `interface BookingJobPayloads { [BookingJob.EXPIRE_HOLD]: ExpireHoldPayload; ... }`; these
 * types make a producer add each job with its own payload, and a processor see the payload of
 * the job name it dispatches on.
 */

/** The payload of a job a job scheduler makes: nothing. */
export type NoPayload = Record<string, never>;

export type JobName<Payloads> = keyof Payloads & string;

/** A job of the queue whose name is known: checking `name` narrows `data`. */
export type JobOf<Payloads> = {
  [Name in JobName<Payloads>]: Job<Payloads[Name], unknown, Name>;
}[JobName<Payloads>];

/** A job to add to the queue in bulk, its payload the one its name takes. */
export type NewJob<Payloads> = {
  [Name in JobName<Payloads>]: { name: Name; data: Payloads[Name]; opts?: BulkJobOptions };
}[JobName<Payloads>];

/** One handler per job name, so a job without a handler fails the type check. */
export type JobHandlers<Payloads> = {
  [Name in JobName<Payloads>]: (job: Job<Payloads[Name], unknown, Name>) => Promise<unknown>;
};

/** A BullMQ queue that takes only its own jobs, each with its payload. */
export class JobQueue<Payloads> {
  constructor(private readonly queue: Queue) {}

  add<Name extends JobName<Payloads>>(
    name: Name,
    data: Payloads[Name],
    opts?: JobsOptions,
  ): Promise<Job> {
    return this.queue.add(name, data, opts);
  }

  addBulk(jobs: NewJob<Payloads>[]): Promise<Job[]> {
    return this.queue.addBulk(jobs);
  }
}

/** Whether the job's name is one the handlers know. */
export function isJobOf<Payloads>(
  handlers: JobHandlers<Payloads>,
  job: Job,
): job is JobOf<Payloads> {
  return Object.hasOwn(handlers, job.name);
}

/** Runs a known job with the handler of its name. */
export function runJob<Payloads, Name extends JobName<Payloads>>(
  handlers: JobHandlers<Payloads>,
  job: Job<Payloads[Name], unknown, Name>,
): Promise<unknown> {
  return handlers[job.name](job);
}
