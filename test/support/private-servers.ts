import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { chownSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Redis from 'ioredis';
import { createConnection } from 'mysql2/promise';
import { eventually } from './eventually';

/** A loopback port nobody listens on right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

async function stopProcess(child: ChildProcess | null, signal: NodeJS.Signals): Promise<void> {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill(signal);
  await exited;
}

/**
 * A Redis of a suite's own on a free port, without persistence: stopping and starting it again
 * is a Redis that lost everything, as after a crash of one without a disk. The machine's shared
 * Redis is never touched.
 */
export class PrivateRedis {
  private child: ChildProcess | null = null;

  private constructor(readonly port: number) {}

  static async start(): Promise<PrivateRedis> {
    const redis = new PrivateRedis(await freePort());
    await redis.up();
    return redis;
  }

  get url(): string {
    return `redis://127.0.0.1:${this.port}/0`;
  }

  async up(): Promise<void> {
    this.child = spawn(
      'redis-server',
      ['--port', String(this.port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
      { stdio: 'ignore' },
    );
    await eventually(
      () => this.ping(),
      (ok) => ok,
      15_000,
    );
  }

  /** Kills it at once, as a crash would. */
  async down(): Promise<void> {
    await stopProcess(this.child, 'SIGKILL');
    this.child = null;
  }

  private async ping(): Promise<boolean> {
    const client = new Redis(this.url, {
      lazyConnect: true,
      maxRetriesPerRequest: 0,
      retryStrategy: () => null,
    });
    client.on('error', () => undefined); // refusals while it starts are expected
    try {
      await client.connect();
      return (await client.ping()) === 'PONG';
    } catch {
      return false;
    } finally {
      client.disconnect();
    }
  }
}

/**
 * A MariaDB of a suite's own (its data directory in a temporary folder, a free port), so that a
 * suite can kill and restart it while other suites use the machine's server.
 */
export class PrivateMariaDb {
  private child: ChildProcess | null = null;

  private constructor(
    readonly port: number,
    private readonly dir: string,
  ) {}

  /** Installs a fresh data directory and starts the server; `venues`/`venues` may do anything. */
  static async start(): Promise<PrivateMariaDb> {
    const dir = mkdtempSync(join(tmpdir(), 'private-mariadb-'));
    chownSync(dir, uid('mysql'), gid('mysql'));
    execFileSync(
      'mariadb-install-db',
      [
        '--user=mysql',
        `--datadir=${join(dir, 'data')}`,
        '--skip-test-db',
        '--auth-root-authentication-method=socket',
      ],
      { stdio: 'ignore' },
    );
    const server = new PrivateMariaDb(await freePort(), dir);
    await server.up();
    const admin = await createConnection({ socketPath: server.socket, user: 'root' });
    try {
      await admin.query("CREATE USER 'venues'@'127.0.0.1' IDENTIFIED BY 'venues'");
      await admin.query("GRANT ALL PRIVILEGES ON *.* TO 'venues'@'127.0.0.1' WITH GRANT OPTION");
    } finally {
      await admin.end();
    }
    return server;
  }

  /** The server's URL for a database on it. */
  url(database = ''): string {
    return `mysql://venues:venues@127.0.0.1:${this.port}/${database}`;
  }

  private get socket(): string {
    return join(this.dir, 'mysqld.sock');
  }

  async up(): Promise<void> {
    this.child = spawn(
      '/usr/sbin/mariadbd',
      [
        '--no-defaults',
        '--user=mysql',
        `--datadir=${join(this.dir, 'data')}`,
        `--port=${this.port}`,
        '--bind-address=127.0.0.1',
        `--socket=${this.socket}`,
        `--pid-file=${join(this.dir, 'mysqld.pid')}`,
        '--innodb-buffer-pool-size=64M',
        '--max-connections=300',
      ],
      { stdio: 'ignore' },
    );
    await eventually(
      () => this.answers(),
      (ok) => ok,
      60_000,
    );
  }

  /** Kills it at once: committed transactions must survive, as InnoDB promises. */
  async down(): Promise<void> {
    await stopProcess(this.child, 'SIGKILL');
    this.child = null;
  }

  async remove(): Promise<void> {
    await this.down();
    rmSync(this.dir, { recursive: true, force: true });
  }

  private async answers(): Promise<boolean> {
    try {
      const connection = await createConnection({
        socketPath: this.socket,
        user: 'root',
        connectTimeout: 1000,
      });
      await connection.end();
      return true;
    } catch {
      return false;
    }
  }
}

const uid = (user: string) => Number(execFileSync('id', ['-u', user]).toString().trim());
const gid = (user: string) => Number(execFileSync('id', ['-g', user]).toString().trim());
