import { Module } from '@nestjs/common';
import { Registry } from 'prom-client';
import { METRICS_REGISTRY, MetricsEndpoint } from '@app/common';
import { APP_CONFIG, AppConfig } from '@app/config';
import { ApiMetrics } from './api-metrics';
import { MetricsController } from './metrics.controller';

/**
 * The API's metrics: its series (ApiMetrics), GET /metrics for district admins, or with
 * METRICS_PORT a server of its own on METRICS_HOST. Needs MetricsModule.forRoot() in the app.
 */
@Module({
  providers: [
    ApiMetrics,
    {
      provide: MetricsEndpoint,
      inject: [METRICS_REGISTRY, APP_CONFIG],
      useFactory: (registry: Registry, config: AppConfig) =>
        new MetricsEndpoint(registry, config.metrics.host, config.metrics.apiPort),
    },
  ],
  controllers: [MetricsController],
  exports: [ApiMetrics, MetricsEndpoint],
})
export class ApiMetricsModule {}
