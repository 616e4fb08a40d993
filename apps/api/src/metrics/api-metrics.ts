import { Inject, Injectable, OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Queue } from 'bullmq';
import { Counter, Histogram, Registry } from 'prom-client';
import { DataSource } from 'typeorm';
import { BOOKINGS_QUEUE } from '@app/bookings';
import { BoundedLabel, METRICS_REGISTRY } from '@app/common';
import { APP_CONFIG, AppConfig } from '@app/config';
import {
  QueueConnections,
  registerDatabasePoolMetrics,
  registerOutboxMetrics,
  registerQueueMetrics,
} from '@app/database';
import { NOTIFICATIONS_QUEUE } from '@app/notifications';
import { REPORTS_QUEUE } from '@app/reports';
import { STAFFING_QUEUE } from '@app/staffing';

/** Every queue of the system, whose depths the API reports. */
export const METRIC_QUEUES = [BOOKINGS_QUEUE, NOTIFICATIONS_QUEUE, STAFFING_QUEUE, REPORTS_QUEUE];

/** Distinct GraphQL operation names given their own series; later ones count as "other". */
export const MAX_OPERATION_NAMES = 100;

/** Latency buckets, in seconds: a millisecond up to ten seconds. */
const LATENCY_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/**
 * The API's series. Shared state (queue depths, the outbox backlog) is read here, at each
 * scrape, rather than in the worker: it must be visible exactly when no worker runs.
 */
@Injectable()
export class ApiMetrics implements OnApplicationShutdown {
  readonly httpDuration: Histogram<'method' | 'route' | 'status'>;
  readonly operationDuration: Histogram<'operation' | 'type'>;
  readonly errors: Counter<'code' | 'operation'>;
  readonly operationNames = new BoundedLabel(MAX_OPERATION_NAMES);
  private readonly queues: Queue[];

  constructor(
    @Inject(METRICS_REGISTRY) readonly registry: Registry,
    @InjectDataSource() dataSource: DataSource,
    @Inject(APP_CONFIG) config: AppConfig,
    connections: QueueConnections,
  ) {
    this.httpDuration = new Histogram({
      name: 'http_request_duration_seconds',
      help: 'HTTP requests to the API, from arrival to the end of the response',
      labelNames: ['method', 'route', 'status'],
      buckets: LATENCY_BUCKETS,
      registers: [registry],
    });
    this.operationDuration = new Histogram({
      name: 'graphql_operation_duration_seconds',
      help: 'GraphQL operations over HTTP, from parsing to the response, by operation name',
      labelNames: ['operation', 'type'],
      buckets: LATENCY_BUCKETS,
      registers: [registry],
    });
    this.errors = new Counter({
      name: 'graphql_errors_total',
      help: 'Errors in GraphQL responses, by extensions.code and operation name',
      labelNames: ['code', 'operation'],
      registers: [registry],
    });
    // Producer connections: a scrape while Redis is away fails fast instead of waiting.
    const connection = connections.connectionFor('producer');
    this.queues = METRIC_QUEUES.map(
      (name) => new Queue(name, { connection, prefix: config.redis.queuePrefix }),
    );
    for (const queue of this.queues) queue.on('error', () => undefined);
    registerQueueMetrics(registry, this.queues);
    registerOutboxMetrics(registry, dataSource);
    registerDatabasePoolMetrics(registry, dataSource);
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.all(this.queues.map((queue) => queue.close()));
  }
}
