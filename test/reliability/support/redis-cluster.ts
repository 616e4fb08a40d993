import { ChildProcess, execFile, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { freePorts, portIsFree, waitFor } from './ports';

const run = promisify(execFile);

/**
 * A throwaway Redis Cluster of three masters on loopback: `redis-server --cluster-enabled yes`
 * on free ports (each also needs its bus port, port + 10000), joined by `redis-cli --cluster
 * create`. Nothing is saved; stop() ends the servers and deletes their directory.
 */
export class RedisCluster {
  private constructor(
    readonly ports: number[],
    private readonly servers: ChildProcess[],
    private readonly directory: string,
  ) {}

  /** For REDIS_CLUSTER_NODES. */
  get nodes(): string {
    return this.ports.map((port) => `127.0.0.1:${port}`).join(',');
  }

  static async start(masters = 3): Promise<RedisCluster> {
    const directory = mkdtempSync(join(tmpdir(), 'redis-cluster-'));
    const ports = await freePorts(
      masters,
      async (port) => port + 10_000 < 65_536 && (await portIsFree(port + 10_000)),
    );
    const servers = ports.map((port) =>
      spawn(
        'redis-server',
        [
          '--port',
          String(port),
          '--bind',
          '127.0.0.1',
          '--cluster-enabled',
          'yes',
          '--cluster-config-file',
          join(directory, `nodes-${port}.conf`),
          '--dir',
          directory,
          '--save',
          '',
          '--appendonly',
          'no',
        ],
        { stdio: 'ignore' },
      ),
    );
    const cluster = new RedisCluster(ports, servers, directory);
    try {
      for (const port of ports) {
        await waitFor(`redis-server on ${port}`, () => cli(port, 'PING', 'PONG'), 30_000);
      }
      await run(
        'redis-cli',
        [
          '--cluster',
          'create',
          ...ports.map((port) => `127.0.0.1:${port}`),
          '--cluster-replicas',
          '0',
          '--cluster-yes',
        ],
        { timeout: 60_000 },
      );
      for (const port of ports) {
        await waitFor(
          `cluster_state:ok on ${port}`,
          () => cli(port, 'CLUSTER INFO', 'cluster_state:ok'),
          60_000,
        );
      }
    } catch (error) {
      await cluster.stop();
      throw error;
    }
    return cluster;
  }

  /** Keys matching `pattern`, over all masters. */
  async keyCount(pattern: string): Promise<number> {
    let total = 0;
    for (const port of this.ports) total += await scanCount(port, pattern);
    return total;
  }

  async stop(): Promise<void> {
    await Promise.all(
      this.servers.map(async (server) => {
        if (server.exitCode !== null || server.signalCode !== null) return;
        const exited = once(server, 'exit');
        server.kill('SIGTERM');
        const timer = setTimeout(() => server.kill('SIGKILL'), 10_000);
        await exited;
        clearTimeout(timer);
      }),
    );
    rmSync(this.directory, { recursive: true, force: true });
  }
}

async function cli(port: number, command: string, expected: string): Promise<boolean> {
  const { stdout } = await run('redis-cli', ['-p', String(port), ...command.split(' ')], {
    timeout: 5000,
  });
  return stdout.includes(expected);
}

/** Keys matching `pattern` on one server. */
export async function scanCount(port: number, pattern: string): Promise<number> {
  const { stdout } = await run('redis-cli', ['-p', String(port), '--scan', '--pattern', pattern], {
    timeout: 30_000,
    maxBuffer: 64 * 1024 * 1024,
  });
  return stdout.split('\n').filter(Boolean).length;
}
