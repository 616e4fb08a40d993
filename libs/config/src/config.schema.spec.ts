import { ConfigurationError, loadConfig } from './app-config';
import { DEVELOPMENT_JWT_SECRET } from './config.schema';

describe('loadConfig', () => {
  it('falls back to development defaults that match a local MariaDB and Redis', () => {
    const config = loadConfig({ NODE_ENV: 'development', DATABASE_URL: '', REDIS_URL: '' });
    expect(config.database.url).toBe('mysql://venues:venues@127.0.0.1:3306/venues');
    expect(config.redis.url).toBe('redis://127.0.0.1:6379/0');
    expect(config.graphql.introspection).toBe(true);
  });

  it('names the variable that is wrong', () => {
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(/PORT/);
    expect(() => loadConfig({ DATABASE_URL: 'postgres://x' })).toThrow(/DATABASE_URL/);
    expect(() => loadConfig({ LOG_LEVEL: 'loud' })).toThrow(/LOG_LEVEL/);
  });

  it('reads the reminder plan, and names it when an entry is malformed', () => {
    expect(loadConfig({}).reminders).toHaveLength(8);
    expect(loadConfig({ REMINDER_PLAN: 'organizer@start-90m, feedback@end+2h' }).reminders).toEqual(
      [
        { audience: 'organizer', anchor: 'start', offsetMs: -90 * 60_000, label: 'start-90m' },
        { audience: 'feedback', anchor: 'end', offsetMs: 2 * 3_600_000, label: 'end+2h' },
      ],
    );
    expect(() => loadConfig({ REMINDER_PLAN: 'organizer@start-1w' })).toThrow(/REMINDER_PLAN/);
    expect(() => loadConfig({ REMINDER_PLAN: 'caterers@start-1h' })).toThrow(/REMINDER_PLAN/);
  });

  it('reads the reminder reconciliation interval and the worker concurrency, with defaults', () => {
    const defaults = loadConfig({});
    expect(defaults.reminderReconcileSeconds).toBe(300);
    expect(defaults.workerConcurrency).toBe(8);
    const set = loadConfig({ REMINDER_RECONCILE_SECONDS: '30', WORKER_CONCURRENCY: '2' });
    expect(set.reminderReconcileSeconds).toBe(30);
    expect(set.workerConcurrency).toBe(2);
    expect(() => loadConfig({ REMINDER_RECONCILE_SECONDS: '0' })).toThrow(
      /REMINDER_RECONCILE_SECONDS/,
    );
    expect(() => loadConfig({ WORKER_CONCURRENCY: 'many' })).toThrow(/WORKER_CONCURRENCY/);
  });

  it('reads where metrics are served, loopback and the API port with a token by default', () => {
    const defaults = loadConfig({ NODE_ENV: 'development' });
    expect(defaults.metrics).toEqual({ apiPort: null, workerPort: 9465, host: '127.0.0.1' });
    expect(loadConfig({ NODE_ENV: 'test' }).metrics.workerPort).toBeNull();
    const set = loadConfig({
      METRICS_PORT: '9464',
      WORKER_METRICS_PORT: '0',
      METRICS_HOST: '::1',
    });
    expect(set.metrics).toEqual({ apiPort: 9464, workerPort: 0, host: '::1' });
    expect(loadConfig({ WORKER_METRICS_PORT: 'off' }).metrics.workerPort).toBeNull();
    expect(() => loadConfig({ METRICS_PORT: '70000' })).toThrow(/METRICS_PORT/);
    expect(() => loadConfig({ WORKER_METRICS_PORT: 'on' })).toThrow(/WORKER_METRICS_PORT/);
    expect(() => loadConfig({ METRICS_HOST: 'localhost' })).toThrow(/METRICS_HOST/);
  });

  it('refuses the development JWT secret in production', () => {
    expect(() =>
      loadConfig({ NODE_ENV: 'production', JWT_SECRET: DEVELOPMENT_JWT_SECRET }),
    ).toThrow(ConfigurationError);
    expect(() => loadConfig({ NODE_ENV: 'production', JWT_SECRET: '' })).toThrow(/JWT_SECRET/);
    const config = loadConfig({ NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(40) });
    expect(config.graphql.introspection).toBe(false);
  });

  it('lets introspection follow its setting', () => {
    const config = loadConfig({
      NODE_ENV: 'production',
      JWT_SECRET: 'y'.repeat(40),
      GRAPHQL_INTROSPECTION: 'true',
    });
    expect(config.graphql.introspection).toBe(true);
  });

  it('reads Redis Cluster nodes, and asks for a hash-tagged queue prefix with them', () => {
    expect(loadConfig({ REDIS_CLUSTER_NODES: '' }).redis.clusterNodes).toBeNull();
    const config = loadConfig({
      REDIS_CLUSTER_NODES: '127.0.0.1:7001, 127.0.0.1:7002,redis-3.internal:7003',
      QUEUE_PREFIX: '{venues}',
    });
    expect(config.redis.clusterNodes).toEqual([
      { host: '127.0.0.1', port: 7001 },
      { host: '127.0.0.1', port: 7002 },
      { host: 'redis-3.internal', port: 7003 },
    ]);
    expect(() =>
      loadConfig({ REDIS_CLUSTER_NODES: '127.0.0.1:7001', QUEUE_PREFIX: 'venues' }),
    ).toThrow(/QUEUE_PREFIX: must be hash-tagged/);
    expect(() =>
      loadConfig({ REDIS_CLUSTER_NODES: '127.0.0.1:7001', QUEUE_PREFIX: 'venues{}' }),
    ).toThrow(/QUEUE_PREFIX/);
    expect(() =>
      loadConfig({ REDIS_CLUSTER_NODES: '127.0.0.1:7001', QUEUE_PREFIX: 'venues}{x}' }),
    ).toThrow(/QUEUE_PREFIX/);
    expect(
      loadConfig({ REDIS_CLUSTER_NODES: '127.0.0.1:7001', QUEUE_PREFIX: 'app{venues}' }).redis
        .queuePrefix,
    ).toBe('app{venues}');
    expect(() =>
      loadConfig({ REDIS_CLUSTER_NODES: '127.0.0.1', QUEUE_PREFIX: '{venues}' }),
    ).toThrow(/REDIS_CLUSTER_NODES/);
    expect(() =>
      loadConfig({
        REDIS_CLUSTER_NODES: '127.0.0.1:7001',
        QUEUE_PREFIX: '{venues}',
        REDIS_URL: 'redis://127.0.0.1:6379/2',
      }),
    ).toThrow(/REDIS_URL/);
    // A single server takes any prefix, as before.
    expect(loadConfig({ QUEUE_PREFIX: 'venues' }).redis.clusterNodes).toBeNull();
  });
});
