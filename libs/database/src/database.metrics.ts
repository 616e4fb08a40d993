import { Queue } from 'bullmq';
import { Counter, Gauge, Registry } from 'prom-client';
import { DataSource } from 'typeorm';
import { outboxBacklog } from './outbox';

/** The parts of mysql2's pool the gauges read (its queues have a length). */
interface Mysql2Pool {
  _allConnections?: { length: number };
  _freeConnections?: { length: number };
  _connectionQueue?: { length: number };
  config?: { connectionLimit?: number };
}

export interface PoolUse {
  inUse: number;
  free: number;
  queued: number;
  max: number;
}

/** How the data source's mysql2 pool is used now; null before it is connected. */
export function databasePoolUse(dataSource: DataSource): PoolUse | null {
  const pool = (dataSource.driver as unknown as { pool?: Mysql2Pool }).pool;
  if (!pool?._allConnections || !pool._freeConnections) return null;
  const all = pool._allConnections.length;
  const free = pool._freeConnections.length;
  return {
    inUse: all - free,
    free,
    queued: pool._connectionQueue?.length ?? 0,
    max: pool.config?.connectionLimit ?? 0,
  };
}

/** Counts a collection that failed, by what it reads, so a scrape still answers. */
function collectFailures(registry: Registry): Counter<'source'> {
  const existing = registry.getSingleMetric('metrics_collect_failures_total');
  if (existing) return existing as Counter<'source'>;
  return new Counter({
    name: 'metrics_collect_failures_total',
    help: 'Scrapes in which a series could not be read (its source did not answer)',
    labelNames: ['source'],
    registers: [registry],
  });
}

/** db_pool_*: the database pool's connections in use and free, and requests waiting for one. */
export function registerDatabasePoolMetrics(registry: Registry, dataSource: DataSource): void {
  new Gauge({
    name: 'db_pool_connections',
    help: 'Connections of the database pool, by state (in_use, free)',
    labelNames: ['state'],
    registers: [registry],
    collect() {
      const use = databasePoolUse(dataSource);
      this.set({ state: 'in_use' }, use?.inUse ?? 0);
      this.set({ state: 'free' }, use?.free ?? 0);
    },
  });
  new Gauge({
    name: 'db_pool_queued_requests',
    help: 'Requests waiting for a database connection',
    registers: [registry],
    collect() {
      this.set(databasePoolUse(dataSource)?.queued ?? 0);
    },
  });
  new Gauge({
    name: 'db_pool_max_connections',
    help: 'The most connections the database pool opens (DATABASE_POOL_SIZE)',
    registers: [registry],
    collect() {
      this.set(databasePoolUse(dataSource)?.max ?? 0);
    },
  });
}

/** outbox_*: how many events wait to be relayed, and how long the oldest has waited. */
export function registerOutboxMetrics(registry: Registry, dataSource: DataSource): void {
  const failures = collectFailures(registry);
  // Both gauges come from one read per scrape.
  let reading: Promise<{ count: number; ageSeconds: number } | null> | null = null;
  const read = () =>
    (reading ??= outboxBacklog(dataSource.manager)
      .then(({ count, oldestCreatedAt }) => ({
        count,
        ageSeconds: oldestCreatedAt
          ? Math.max(0, Date.now() - oldestCreatedAt.getTime()) / 1000
          : 0,
      }))
      .catch(() => {
        failures.inc({ source: 'outbox' });
        return null;
      })
      .finally(() => setImmediate(() => (reading = null))));
  new Gauge({
    name: 'outbox_unrelayed_events',
    help: 'Outbox events not yet relayed to the queue (counted up to 100000)',
    registers: [registry],
    async collect() {
      const backlog = await read();
      if (backlog) this.set(backlog.count);
      else this.reset();
    },
  });
  new Gauge({
    name: 'outbox_oldest_unrelayed_age_seconds',
    help: 'Age of the oldest outbox event not yet relayed (0 when none waits)',
    registers: [registry],
    async collect() {
      const backlog = await read();
      if (backlog) this.set(backlog.ageSeconds);
      else this.reset();
    },
  });
}

/** The job states the queue gauge reports. */
export const QUEUE_JOB_STATES = ['waiting', 'delayed', 'active', 'failed'] as const;

/** bullmq_queue_jobs: each queue's jobs by state, read from Redis at each scrape. */
export function registerQueueMetrics(registry: Registry, queues: Queue[]): void {
  const failures = collectFailures(registry);
  new Gauge({
    name: 'bullmq_queue_jobs',
    help: 'Jobs of each BullMQ queue, by state (waiting, delayed, active, failed)',
    labelNames: ['queue', 'state'],
    registers: [registry],
    async collect() {
      this.reset();
      await Promise.all(
        queues.map(async (queue) => {
          try {
            const counts = await queue.getJobCounts(...QUEUE_JOB_STATES, 'prioritized');
            for (const state of QUEUE_JOB_STATES) {
              // A job added with a priority waits in its own set; it waits all the same.
              const extra = state === 'waiting' ? (counts.prioritized ?? 0) : 0;
              this.set({ queue: queue.name, state }, (counts[state] ?? 0) + extra);
            }
          } catch {
            failures.inc({ source: `queue:${queue.name}` });
          }
        }),
      );
    },
  });
}
