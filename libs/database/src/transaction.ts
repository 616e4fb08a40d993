import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { IsolationLevel } from 'typeorm/driver/types/IsolationLevel';

/** MySQL error numbers after which the whole transaction may simply be tried again. */
const RETRYABLE_ERRNOS = new Set([
  1213, // ER_LOCK_DEADLOCK (also what Galera reports for a certification failure or brute-force abort)
  1205, // ER_LOCK_WAIT_TIMEOUT
  3101, // ER_TRANSACTION_ROLLBACK_DURING_COMMIT: a Group Replication (InnoDB Cluster) certification conflict
  9007, // TiDB's write conflict, in its optimistic transaction mode
]);

export function isRetryableTransactionError(error: unknown): boolean {
  const errno = (error as { errno?: number } | null)?.errno;
  return typeof errno === 'number' && RETRYABLE_ERRNOS.has(errno);
}

export function isDuplicateKeyError(error: unknown): boolean {
  return (error as { errno?: number } | null)?.errno === 1062;
}

export interface TransactionOptions {
  /** Attempts in all, the first included. */
  attempts?: number;
  /** READ COMMITTED lets every statement after a lock see what the lock holder committed. */
  isolation?: IsolationLevel;
}

export const TRANSACTION_ATTEMPTS = Symbol('TRANSACTION_ATTEMPTS');

/**
 * Attempts in all, unless a caller says otherwise. On a multi-primary cluster every commit on
 * one node aborts the transactions on other nodes that wrote the same row (certification), so a
 * busy venue or person sees more retries than deadlocks on a single server would cause.
 */
export const DEFAULT_TRANSACTION_ATTEMPTS = 6;
/** The longest wait between two attempts. */
const MAX_DELAY_MS = 1000;

/**
 * Runs work in one transaction and retries it, from the start, when MySQL reports a deadlock
 * or a lock wait time-out. TypeORM does not do this itself. The work must therefore be
 * repeatable: no side effects outside the transaction.
 */
@Injectable()
export class TransactionRunner {
  private readonly logger = new Logger(TransactionRunner.name);
  /**
   * Since start: retries, transactions that still failed after their last attempt, and the most
   * attempts one transaction needed.
   */
  readonly stats = { retries: 0, exhausted: 0, mostAttempts: 0 };

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(TRANSACTION_ATTEMPTS) private readonly defaultAttempts: number,
  ) {}

  async run<T>(
    work: (manager: EntityManager) => Promise<T>,
    options: TransactionOptions = {},
  ): Promise<T> {
    const attempts = options.attempts ?? this.defaultAttempts;
    for (let attempt = 1; ; attempt++) {
      this.stats.mostAttempts = Math.max(this.stats.mostAttempts, attempt);
      try {
        return options.isolation
          ? await this.dataSource.transaction(options.isolation, work)
          : await this.dataSource.transaction(work);
      } catch (error) {
        if (!isRetryableTransactionError(error)) throw error;
        if (attempt >= attempts) {
          this.stats.exhausted += 1;
          throw error;
        }
        this.stats.retries += 1;
        const delayMs = Math.min(Math.round(2 ** attempt * 5 * (1 + Math.random())), MAX_DELAY_MS);
        this.logger.warn(
          `transaction attempt ${attempt} hit ${(error as Error).message}; retrying in ${delayMs} ms`,
        );
        await new Promise((resolve) => setTimeout(resolve, delayMs));
      }
    }
  }
}
