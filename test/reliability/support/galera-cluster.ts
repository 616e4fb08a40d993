import { ChildProcess, execFile, spawn } from 'node:child_process';
import { once } from 'node:events';
import {
  chmodSync,
  chownSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
} from 'node:fs';
import { userInfo } from 'node:os';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { freePorts, waitFor } from './ports';

const run = promisify(execFile);

export const GALERA_PROVIDER = '/usr/lib/galera/libgalera_smm.so';
const MARIADBD = '/usr/sbin/mariadbd';
const USER = 'venues';
const PASSWORD = 'venues';

interface GaleraNode {
  name: string;
  /** MySQL protocol port. */
  port: number;
  /** Group communication (gcomm), incremental and snapshot state transfer ports. */
  gcommPort: number;
  istPort: number;
  sstPort: number;
  dataDir: string;
  runDir: string;
  socket: string;
  server?: ChildProcess;
}

/**
 * A throwaway three-node MariaDB Galera cluster on loopback, as Debian's galera-4 package runs
 * it: each node's datadir made by mariadb-install-db in one temporary directory, node 1
 * bootstrapped with --wsrep-new-cluster, the others joining it by rsync state transfer; ROW
 * binlog format and interleaved auto-increment locks, as Galera needs. An application user
 * (venues/venues) may do anything, over TCP. stop() ends the servers and deletes the directory.
 */
export class GaleraCluster {
  private constructor(
    readonly nodes: GaleraNode[],
    private readonly directory: string,
  ) {}

  /** A server URL (no database) per node, for mysql2 or DATABASE_URL. */
  get serverUrls(): string[] {
    return this.nodes.map((node) => `mysql://${USER}:${PASSWORD}@127.0.0.1:${node.port}/`);
  }

  static async start(size = 3): Promise<GaleraCluster> {
    if (userInfo().uid !== 0) throw new Error('starting Galera nodes needs root (--user=mysql)');
    for (const file of [MARIADBD, GALERA_PROVIDER]) {
      if (!existsSync(file))
        throw new Error(`${file} is missing: apt-get install mariadb-server galera-4 rsync`);
    }
    const directory = mkdtempSync(join(tmpdir(), 'galera-'));
    chmodSync(directory, 0o755); // mysql must reach its directories
    const ports = await freePorts(size * 4);
    const { uid, gid } = await mysqlIds();
    const nodes: GaleraNode[] = Array.from({ length: size }, (_, i) => {
      const dataDir = join(directory, `node${i + 1}`);
      const runDir = join(directory, `run${i + 1}`);
      for (const dir of [dataDir, runDir]) {
        mkdirSync(dir);
        chownSync(dir, uid, gid);
      }
      return {
        name: `node${i + 1}`,
        port: ports[i * 4],
        gcommPort: ports[i * 4 + 1],
        istPort: ports[i * 4 + 2],
        sstPort: ports[i * 4 + 3],
        dataDir,
        runDir,
        socket: join(runDir, 'mysqld.sock'),
      };
    });
    const cluster = new GaleraCluster(nodes, directory);
    try {
      // One after another: each install starts a server of its own for a moment.
      for (const node of nodes) {
        await run(
          'mariadb-install-db',
          [
            '--no-defaults',
            '--user=mysql',
            `--datadir=${node.dataDir}`,
            '--auth-root-authentication-method=socket',
            '--skip-test-db',
          ],
          { timeout: 120_000 },
        );
      }
      cluster.launch(nodes[0], true);
      await waitFor(
        `${nodes[0].name} ready`,
        () => cluster.status(nodes[0], 'wsrep_ready', 'ON'),
        90_000,
      );
      // Made before the others join: state transfer copies it to them.
      await cluster.sql(
        nodes[0],
        `CREATE USER '${USER}'@'%' IDENTIFIED BY '${PASSWORD}'; GRANT ALL PRIVILEGES ON *.* TO '${USER}'@'%'`,
      );
      for (const node of nodes.slice(1)) {
        cluster.launch(node, false);
        await waitFor(
          `${node.name} synced`,
          () => cluster.status(node, 'wsrep_local_state_comment', 'Synced'),
          180_000,
        );
      }
      await waitFor(
        `wsrep_cluster_size=${size}`,
        () => cluster.status(nodes[0], 'wsrep_cluster_size', String(size)),
        60_000,
      );
    } catch (error) {
      const logs = cluster.errorLogs();
      await cluster.stop().catch(() => undefined);
      throw new Error(`Galera cluster did not start: ${String(error)}\n${logs}`);
    }
    return cluster;
  }

