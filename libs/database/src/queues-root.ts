import { BullModule } from '@nestjs/bullmq';
import { DynamicModule } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@app/config';
import { QueueConnections } from './redis.provider';

/**
 * BullMQ's root for an application, on the configured Redis and queue prefix. Processes that
 * only add jobs (the API, the CLI) use producer connections, which fail fast while Redis is
 * away instead of queueing commands forever; the worker uses queue connections.
 */
export function queuesRoot(use: 'queue' | 'producer'): DynamicModule {
  return BullModule.forRootAsync({
    inject: [APP_CONFIG, QueueConnections],
    useFactory: (config: AppConfig, connections: QueueConnections) => ({
      connection: connections.connectionFor(use),
      prefix: config.redis.queuePrefix,
    }),
  });
}
