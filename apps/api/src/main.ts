import { Logger } from 'nestjs-pino';
import { closeOnSignals, exitOnStartupFailure } from '@app/common';
import { APP_CONFIG, AppConfig } from '@app/config';
import { createApiApp, IDE_PATH } from './bootstrap';
import { QUEUE_DASHBOARD_PATH } from './queue-dashboard/queue-dashboard';
import { REPORT_PAGE_PATH } from './reports/reports.controller';

async function main(): Promise<void> {
  const app = await createApiApp();
  const config = app.get<AppConfig>(APP_CONFIG);
  closeOnSignals(app, app.get(Logger), 'api');
  await app.listen(config.port, '0.0.0.0');
  const base = `http://localhost:${config.port}`;
  app
    .get(Logger)
    .log(
      `API ready: GraphQL ${base}/graphql` +
        (config.mode !== 'production' ? `, IDE ${base}${IDE_PATH}` : '') +
        `, queue dashboard ${base}${QUEUE_DASHBOARD_PATH}, health ${base}/health, report ${base}${REPORT_PAGE_PATH}`,
    );
}

main().catch(exitOnStartupFailure);