  /** A status variable's value on one node, read over its socket as root. */
  async statusOf(node: GaleraNode, variable: string): Promise<string> {
    const out = await this.sql(node, `SHOW GLOBAL STATUS LIKE '${variable}'`);
    return out.trim().split('\t')[1] ?? '';
  }

  async stop(): Promise<void> {
    for (const node of [...this.nodes].reverse()) {
      const server = node.server;
      if (!server || server.exitCode !== null || server.signalCode !== null) continue;
      const exited = once(server, 'exit');
      server.kill('SIGTERM');
      const timer = setTimeout(() => server.kill('SIGKILL'), 30_000);
      await exited;
      clearTimeout(timer);
    }
    rmSync(this.directory, { recursive: true, force: true, maxRetries: 5, retryDelay: 500 });
  }

  /** The end of each node's error log, to explain a failed start. */
  private errorLogs(): string {
    return this.nodes
      .map((node) => {
        const file = join(node.runDir, 'error.log');
        const text = existsSync(file) ? readFileSync(file, 'utf8') : '(no log)';
        return `--- ${node.name}\n${text.split('\n').slice(-15).join('\n')}`;
      })
      .join('\n');
  }

  private launch(node: GaleraNode, bootstrap: boolean): void {
    const members = this.nodes.map((n) => `127.0.0.1:${n.gcommPort}`).join(',');
    const args = [
      '--no-defaults',
      '--user=mysql',
      `--datadir=${node.dataDir}`,
      `--socket=${node.socket}`,
      `--pid-file=${join(node.runDir, 'mysqld.pid')}`,
      `--log-error=${join(node.runDir, 'error.log')}`,
      `--port=${node.port}`,
      '--bind-address=127.0.0.1',
      '--skip-name-resolve',
      '--performance-schema=OFF',
      '--innodb-buffer-pool-size=64M',
      '--innodb-flush-log-at-trx-commit=0',
      '--default-storage-engine=InnoDB',
      '--binlog-format=ROW',
      '--innodb-autoinc-lock-mode=2',
      '--wsrep-on=ON',
      `--wsrep-provider=${GALERA_PROVIDER}`,
      '--wsrep-cluster-name=venues-test',
      `--wsrep-cluster-address=gcomm://${members}`,
      `--wsrep-node-name=${node.name}`,
      `--wsrep-node-address=127.0.0.1:${node.gcommPort}`,
      `--wsrep-node-incoming-address=127.0.0.1:${node.port}`,
      `--wsrep-provider-options=base_port=${node.gcommPort};gmcast.listen_addr=tcp://127.0.0.1:${node.gcommPort};ist.recv_addr=127.0.0.1:${node.istPort};gcache.size=32M`,
      '--wsrep-sst-method=rsync',
      `--wsrep-sst-receive-address=127.0.0.1:${node.sstPort}`,
      ...(bootstrap ? ['--wsrep-new-cluster'] : []),
    ];
    node.server = spawn(MARIADBD, args, { stdio: 'ignore' });
  }

  private async status(node: GaleraNode, variable: string, expected: string): Promise<boolean> {
    return (await this.statusOf(node, variable)) === expected;
  }

  private async sql(node: GaleraNode, statements: string): Promise<string> {
    const { stdout } = await run(
      'mariadb',
      [`--socket=${node.socket}`, '-uroot', '-N', '-B', '-e', statements],
      { timeout: 30_000 },
    );
    return stdout;
  }
}

async function mysqlIds(): Promise<{ uid: number; gid: number }> {
  const [{ stdout: uid }, { stdout: gid }] = await Promise.all([
    run('id', ['-u', 'mysql']),
    run('id', ['-g', 'mysql']),
  ]);
  return { uid: Number(uid.trim()), gid: Number(gid.trim()) };
}
