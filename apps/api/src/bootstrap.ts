import { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { altairExpress } from 'altair-express-middleware';
import { Logger } from 'nestjs-pino';
import { requestLogger } from '@app/common';
import { APP_CONFIG, AppConfig, EnvironmentSource } from '@app/config';
import { ApiModule } from './api.module';
import { trustedProxies } from './common/client-address';
import { MAX_REQUEST_BYTES } from './graphql/operation-rules';
import { createValidationPipe } from './graphql/validation.pipe';
import { ApiMetrics } from './metrics/api-metrics';
import { httpMetrics } from './metrics/http-metrics.middleware';
import { mountQueueDashboard } from './queue-dashboard/queue-dashboard';

export const IDE_PATH = '/altair';

/** Builds the API application exactly as production runs it; tests call this too. */
export async function createApiApp(overrides: EnvironmentSource = {}): Promise<INestApplication> {
  const app = await NestFactory.create<NestExpressApplication>(ApiModule.forRoot(overrides), {
    bufferLogs: true,
    abortOnError: false,
  });
  const config = app.get<AppConfig>(APP_CONFIG);
  app.useLogger(app.get(Logger));
  app.use(httpMetrics(app.get(ApiMetrics).httpDuration));
  app.use(requestLogger(config, 'api'));
  app.useGlobalPipes(createValidationPipe());
  app.useBodyParser('json', { limit: MAX_REQUEST_BYTES });
  // The client address (rate limits) comes from X-Forwarded-For only through trusted proxies.
  app.set('trust proxy', trustedProxies(config.trustProxyHops));
  mountQueueDashboard(app);
  if (config.mode !== 'production') {
    // The IDE is served from node_modules, so it works without internet access.
    app.use(
      IDE_PATH,
      altairExpress({ endpointURL: '/graphql', initialSettings: { theme: 'light' } }),
    );
  }
  return app;
}
