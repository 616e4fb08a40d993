import { Controller, Get, Header, Inject, UseFilters } from '@nestjs/common';
import { Registry } from 'prom-client';
import { Role, Roles } from '@app/auth';
import { METRICS_REGISTRY } from '@app/common';
import { APP_CONFIG, AppConfig } from '@app/config';
import { apiMessages } from '../common/api.messages';
import { RestExceptionFilter } from '../common/rest-exception.filter';
import { ApiError } from '../graphql/error-codes';

/**
 * GET /metrics on the API's own port, for a district admin's bearer token. With METRICS_PORT
 * set the metrics are served only there (MetricsEndpoint), and this route is not found.
 */
@Controller('metrics')
@UseFilters(RestExceptionFilter)
export class MetricsController {
  constructor(
    @Inject(METRICS_REGISTRY) private readonly registry: Registry,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Roles(Role.DISTRICT_ADMIN)
  @Get()
  @Header('Content-Type', 'text/plain; version=0.0.4; charset=utf-8')
  @Header('Cache-Control', 'no-store')
  async scrape(): Promise<string> {
    if (this.config.metrics.apiPort !== null) {
      throw new ApiError('NOT_FOUND', apiMessages.metricsOnOwnPort());
    }
    return this.registry.metrics();
  }
}
