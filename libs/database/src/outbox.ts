import { Column, Entity, EntityManager, PrimaryGeneratedColumn } from 'typeorm';
import { insertEntities } from './entity-rows';

/** A domain event recorded in the same transaction as the change it describes. */
@Entity('outbox_events')
export class OutboxEventEntity {
  @PrimaryGeneratedColumn({ type: 'bigint', unsigned: true })
  id: string;

  @Column({ name: 'aggregate_type', type: 'varchar', length: 40 })
  aggregateType: string;

  @Column({ name: 'aggregate_id', type: 'bigint', unsigned: true })
  aggregateId: string;

  @Column({ name: 'event_type', type: 'varchar', length: 60 })
  eventType: string;

  @Column({ type: 'text' })
  payload: string;

  @Column({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt: Date;

  @Column({ name: 'relayed_at', type: 'datetime', precision: 3, nullable: true })
  relayedAt: Date | null;
}

export interface OutboxEvent {
  aggregateType: string;
  aggregateId: string;
  eventType: string;
  payload: Record<string, unknown>;
}

/** Writes events through the caller's transaction manager, so they commit or vanish with the change. */
export async function writeOutbox(manager: EntityManager, events: OutboxEvent[]): Promise<void> {
  if (!events.length) return;
  const now = new Date();
  await insertEntities(
    manager,
    OutboxEventEntity,
    events.map((event) =>
      Object.assign(new OutboxEventEntity(), {
        aggregateType: event.aggregateType,
        aggregateId: event.aggregateId,
        eventType: event.eventType,
        payload: JSON.stringify(event.payload),
        createdAt: now,
        relayedAt: null,
      }),
    ),
  );
}

/** Unrelayed events counted at most this far: a scrape stays cheap however long the backlog. */
export const OUTBOX_BACKLOG_COUNT_LIMIT = 100_000;

export interface OutboxBacklog {
  /** Events not yet relayed (at most OUTBOX_BACKLOG_COUNT_LIMIT). */
  count: number;
  /** When the oldest of them was written; null when none waits. */
  oldestCreatedAt: Date | null;
}

/** What waits to be relayed, read on the pending index (relayed_at, id) only. */
export async function outboxBacklog(manager: EntityManager): Promise<OutboxBacklog> {
  const [counted, oldest] = await Promise.all([
    manager.query<{ count: string | number }[]>(
      `SELECT COUNT(*) AS count FROM
         (SELECT 1 FROM outbox_events WHERE relayed_at IS NULL LIMIT ?) pending`,
      [OUTBOX_BACKLOG_COUNT_LIMIT],
    ),
    manager.query<{ created_at: Date }[]>(
      'SELECT created_at FROM outbox_events WHERE relayed_at IS NULL ORDER BY id LIMIT 1',
    ),
  ]);
  return { count: Number(counted[0].count), oldestCreatedAt: oldest[0]?.created_at ?? null };
}
