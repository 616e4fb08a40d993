import { DynamicModule, Global, Module } from '@nestjs/common';
import { collectDefaultMetrics, Registry } from 'prom-client';

/** The process's Prometheus registry: each application has its own (tests run two in one process). */
export const METRICS_REGISTRY = Symbol('METRICS_REGISTRY');

/**
 * Metrics of one application: a registry with Node's process series (memory, CPU, event loop
 * lag, GC). Libs that record series of their own take the registry with @Optional(), so they run
 * without it (medium suites, the CLI).
 */
@Global()
@Module({})
export class MetricsModule {
  static forRoot(): DynamicModule {
    return {
      module: MetricsModule,
      providers: [
        {
          provide: METRICS_REGISTRY,
          useFactory: () => {
            const registry = new Registry();
            collectDefaultMetrics({ register: registry });
            return registry;
          },
        },
      ],
      exports: [METRICS_REGISTRY],
    };
  }
}
