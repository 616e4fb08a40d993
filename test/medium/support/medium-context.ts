import { getQueueToken } from '@nestjs/bullmq';
import {
  ConsoleLogger,
  DynamicModule,
  ForwardReference,
  INestApplicationContext,
  Type,
} from '@nestjs/common';
import { Test, TestingModule, TestingModuleBuilder } from '@nestjs/testing';
import { Queue } from 'bullmq';
import Redis from 'ioredis';
import { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig, ConfigModule, EnvironmentSource } from '@app/config';
import { DatabaseModule, queuesRoot, REDIS, RedisClient } from '@app/database';
import { createTestDatabase, TestDatabase, testQueuePrefix } from '@app/database/testing';

type ModuleImport = Type | DynamicModule | ForwardReference;

export interface MediumOptions {
  /** The lib modules under test, e.g. `[BookingsModule]`; config, database and queues come with them. */
  imports: ModuleImport[];
  /** Environment values on top of the context's own database and queue prefix. */
  env?: EnvironmentSource;
  /** Replaces providers before the context starts (a clock, a channel that must fail, ...). */
  override?: (builder: TestingModuleBuilder) => TestingModuleBuilder;
  /**
   * Another context whose database and queue prefix this one works over, as a second instance
   * of the applications would; the other context drops them when it closes.
   */
  beside?: MediumContext;
}

/**
 * The libs' services wired as the applications wire them (validated config, the data source,
 * Redis, BullMQ producers), over a fresh database and a queue prefix of their own: no HTTP and no
 * worker, so nothing runs that a test does not call. Factories take it as their application.
 */
export class MediumContext {
  /** A provider of any loaded module, exported or not. */
  readonly get: INestApplicationContext['get'];

  private constructor(
    readonly module: TestingModule,
    readonly database: TestDatabase,
    private readonly owner: boolean,
  ) {
    this.get = module.get.bind(module);
  }

  static async start(options: MediumOptions): Promise<MediumContext> {
    const owner = !options.beside;
    const database = options.beside?.database ?? (await createTestDatabase());
    const env: EnvironmentSource = {
      NODE_ENV: 'test',
      DATABASE_URL: database.url,
      QUEUE_PREFIX: options.beside?.config.redis.queuePrefix ?? testQueuePrefix(),
      LOG_LEVEL: 'warn',
      BCRYPT_COST: '4',
      ...options.env,
    };
    try {
      const builder = Test.createTestingModule({
        imports: [
          ConfigModule.forRoot(env),
          DatabaseModule.forRoot(),
          // As the worker's: a test waits for Redis rather than lose a job it meant to add.
          queuesRoot('queue'),
          ...options.imports,
        ],
      }).setLogger(new ConsoleLogger('medium', { logLevels: ['warn', 'error', 'fatal'] }));
      const module = await (options.override?.(builder) ?? builder).compile();
      await module.init();
      return new MediumContext(module, database, owner);
    } catch (error) {
      if (owner) await database.drop();
      throw error;
    }
  }

  get config(): AppConfig {
    return this.get<AppConfig>(APP_CONFIG);
  }

  get dataSource(): DataSource {
    return this.get(DataSource);
  }

  /** A queue a loaded module registered, to read the jobs a service added. */
  queue(name: string): Queue {
    return this.get<Queue>(getQueueToken(name));
  }

  /**
   * Closes queues, Redis clients and the data source, then (unless it works beside another)
   * drops the database and the queue keys.
   */
  async close(): Promise<void> {
    if (!this.owner) return this.module.close();
    const prefix = this.config.redis.queuePrefix;
    await removeKeys(this.get<RedisClient>(REDIS), `${prefix}:*`);
    await this.module.close();
    await this.database.drop();
  }
}

async function removeKeys(redis: RedisClient, pattern: string): Promise<void> {
  if (!(redis instanceof Redis)) return;
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', pattern, 'COUNT', 1000);
    if (keys.length) await redis.del(...keys);
    cursor = next;
  } while (cursor !== '0');
}
