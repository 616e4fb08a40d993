import { Logger as NestLogger } from '@nestjs/common';
import { Logger, QueryRunner } from 'typeorm';

/**
 * TypeORM logger that counts every statement sent (tests use the count to prove there is no
 * N+1, and the statements themselves to prove reads write nothing) and reports slow queries and
 * errors through the application logger.
 */
export class SqlStatementCounter implements Logger {
  private readonly logger = new NestLogger('SQL');
  private count = 0;
  /** Each statement is logged (verbose) only when asked for: the call costs on every statement. */
  logStatements = false;
  /** While set (by a test), every statement sent is kept here. */
  recorded: string[] | null = null;

  constructor(private readonly slowQueryMs = 500) {}

  get statements(): number {
    return this.count;
  }

  reset(): void {
    this.count = 0;
  }

  logQuery(query: string): void {
    this.count++;
    this.recorded?.push(query);
    if (this.logStatements) this.logger.verbose(query);
  }

  logQueryError(
    error: string | Error,
    query: string,
    parameters?: unknown[],
    _runner?: QueryRunner,
  ): void {
    this.count++;
    this.logger.debug(
      `query failed: ${String(error)} :: ${query} :: ${JSON.stringify(parameters ?? [])}`,
    );
  }

  logQuerySlow(time: number, query: string): void {
    if (time >= this.slowQueryMs) this.logger.warn(`slow query (${time} ms): ${query}`);
  }

  logSchemaBuild(message: string): void {
    this.logger.debug(message);
  }

  logMigration(message: string): void {
    this.logger.log(message);
  }

  log(level: 'log' | 'info' | 'warn', message: unknown): void {
    if (level === 'warn') this.logger.warn(String(message));
    else this.logger.debug(String(message));
  }
}
