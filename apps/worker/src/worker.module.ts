import { BullModule } from '@nestjs/bullmq';
import { DynamicModule, Module } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import { Registry } from 'prom-client';
import { BOOKINGS_QUEUE, BookingsModule } from '@app/bookings';
import { loggerOptions, METRICS_REGISTRY, MetricsEndpoint, MetricsModule } from '@app/common';
import { APP_CONFIG, AppConfig, ConfigModule, EnvironmentSource } from '@app/config';
import { DatabaseModule, queuesRoot } from '@app/database';
import { NOTIFICATIONS_QUEUE, NotificationsModule } from '@app/notifications';
import { ReportsModule } from '@app/reports';
import { STAFFING_QUEUE, StaffingModule } from '@app/staffing';
import { BookingsProcessor } from './bookings/bookings.processor';
import { ConnectionsCheckService } from './connections-check.service';
import { WorkerMetrics } from './metrics/worker-metrics.service';
import { NotificationsProcessor } from './notifications/notifications.processor';
import { ReportsProcessor } from './reports/reports.processor';
import { JobSchedulersService } from './schedulers/job-schedulers.service';
import { StaffingProcessor } from './staffing/staffing.processor';

/** The BullMQ host: processors live here, never in the API process. */
@Module({})
export class WorkerModule {
  static forRoot(overrides: EnvironmentSource = {}): DynamicModule {
    return {
      module: WorkerModule,
      imports: [
        ConfigModule.forRoot(overrides),
        LoggerModule.forRootAsync({
          inject: [APP_CONFIG],
          useFactory: (config: AppConfig) => loggerOptions(config, 'worker'),
        }),
        DatabaseModule.forRoot(),
        MetricsModule.forRoot(),
        queuesRoot('queue'),
        BookingsModule,
        // Staffing takes part in every booking change, the worker's own (hold expiry, housekeeping).
        StaffingModule,
        BullModule.registerQueue({ name: BOOKINGS_QUEUE }),
        BullModule.registerQueue({ name: STAFFING_QUEUE }),
        NotificationsModule,
        BullModule.registerQueue({ name: NOTIFICATIONS_QUEUE }),
        ReportsModule,
      ],
      providers: [
        ConnectionsCheckService,
        JobSchedulersService,
        BookingsProcessor,
        NotificationsProcessor,
        StaffingProcessor,
        ReportsProcessor,
        WorkerMetrics,
        // Loopback only by default: the worker has no other HTTP server, nor any sign-in.
        {
          provide: MetricsEndpoint,
          inject: [METRICS_REGISTRY, APP_CONFIG],
          useFactory: (registry: Registry, config: AppConfig) =>
            new MetricsEndpoint(registry, config.metrics.host, config.metrics.workerPort),
        },
      ],
    };
  }
}
