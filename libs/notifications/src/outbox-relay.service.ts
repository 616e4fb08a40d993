import { InjectQueue } from '@nestjs/bullmq';
import { Injectable } from '@nestjs/common';
import { Queue } from 'bullmq';
import { BookingReader } from '@app/bookings';
import { TransactionRunner } from '@app/database';
import {
  bookingEventFacts,
  BookingEventPayload,
  immediateNotices,
  notifiesAnyone,
} from './booking-event';
import { NOTIFICATIONS_QUEUE, NotificationJob, notificationJobs } from './notifications.jobs';
import { ReminderSchedulingService } from './reminder-scheduling.service';

/** Any priority puts a job behind the unprioritised ones (BullMQ serves those first). */
const OUTBOX_EVENT_PRIORITY = 1;

const BATCH = 500;
/** One relay pass stops after this long, so a backlog drains over several passes. */
const PASS_MS = 2000;

/**
 * Moves committed outbox events onto the notifications queue, planning the reminder jobs of the
 * bookings they changed on the way (a batch at a time). Each event that tells someone at once
 * becomes a job (the others are done once their reminders are planned) whose id
 * is derived from the event, so relaying it twice (a crash between queueing and marking) adds
 * nothing; SKIP LOCKED lets several workers relay side by side. While Redis is away the queueing
 * fails, the transaction rolls back and the events wait for the next pass: nothing is lost.
 * Event jobs are queued with a priority, which BullMQ serves after unprioritised jobs: a backlog
 * of events never holds up a reminder, e-mail or webhook that is due now.
 */
@Injectable()
export class OutboxRelayService {
  constructor(
    private readonly transactions: TransactionRunner,
    private readonly bookings: BookingReader,
    private readonly reminders: ReminderSchedulingService,
    @InjectQueue(NOTIFICATIONS_QUEUE) private readonly queue: Queue,
  ) {}

  /** Relays batch after batch while they come full, for up to PASS_MS; returns how many in all. */
  async relayPending(): Promise<number> {
    const started = Date.now();
    let relayed = 0;
    for (;;) {
      const count = await this.relayBatch();
      relayed += count;
      if (count < BATCH || Date.now() - started >= PASS_MS) return relayed;
    }
  }

  /**
   * One batch. READ COMMITTED: the locks are on the selected rows only, so transactions that
   * write new events (bookings among them) never wait for a relay that is talking to Redis.
   */
  relayBatch(): Promise<number> {
    return this.transactions.run(
      async (manager) => {
        const rows: {
          id: string;
          type: string;
          eventType: string;
          aggregateId: string;
          payload: string;
        }[] = await manager.query(
          `SELECT id, aggregate_type AS type, event_type AS eventType, aggregate_id AS aggregateId,
               payload FROM outbox_events
              WHERE relayed_at IS NULL ORDER BY id LIMIT ? FOR UPDATE SKIP LOCKED`,
          [BATCH],
        );
        if (!rows.length) return 0;
        const ids = rows.map((row) => String(row.id));
        const bookings = await this.bookings.byIds(
          rows.filter((row) => row.type === 'booking').map((row) => String(row.aggregateId)),
          manager,
        );
        // The batch's reminders in a few round trips, rather than one booking per event job.
        await this.reminders.schedule(bookings);
        // A job only for the events that tell someone at once: most booking changes tell nobody.
        const byId = new Map(bookings.map((booking) => [booking.id, booking]));
        const noticed = rows.filter((row) => {
          if (row.type !== 'booking') return true;
          const booking = byId.get(String(row.aggregateId));
          const facts = bookingEventFacts(
            row.eventType,
            JSON.parse(row.payload) as BookingEventPayload,
          );
          return booking !== undefined && notifiesAnyone(immediateNotices(facts, booking));
        });
        await notificationJobs(this.queue).addBulk(
          noticed.map(({ id: eventId }) => ({
            name: NotificationJob.OUTBOX_EVENT,
            data: { eventId: String(eventId), remindersPlanned: true },
            opts: {
              jobId: `outbox-${eventId}`,
              priority: OUTBOX_EVENT_PRIORITY,
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
      },
      { isolation: 'READ COMMITTED' },
    );
  }
}
