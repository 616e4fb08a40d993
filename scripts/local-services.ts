/*
 * Makes sure a MySQL/MariaDB and a Redis answer before the apps or the tests start. When the
 * URLs are the development defaults and nothing answers, it starts the locally installed
 * servers on loopback and creates the application's database user; otherwise it says what to
 * install or to use docker/compose.yaml.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { connect } from 'node:net';
import { createConnection } from 'mysql2/promise';
import { AppConfig, environmentProvides } from '@app/config';

const say = (message: string) => process.stdout.write(`[services] ${message}\n`);

export class ServiceUnavailableError extends Error {}

function portAnswers(host: string, port: number, timeoutMs = 1000): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

async function waitForPort(host: string, port: number, seconds: number): Promise<boolean> {
  for (let i = 0; i < seconds * 4; i++) {
    if (await portAnswers(host, port)) return true;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return false;
}

function findExecutable(names: string[]): string | null {
  const dirs = [
    '/usr/sbin',
    '/usr/bin',
    '/usr/local/sbin',
    '/usr/local/bin',
    ...(process.env.PATH ?? '').split(':'),
  ];
  for (const name of names) {
    for (const dir of dirs) {
      if (dir && existsSync(`${dir}/${name}`)) return `${dir}/${name}`;
    }
  }
  return null;
}

const isLoopback = (host: string) => ['127.0.0.1', 'localhost', '::1'].includes(host);
const isRoot = () => typeof process.getuid === 'function' && process.getuid() === 0;

async function canLogIn(url: string): Promise<string | null> {
  try {
    const connection = await createConnection({ uri: url, connectTimeout: 3000 });
    await connection.end();
    return null;
  } catch (error) {
    return (error as Error).message;
  }
}

function startMariaDb(): void {
  const server = findExecutable(['mariadbd', 'mysqld']);
  if (!server) {
    throw new ServiceUnavailableError(
      'No MySQL/MariaDB answers on 127.0.0.1:3306 and none is installed. Install one ' +
        '(Debian: apt-get install mariadb-server), set DATABASE_URL, or run docker compose -f docker/compose.yaml up mysql redis.',
    );
  }
  if (!isRoot()) {
    throw new ServiceUnavailableError(
      `MariaDB is installed (${server}) but not running, and only root can start the system server. ` +
        'Start it (sudo service mariadb start) or set DATABASE_URL.',
    );
  }
  say(`starting ${server} on loopback`);
  mkdirSync('/run/mysqld', { recursive: true });
  spawnSync('chown', ['mysql:mysql', '/run/mysqld']);
  execFileSync('start-stop-daemon', [
    '--start',
    '--oknodo',
    '--background',
    '--exec',
    server,
    '--',
    '--user=mysql',
    '--bind-address=127.0.0.1',
  ]);
}

/** Runs SQL as the server's root: over the Unix socket (Debian's default), else over TCP without a password. */
async function asServerRoot(sql: string[]): Promise<void> {
  const client = findExecutable(['mariadb', 'mysql']);
  if (client) {
    const result = spawnSync(client, ['-uroot', '-e', sql.join('; ')], { encoding: 'utf8' });
    if (result.status === 0) return;
  }
  const connection = await createConnection({
    host: '127.0.0.1',
    port: 3306,
    user: 'root',
    password: '',
  }).catch(() => null);
  if (!connection) {
    throw new ServiceUnavailableError(
      'Cannot log in as the database root to create the application user. Create it yourself ' +
        "(CREATE USER 'venues'@'%' IDENTIFIED BY 'venues'; GRANT ALL ON `venues%`.* TO 'venues'@'%') or set DATABASE_URL.",
    );
  }
  try {
    for (const statement of sql) await connection.query(statement);
  } finally {
    await connection.end();
  }
}

async function ensureDatabase(config: AppConfig): Promise<void> {
  const url = new URL(config.database.url);
  const host = url.hostname;
  const port = Number(url.port || 3306);
  const explicit = environmentProvides('DATABASE_URL');

  if (!(await portAnswers(host, port))) {
    if (explicit || !isLoopback(host)) {
      throw new ServiceUnavailableError(
        `Nothing answers at DATABASE_URL (${host}:${port}). Start that server or fix DATABASE_URL.`,
      );
    }
    startMariaDb();
    if (!(await waitForPort(host, port, 30)))
      throw new ServiceUnavailableError('MariaDB did not start within 30 s');
  }

  const serverUrl = new URL(config.database.url);
  serverUrl.pathname = '/';
  let problem = await canLogIn(serverUrl.toString());
  if (problem && !explicit && isLoopback(host)) {
    const user = decodeURIComponent(url.username);
    const password = decodeURIComponent(url.password);
    say(`creating database user '${user}' for local development`);
    const quoted = password.replace(/'/g, "''");
    await asServerRoot(
      ['localhost', '127.0.0.1', '::1'].flatMap((from) => [
        `CREATE USER IF NOT EXISTS '${user}'@'${from}' IDENTIFIED BY '${quoted}'`,
        `GRANT ALL PRIVILEGES ON \`venues%\`.* TO '${user}'@'${from}'`,
      ]),
    );
    problem = await canLogIn(serverUrl.toString());
  }
  if (problem) throw new ServiceUnavailableError(`Cannot log in with DATABASE_URL: ${problem}`);

  const database = url.pathname.replace(/^\//, '');
  if (database) {
    const connection = await createConnection({ uri: serverUrl.toString() });
    try {
      await connection.query(
        `CREATE DATABASE IF NOT EXISTS \`${database.replace(/`/g, '')}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`,
      );
    } finally {
      await connection.end();
    }
  }
}

async function ensureRedis(config: AppConfig): Promise<void> {
  if (config.redis.clusterNodes) {
    // A Redis Cluster is never started here: it is enough that one of its nodes answers.
    for (const node of config.redis.clusterNodes) {
      if (await portAnswers(node.host, node.port)) return;
    }
    throw new ServiceUnavailableError(
      'No node of REDIS_CLUSTER_NODES answers. Start the cluster or fix REDIS_CLUSTER_NODES.',
    );
  }
  const url = new URL(config.redis.url);
  const host = url.hostname;
  const port = Number(url.port || 6379);
  if (await portAnswers(host, port)) return;
  if (environmentProvides('REDIS_URL') || !isLoopback(host)) {
    throw new ServiceUnavailableError(
      `Nothing answers at REDIS_URL (${host}:${port}). Start that server or fix REDIS_URL.`,
    );
  }
  const server = findExecutable(['redis-server']);
  if (!server) {
    throw new ServiceUnavailableError(
      'No Redis answers on 127.0.0.1:6379 and none is installed. Install it (Debian: apt-get install redis-server), ' +
        'set REDIS_URL, or run docker compose -f docker/compose.yaml up redis.',
    );
  }
  say(`starting ${server} on loopback`);
  execFileSync(server, [
    '--daemonize',
    'yes',
    '--bind',
    '127.0.0.1',
    '--port',
    String(port),
    '--save',
    '',
    '--appendonly',
    'no',
  ]);
  if (!(await waitForPort(host, port, 15)))
    throw new ServiceUnavailableError('Redis did not start within 15 s');
}

export async function ensureLocalServices(config: AppConfig): Promise<void> {
  await ensureDatabase(config);
  await ensureRedis(config);
  say('MySQL/MariaDB and Redis answer');
}
