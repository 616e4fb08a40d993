import { INestApplicationContext, LoggerService } from '@nestjs/common';

/**
 * On SIGTERM or SIGINT: close the application (every shutdown hook runs, connections are
 * released) and exit 0; exit 1 if closing fails or takes longer than timeoutMs.
 */
export function closeOnSignals(
  app: INestApplicationContext,
  logger: LoggerService,
  name: string,
  timeoutMs = 25_000,
): void {
  let closing = false;
  const close = (signal: NodeJS.Signals) => {
    if (closing) return;
    closing = true;
    logger.log(`${name} received ${signal}, shutting down`);
    const timer = setTimeout(() => {
      logger.error(`${name} did not stop within ${timeoutMs} ms`);
      process.exit(1);
    }, timeoutMs);
    timer.unref();
    app.close().then(
      () => {
        logger.log(`${name} stopped cleanly`);
        process.exit(0);
      },
      (error: Error) => {
        logger.error(`${name} failed to stop: ${error.message}`);
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', close);
  process.once('SIGINT', close);
}

/** Ends a process whose start failed: a configuration problem as its plain message, anything else with its stack. */
export function exitOnStartupFailure(error: unknown): never {
  const isConfiguration = error instanceof Error && error.name === 'ConfigurationError';
  process.stderr.write(
    `${isConfiguration ? error.message : error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
}
