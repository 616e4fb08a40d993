import { InjectQueue } from '@nestjs/bullmq';
import { Injectable } from '@nestjs/common';
import { TransactionRunner } from '@app/database';
import { Queue } from 'bullmq';
import { NOTIFICATIONS_QUEUE, NotificationJob, OutboxEventJob } from './notification-jobs';

const BATCH = 200;

/**
 * Moves committed outbox events onto the notifications queue. Each event becomes a job whose id
 * is derived from the event, so relaying it twice (a crash between queueing and marking) adds
 * nothing; SKIP LOCKED lets several workers relay side by side. While Redis is away the queueing
 * fails, the transaction rolls back and the events wait for the next pass: nothing is lost.
 */
@Injectable()
export class OutboxRelayService {
  constructor(
    private readonly transactions: TransactionRunner,
    @InjectQueue(NOTIFICATIONS_QUEUE) private readonly queue: Queue,
  ) {}

  relayBatch(): Promise<number> {
    return this.transactions.run(async (manager) => {
      const rows: { id: string }[] = await manager.query(
        'SELECT id FROM outbox_events WHERE relayed_at IS NULL ORDER BY id LIMIT ? FOR UPDATE SKIP LOCKED',
        [BATCH],
      );
      if (!rows.length) return 0;
      const ids = rows.map((row) => String(row.id));
      await this.queue.addBulk(
        ids.map((eventId) => ({
          name: NotificationJob.OUTBOX_EVENT,
          data: { eventId } satisfies OutboxEventJob,
          opts: {
            jobId: `outbox-${eventId}`,
            attempts: 8,
            backoff: { type: 'exponential', delay: 1000 },
            // Kept a day, so a second relay of the same event finds the job and adds nothing.
            removeOnComplete: { age: 86_400 },
            removeOnFail: { age: 7 * 86_400 },
          },
        })),
      );
      await manager.query('UPDATE outbox_events SET relayed_at = ? WHERE id IN (?)', [
        new Date(),
        ids,
      ]);
      return ids.length;
    });
  }
}
