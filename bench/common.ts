// Shared pieces of the benchmark: timing, percentiles, concurrent load loops, processes.
import { ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { join } from 'node:path';

export const ROOT = join(__dirname, '..');
export const MINUTE = 60_000;
export const HOUR = 3_600_000;
export const DAY = 86_400_000;

export const elapsed = (since: number) => (Date.now() - since) / 1000;
export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The p-th percentile (0..100) of the samples, nearest rank. */
export function percentile(samples: number[], p: number): number {
  if (!samples.length) return NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank];
}

export const round = (x: number, digits = 2) => Math.round(x * 10 ** digits) / 10 ** digits;

export interface LoadResult {
  /** Calls that did what was asked. */
  ok: number;
  /** Calls refused for a reason of the domain (e.g. the slot is taken). */
  refused: number;
  /** Calls that failed otherwise. */
  errors: number;
  seconds: number;
  /** Latencies of every completed call, in ms. */
  latencies: number[];
  firstError?: string;
}

export type Outcome = 'ok' | 'refused';

/**
 * Runs `clients` loops side by side for `seconds`, each calling `call(client, i)` again and
 * again; a warm-up of `warmupSeconds` runs first and is not counted.
 */
export async function load(
  clients: number,
  seconds: number,
  warmupSeconds: number,
  call: (client: number, i: number) => Promise<Outcome>,
): Promise<LoadResult> {
  const result: LoadResult = { ok: 0, refused: 0, errors: 0, seconds, latencies: [] };
  let counting = false;
  let stop = false;
  let calls = 0;
  const loop = async (client: number) => {
    while (!stop) {
      const started = performance.now();
      const counted = counting;
      try {
        const outcome = await call(client, calls++);
        if (!counted || stop) continue;
        result.latencies.push(performance.now() - started);
        if (outcome === 'ok') result.ok++;
        else result.refused++;
      } catch (error) {
        if (!counted || stop) continue;
        result.errors++;
        result.firstError ??= (error as Error).message;
      }
    }
  };
  const loops = Array.from({ length: clients }, (_, client) => loop(client));
  await sleep(warmupSeconds * 1000);
  counting = true;
  const started = Date.now();
  await sleep(seconds * 1000);
  stop = true;
  result.seconds = elapsed(started);
  await Promise.all(loops);
  return result;
}

/** Several runs of one load as one: counts and seconds added, latencies pooled. */
export function merged(results: LoadResult[]): LoadResult {
  return {
    ok: results.reduce((n, r) => n + r.ok, 0),
    refused: results.reduce((n, r) => n + r.refused, 0),
    errors: results.reduce((n, r) => n + r.errors, 0),
    seconds: results.reduce((n, r) => n + r.seconds, 0),
    latencies: results.flatMap((r) => r.latencies),
    firstError: results.find((r) => r.firstError)?.firstError,
  };
}

/**
 * Ours and the reference in alternating slices (ours, reference, ours, ...), `seconds` in all
 * for each, so a change in the machine's load meanwhile weighs on both alike. Slice i gets
 * `slice = i` to draw its own inputs; only the first slice of each warms up for long. `settle`
 * runs before every slice, so background work one side left behind (the worker relaying its
 * outbox events) is not charged to the other.
 */
export async function sideBySide(
  rounds: number,
  seconds: number,
  warmupSeconds: number,
  ours: (slice: number, seconds: number, warmupSeconds: number) => Promise<LoadResult>,
  reference: (slice: number, seconds: number, warmupSeconds: number) => Promise<LoadResult>,
  settle: () => Promise<unknown> = async () => undefined,
): Promise<[LoadResult, LoadResult]> {
  const a: LoadResult[] = [];
  const b: LoadResult[] = [];
  for (let slice = 0; slice < rounds; slice++) {
    const warmup = slice === 0 ? warmupSeconds : 0.5;
    await settle();
    a.push(await ours(slice, seconds / rounds, warmup));
    await settle();
    b.push(await reference(slice, seconds / rounds, warmup));
  }
  return [merged(a), merged(b)];
}

const agent = new Agent({ keepAlive: true, maxSockets: 64 });

/** A GraphQL call over a kept-alive HTTP connection (node:http: the client should cost little). */
export function graphql<T>(
  url: string,
  query: string,
  variables: Record<string, unknown>,
  token?: string,
): Promise<{ data?: T; errors?: { message: string; extensions?: { code?: string } }[] }> {
  const body = JSON.stringify({ query, variables });
  return new Promise((resolve, reject) => {
    const req = request(
      `${url}/graphql`,
      {
        method: 'POST',
        agent,
        headers: {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(body),
          ...(token ? { authorization: `Bearer ${token}` } : {}),
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          try {
            resolve(JSON.parse(Buffer.concat(chunks).toString()) as never);
          } catch (error) {
            reject(error instanceof Error ? error : new Error(String(error)));
          }
        });
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

export function closeHttpAgent(): void {
  agent.destroy();
}

/** Peak and current resident set size of a process, in MB (Linux /proc). */
export function memoryOf(pid: number): { peakMb: number; currentMb: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (field: string) =>
    Number(new RegExp(`${field}:\\s+(\\d+) kB`).exec(status)?.[1] ?? NaN);
  return { peakMb: round(kb('VmHWM') / 1024, 1), currentMb: round(kb('VmRSS') / 1024, 1) };
}

/** An app of this repository (apps/<name>/src/main.ts) as its own node process. */
/** The Node flags the production start commands give (`npm run start:prod:api`, the image). */
const PRODUCTION_NODE_FLAGS = ['--max-semi-space-size=64'];

export class AppProcess {
  output = '';

  private constructor(
    readonly name: string,
    readonly child: ChildProcessWithoutNullStreams,
  ) {
    const keep = (chunk: Buffer) => {
      // Keep the start of the output (readiness, start-up errors) and the latest lines.
      this.output = (this.output + chunk.toString()).slice(-20_000);
    };
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
  }

  /**
   * The production build (`npm run build`, which `npm run bench` runs first), started as deployed.
   * With BENCH_PROFILE_DIR set, each process writes a CPU profile there when it stops.
   */
  static start(name: 'api' | 'worker', env: Record<string, string>): AppProcess {
    const profile = process.env.BENCH_PROFILE_DIR;
    const child = spawn(
      process.execPath,
      [
        ...(profile ? ['--cpu-prof', `--cpu-prof-dir=${profile}`] : []),
        ...PRODUCTION_NODE_FLAGS,
        `dist/apps/${name}/src/main.js`,
      ],
      { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['pipe', 'pipe', 'pipe'] },
    );
    return new AppProcess(name, child);
  }

  get pid(): number {
    return this.child.pid!;
  }

  async ready(marker: string, timeoutMs = 90_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!this.output.includes(marker)) {
      if (this.child.exitCode !== null)
        throw new Error(`${this.name} exited (${this.child.exitCode}):\n${this.output}`);
      if (Date.now() > deadline) throw new Error(`${this.name} not ready:\n${this.output}`);
      await sleep(200);
    }
  }

  async stop(): Promise<void> {
    if (this.child.exitCode !== null) return;
    const exited = new Promise((resolve) => this.child.once('exit', resolve));
    this.child.kill('SIGTERM');
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 10_000);
    await exited;
    clearTimeout(timer);
  }
}
