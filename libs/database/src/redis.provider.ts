import { Inject, Injectable, OnApplicationShutdown, Provider } from '@nestjs/common';
import { ConnectionOptions } from 'bullmq';
import Redis, { Cluster, RedisOptions } from 'ioredis';
import { APP_CONFIG, AppConfig } from '@app/config';

export const REDIS = Symbol('REDIS');

/** A Redis connection: one server, or a Redis Cluster (REDIS_CLUSTER_NODES). */
export type RedisClient = Redis | Cluster;

/** ioredis options from a redis:// URL; BullMQ workers need maxRetriesPerRequest null. */
export function redisOptionsFor(url: string): RedisOptions & { maxRetriesPerRequest: null } {
  const parsed = new URL(url);
  return {
    host: parsed.hostname,
    port: Number(parsed.port || 6379),
    username: parsed.username ? decodeURIComponent(parsed.username) : undefined,
    password: parsed.password ? decodeURIComponent(parsed.password) : undefined,
    db: Number(parsed.pathname.replace('/', '') || 0),
    tls: parsed.protocol === 'rediss:' ? {} : undefined,
    maxRetriesPerRequest: null,
  };
}

/**
 * What a connection is for, and so how it behaves:
 * - `app`: the application's own client (health, rate limits): commands fail at once while
 *   Redis is away instead of queueing, so callers see the outage;
 * - `queue`: BullMQ workers and queues in the worker (they wait for Redis, without limit);
 * - `producer`: BullMQ queues in the API (as `queue`, but failing fast while Redis is away);
 * - `pubsub`: the subscription publisher and subscriber (they reconnect and resubscribe).
 */
export type RedisUse = 'app' | 'queue' | 'producer' | 'pubsub';

function optionsFor(use: RedisUse): RedisOptions {
  switch (use) {
    case 'app':
      // Auto-pipelining: what callers send in the same tick (rate limits) goes in one write.
      return {
        enableOfflineQueue: false,
        maxRetriesPerRequest: 1,
        connectTimeout: 5000,
        enableAutoPipelining: true,
      };
    case 'queue':
    case 'pubsub':
      return { maxRetriesPerRequest: null };
    case 'producer':
      return { maxRetriesPerRequest: null, enableOfflineQueue: false };
  }
}

/**
 * The one place that makes a Redis client: a single `Redis` for REDIS_URL, or, with
 * REDIS_CLUSTER_NODES, an ioredis `Cluster` started from those nodes (credentials and TLS from
 * REDIS_URL apply to every node). `lazyConnect` leaves connecting to the caller.
 */
export function createRedisClient(
  config: AppConfig['redis'],
  use: RedisUse,
  extra: { lazyConnect?: boolean } = {},
): RedisClient {
  const options: RedisOptions = { ...redisOptionsFor(config.url), ...optionsFor(use) };
  if (!config.clusterNodes) return new Redis({ ...options, ...extra });
  // The nodes say where; a cluster has database 0 only.
  const { host: _host, port: _port, db: _db, enableOfflineQueue, ...perNode } = options;
  return new Cluster(config.clusterNodes, {
    redisOptions: perNode,
    // Commands wait for (or, failing fast, refuse without) the cluster as a whole.
    enableOfflineQueue: enableOfflineQueue ?? true,
    ...extra,
  });
}

/**
 * BullMQ's `connection` for one process: on a single server the options (each queue and worker
 * makes and closes its own connections, as BullMQ does by default); on a Redis Cluster one
 * `Cluster` that every queue shares (BullMQ duplicates it for each worker's blocking
 * connection). Shared clients are not BullMQ's to close: RedisCloser ends them after the queues.
 */
@Injectable()
export class QueueConnections implements OnApplicationShutdown {
  private readonly shared: RedisClient[] = [];

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  connectionFor(use: 'queue' | 'producer'): ConnectionOptions {
    if (!this.config.redis.clusterNodes) {
      return { ...redisOptionsFor(this.config.redis.url), ...optionsFor(use) };
    }
    const client = createRedisClient(this.config.redis, use);
    this.shared.push(client);
    return client;
  }

  /** DatabaseModule is global, so this runs after the queues and workers have closed. */
  async onApplicationShutdown(): Promise<void> {
    await Promise.all(this.shared.splice(0).map(closeRedis));
  }
}

/** Quits a client politely, or drops it when that fails. */
export async function closeRedis(client: RedisClient): Promise<void> {
  if (client.status === 'end') return;
  await client.quit().catch(() => client.disconnect());
}

/** The application's own Redis client (health checks, rate limits). */
export const redisProvider: Provider = {
  provide: REDIS,
  inject: [APP_CONFIG],
  useFactory: async (config: AppConfig): Promise<RedisClient> => {
    const client = createRedisClient(config.redis, 'app', { lazyConnect: true });
    await client.connect();
    return client;
  },
};

@Injectable()
export class RedisCloser implements OnApplicationShutdown {
  constructor(@Inject(REDIS) private readonly redis: RedisClient) {}

  async onApplicationShutdown(): Promise<void> {
    await closeRedis(this.redis);
  }
}
