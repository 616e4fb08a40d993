import { getQueueToken } from '@nestjs/bullmq';
import { INestApplicationContext } from '@nestjs/common';
import { Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { NOTIFICATIONS_QUEUE, NotificationJob } from '@app/notifications';
import { eventually } from './eventually';

/** The jobs that turn outbox events into notices and send them (reminders wait for their time). */
export const DELIVERY_JOBS: readonly string[] = [
  NotificationJob.OUTBOX_EVENT,
  NotificationJob.ESCALATE,
  NotificationJob.EMAIL,
  NotificationJob.WEBHOOK,
];

/**
 * Waits until nothing more can be on its way: every outbox event relayed and no job of `names`
 * left waiting, active (a killed worker's included) or delayed (a retry's backoff). Returns what
 * was left when the time ran out, so `toEqual([])` says what did not settle.
 */
export async function notificationsSettled(
  app: INestApplicationContext,
  names: readonly string[] = DELIVERY_JOBS,
  timeoutMs = 30_000,
): Promise<string[]> {
  const queue = app.get<Queue>(getQueueToken(NOTIFICATIONS_QUEUE));
  const dataSource = app.get(DataSource);
  return eventually(
    async () => {
      // The outbox first: the relay queues an event's job before it marks the event relayed.
      const [{ n }] = await dataSource.query<{ n: string }[]>(
        'SELECT COUNT(*) AS n FROM outbox_events WHERE relayed_at IS NULL',
      );
      const jobs = await queue.getJobs(['waiting', 'active', 'delayed', 'prioritized']);
      return [
        ...(Number(n) ? [`${n} outbox events not relayed`] : []),
        ...jobs.filter((job) => names.includes(job.name)).map((job) => `${job.name} ${job.id}`),
      ];
    },
    (left) => left.length === 0,
    timeoutMs,
  );
}
