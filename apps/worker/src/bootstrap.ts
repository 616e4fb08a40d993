import { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import { EnvironmentSource } from '@app/config';
import { WorkerModule } from './worker.module';

/** The worker as an application context: no HTTP server, only connections and processors. */
export async function createWorkerApp(
  overrides: EnvironmentSource = {},
): Promise<INestApplicationContext> {
  const app = await NestFactory.createApplicationContext(WorkerModule.forRoot(overrides), {
    bufferLogs: true,
    abortOnError: false,
  });
  app.useLogger(app.get(Logger));
  await app.init();
  return app;
}
