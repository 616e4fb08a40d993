import { Inject, Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Job, Worker } from 'bullmq';
import { Histogram, Registry } from 'prom-client';
import { DataSource } from 'typeorm';
import { BOOKINGS_QUEUE, BookingJob } from '@app/bookings';
import { METRICS_REGISTRY } from '@app/common';
import { registerDatabasePoolMetrics } from '@app/database';
import { NOTIFICATIONS_QUEUE, NotificationJob } from '@app/notifications';
import { REPORTS_QUEUE, ReportJob } from '@app/reports';
import { STAFFING_QUEUE, StaffingJob } from '@app/staffing';
import { BookingsProcessor } from '../bookings/bookings.processor';
import { NotificationsProcessor } from '../notifications/notifications.processor';
import { ReportsProcessor } from '../reports/reports.processor';
import { StaffingProcessor } from '../staffing/staffing.processor';

/** The job names of each queue: a name outside them is labelled "unknown". */
const JOB_NAMES: Record<string, Set<string>> = {
  [BOOKINGS_QUEUE]: new Set(Object.values(BookingJob)),
  [NOTIFICATIONS_QUEUE]: new Set(Object.values(NotificationJob)),
  [STAFFING_QUEUE]: new Set(Object.values(StaffingJob)),
  [REPORTS_QUEUE]: new Set(Object.values(ReportJob)),
};

/**
 * The worker's own series, read off its BullMQ workers' events (the processors are left as
 * they are): how long each job ran and how it ended, and how late each reminder was: when its
 * job finished, the notifications written, minus when the job was due (added plus its delay).
 */
@Injectable()
export class WorkerMetrics implements OnApplicationBootstrap {
  private readonly jobDuration: Histogram<'queue' | 'name' | 'outcome'>;
  private readonly reminderLateness: Histogram;
  private readonly processors: { worker: Worker }[];

  constructor(
    @Inject(METRICS_REGISTRY) registry: Registry,
    @InjectDataSource() dataSource: DataSource,
    bookings: BookingsProcessor,
    notifications: NotificationsProcessor,
    staffing: StaffingProcessor,
    reports: ReportsProcessor,
  ) {
    this.processors = [bookings, notifications, staffing, reports];
    this.jobDuration = new Histogram({
      name: 'bullmq_job_duration_seconds',
      help: 'Job attempts run by this worker, by queue, job name and outcome (completed, failed)',
      labelNames: ['queue', 'name', 'outcome'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60],
      registers: [registry],
    });
    this.reminderLateness = new Histogram({
      name: 'reminder_lateness_seconds',
      help: 'Reminders sent: when their notifications were written minus when they were due',
      buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300],
      registers: [registry],
    });
    registerDatabasePoolMetrics(registry, dataSource);
  }

  onApplicationBootstrap(): void {
    // Each processor's BullMQ worker exists from onModuleInit on.
    for (const { worker } of this.processors) {
      worker.on('completed', (job, result) => this.completed(job, result));
      worker.on('failed', (job) => {
        if (job) this.observe(job, 'failed');
      });
    }
  }

  private completed(job: Job, result: unknown): void {
    this.observe(job, 'completed');
    const notified = (result as { notified?: unknown } | null)?.notified;
    if (
      job.queueName === NOTIFICATIONS_QUEUE &&
      job.name === (NotificationJob.REMINDER as string) &&
      typeof notified === 'number' &&
      notified > 0
    ) {
      // opts.delay, not job.delay: a retry's backoff rewrites the latter.
      const due = job.timestamp + (job.opts.delay ?? 0);
      this.reminderLateness.observe(Math.max(0, (job.finishedOn ?? Date.now()) - due) / 1000);
    }
  }

  private observe(job: Job, outcome: 'completed' | 'failed'): void {
    const started = job.processedOn ?? Date.now();
    this.jobDuration.observe(
      {
        queue: job.queueName,
        name: JOB_NAMES[job.queueName]?.has(job.name) ? job.name : 'unknown',
        outcome,
      },
      Math.max(0, (job.finishedOn ?? Date.now()) - started) / 1000,
    );
  }
}
