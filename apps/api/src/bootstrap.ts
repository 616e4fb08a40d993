import { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { altairExpress } from 'altair-express-middleware';
import { Logger } from 'nestjs-pino';
import { requestLogger } from '@app/common';
import { APP_CONFIG, AppConfig, EnvironmentSource } from '@app/config';
import { ApiModule } from './api.module';
import { trustedProxies } from './common/client-address';
import { requestBodyErrors } from './common/request-body';
import { pagePolicy, securityHeaders } from './common/security-headers';
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
    // Nest's default parsers would add a URL-encoded one after requestBodyErrors; nothing reads forms.
    bodyParser: false,
  });
  const config = app.get<AppConfig>(APP_CONFIG);
  app.useLogger(app.get(Logger));
  app.disable('x-powered-by');
  app.use(securityHeaders());
  app.use(httpMetrics(app.get(ApiMetrics).httpDuration));
  app.use(requestLogger(config, 'api'));
  app.useGlobalPipes(createValidationPipe());
  // The only bodies read are JSON, up to the size either transport reads of one request.
  app.useBodyParser('json', { limit: MAX_REQUEST_BYTES });
  app.use(requestBodyErrors);
  // The client address (rate limits) comes from X-Forwarded-For only through trusted proxies.
  app.set('trust proxy', trustedProxies(config.trustProxyHops));
  mountQueueDashboard(app);
  if (config.mode !== 'production') {
    // The IDE is served from node_modules, so it works without internet access.
    const ide = altairExpress({
      endpointURL: '/graphql',
      initialSettings: { theme: 'light' },
      // Its settings as a script file of its own, not inline.
      serveInitialOptionsInSeperateRequest: true,
    });
    ide.disable('x-powered-by');
    // Angular sets inline styles; the IDE frames its own sandbox for pre-request scripts.
    app.use(
      IDE_PATH,
      ...pagePolicy({ styleSrc: ["'self'", "'unsafe-inline'"], frameAncestors: ["'self'"] }),
      ide,
    );
  }
  return app;
}
