import { Logger } from 'nestjs-pino';
import { closeOnSignals, exitOnStartupFailure } from '@app/common';
import { createWorkerApp } from './bootstrap';

async function main(): Promise<void> {
  const app = await createWorkerApp();
  const logger = app.get(Logger);
  closeOnSignals(app, logger, 'worker');
  logger.log('worker ready');
}

main().catch(exitOnStartupFailure);
