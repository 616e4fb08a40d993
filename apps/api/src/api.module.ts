import { ApolloDriver, ApolloDriverConfig } from '@nestjs/apollo';
import { DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { GraphQLModule } from '@nestjs/graphql';
import { LoggerModule } from 'nestjs-pino';
import { AuthModule } from '@app/auth';
import { BookingsModule } from '@app/bookings';
import { loggerOptions, MetricsModule } from '@app/common';
import { APP_CONFIG, AppConfig, ConfigModule, EnvironmentSource } from '@app/config';
import { DatabaseModule, queuesRoot } from '@app/database';
import { NotificationsModule } from '@app/notifications';
import { ReportsModule } from '@app/reports';
import { StaffingModule } from '@app/staffing';
import { VenuesModule } from '@app/venues';
import { AuthResolver } from './auth/auth.resolver';
import { BrowserAuthService } from './auth/browser-auth.service';
import { ReportPageGuard } from './auth/report-page.guard';
import {
  AuditEntryResolver,
  BookingsResolver,
  BusyBlockResolver,
  PendingChangeResolver,
} from './bookings/bookings.resolver';
import { CalendarFeedController } from './calendar/calendar-feed.controller';
import { CalendarFeedResolver } from './calendar/calendar-feed.resolver';
import { DateTimeScalar } from './graphql/date-time.scalar';
import { GraphQLExceptionFilter } from './graphql/graphql-exception.filter';
import { graphqlOptions } from './graphql/graphql-options.factory';
import { GraphQLWebSocketServer } from './graphql/graphql-ws.server';
import { LoadersFactory } from './graphql/loaders.factory';
import { OperationRules } from './graphql/operation-rules';
import { HealthModule } from './health/health.module';
import { ApiMetrics } from './metrics/api-metrics';
import { ApiMetricsModule } from './metrics/api-metrics.module';
import { graphqlMetricsPlugin } from './metrics/graphql-metrics.plugin';
import { NotificationsResolver } from './notifications/notifications.resolver';
import { WebhooksResolver } from './notifications/webhooks.resolver';
import { ReportsController } from './reports/reports.controller';
import { ReportsResolver, VenueScoreResolver } from './reports/reports.resolver';
import { AssignmentsResolver } from './staffing/assignments.resolver';
import { StaffManagementResolver } from './staffing/staff-management.resolver';
import { StaffResolver } from './staffing/staff.resolver';
import { StaffingPlanResolver } from './staffing/staffing-plan.resolver';
import { StaffingRequirementsResolver } from './staffing/staffing-requirements.resolver';
import { SubdistrictsResolver } from './venues/subdistricts.resolver';
import {
  VenueAuditEntryResolver,
  VenueChangeResolver,
  VenuesResolver,
} from './venues/venues.resolver';

/** What the HTTP driver and the WebSocket server share: loaders, and the rules of every operation. */
@Module({
  imports: [VenuesModule, AuthModule, BookingsModule, StaffingModule, ReportsModule],
  providers: [LoadersFactory, OperationRules],
  exports: [LoadersFactory, OperationRules],
})
class OperationSupportModule {}

@Module({})
export class ApiModule {
  /** overrides: environment values that win over the real environment (tests use their own database). */
  static forRoot(overrides: EnvironmentSource = {}): DynamicModule {
    return {
      module: ApiModule,
      imports: [
        ConfigModule.forRoot(overrides),
        LoggerModule.forRootAsync({
          inject: [APP_CONFIG],
          useFactory: (config: AppConfig) => loggerOptions(config, 'api'),
        }),
        DatabaseModule.forRoot(),
        MetricsModule.forRoot(),
        queuesRoot('producer'),
        GraphQLModule.forRootAsync<ApolloDriverConfig>({
          driver: ApolloDriver,
          imports: [OperationSupportModule, ApiMetricsModule],
          inject: [APP_CONFIG, LoadersFactory, OperationRules, ApiMetrics],
          useFactory: (
            config: AppConfig,
            loaders: LoadersFactory,
            rules: OperationRules,
            metrics: ApiMetrics,
          ) => {
            const options = graphqlOptions(config, loaders, rules);
            return {
              ...options,
              plugins: [...(options.plugins ?? []), graphqlMetricsPlugin(metrics)],
            };
          },
        }),
        OperationSupportModule,
        HealthModule,
        ApiMetricsModule,
        AuthModule,
        VenuesModule,
        BookingsModule,
        StaffingModule,
        NotificationsModule,
        ReportsModule,
      ],
      providers: [
        { provide: APP_FILTER, useClass: GraphQLExceptionFilter },
        GraphQLWebSocketServer,
        DateTimeScalar,
        BrowserAuthService,
        AuthResolver,
        SubdistrictsResolver,
        VenuesResolver,
        VenueChangeResolver,
        VenueAuditEntryResolver,
        BookingsResolver,
        BusyBlockResolver,
        PendingChangeResolver,
        AuditEntryResolver,
        CalendarFeedResolver,
        StaffResolver,
        StaffManagementResolver,
        StaffingRequirementsResolver,
        AssignmentsResolver,
        StaffingPlanResolver,
        NotificationsResolver,
        WebhooksResolver,
        ReportsResolver,
        VenueScoreResolver,
        ReportPageGuard,
      ],
      controllers: [CalendarFeedController, ReportsController],
    };
  }
}
