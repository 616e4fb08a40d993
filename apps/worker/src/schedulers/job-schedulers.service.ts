import { Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import { JobSchedulerTemplateOptions, Queue } from 'bullmq';

/** How often each worker checks that its job schedulers still exist in Redis. */
export const SCHEDULER_CHECK_MS = 5_000;

interface KeptScheduler {
  queue: Queue;
  id: string;
  everyMs: number;
  name: string;
  opts: JobSchedulerTemplateOptions;
}

/**
 * Job schedulers live only in Redis: a Redis flushed or restarted empty loses them, and then
 * nothing would relay the outbox or reconcile reminders again. Each worker creates its schedulers
 * at start-up and re-creates any that has gone missing every few seconds. Upserting by a fixed id
 * is idempotent, so several workers may do it; a scheduler that exists is left alone, so its
 * timing is not reset by every check.
 */
@Injectable()
export class JobSchedulersService implements OnModuleDestroy {
  private readonly logger = new Logger(JobSchedulersService.name);
  private readonly kept: KeptScheduler[] = [];
  private timer: NodeJS.Timeout | undefined;
  private checking = false;

  /** Creates the scheduler now (start-up fails if Redis is away) and keeps it from then on. */
  async keep(scheduler: KeptScheduler): Promise<void> {
    await this.upsert(scheduler);
    this.kept.push(scheduler);
    this.timer ??= setInterval(() => void this.check(), SCHEDULER_CHECK_MS).unref();
  }

  /** Re-creates the schedulers that are missing; returns their ids. */
  async check(): Promise<string[]> {
    // While Redis is away a check waits for it; the next ones are skipped meanwhile.
    if (this.checking) return [];
    this.checking = true;
    const recreated: string[] = [];
    try {
      for (const scheduler of this.kept) {
        if (await scheduler.queue.getJobScheduler(scheduler.id)) continue;
        await this.upsert(scheduler);
        recreated.push(scheduler.id);
        this.logger.warn(`job scheduler ${scheduler.id} was missing from Redis; re-created it`);
      }
    } catch (error) {
      this.logger.warn(`could not check the job schedulers: ${(error as Error).message}`);
    } finally {
      this.checking = false;
    }
    return recreated;
  }

  onModuleDestroy(): void {
    clearInterval(this.timer);
  }

  private async upsert({ queue, id, everyMs, name, opts }: KeptScheduler): Promise<void> {
    await queue.upsertJobScheduler(id, { every: everyMs }, { name, opts });
  }
}
