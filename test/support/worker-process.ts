import { ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { join } from 'node:path';

/** The worker as its own process, as production runs it, with its output collected. */
export class WorkerProcess {
  output = '';

  private constructor(readonly child: ChildProcessWithoutNullStreams) {
    child.stdout.on('data', (chunk: Buffer) => (this.output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (this.output += chunk.toString()));
  }

  static start(env: Record<string, string | undefined>): WorkerProcess {
    const child = spawn(
      process.execPath,
      [
        '-r',
        'ts-node/register/transpile-only',
        '-r',
        'tsconfig-paths/register',
        'apps/worker/src/main.ts',
      ],
      {
        cwd: join(__dirname, '..', '..'),
        // info: readiness is read from the log.
        env: { ...process.env, ...env, LOG_LEVEL: 'info' },
        stdio: ['pipe', 'pipe', 'pipe'],
      },
    );
    return new WorkerProcess(child);
  }

  /** Waits until the worker says it is ready (or has exited, or the time is up). */
  async ready(timeoutMs = 45_000): Promise<boolean> {
    const deadline = Date.now() + timeoutMs;
    while (!this.output.includes('worker ready') && this.child.exitCode === null) {
      if (Date.now() > deadline) return false;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    return this.output.includes('worker ready');
  }
}
