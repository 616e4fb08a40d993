import { Inject, Injectable, OnApplicationShutdown, Provider } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@app/config';
import Redis, { RedisOptions } from 'ioredis';

export const REDIS = Symbol('REDIS');

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
 * The application's own Redis client (health checks, and later rate limits and pub/sub).
 * Commands fail at once while Redis is away instead of queueing, so callers see the outage.
 */
export const redisProvider: Provider = {
  provide: REDIS,
  inject: [APP_CONFIG],
  useFactory: async (config: AppConfig): Promise<Redis> => {
    const client = new Redis(config.redis.url, {
      lazyConnect: true,
      enableOfflineQueue: false,
      maxRetriesPerRequest: 1,
      connectTimeout: 5000,
    });
    await client.connect();
    return client;
  },
};

@Injectable()
export class RedisCloser implements OnApplicationShutdown {
  constructor(@Inject(REDIS) private readonly redis: Redis) {}

  async onApplicationShutdown(): Promise<void> {
    if (this.redis.status === 'end') return;
    await this.redis.quit().catch(() => this.redis.disconnect());
  }
}
