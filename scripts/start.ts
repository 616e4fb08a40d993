/*
 * `npm start`: makes sure MariaDB/MySQL and Redis answer, applies migrations, loads the demo
 * data (never in production mode), then runs the API and the worker side by side and prints
 * where everything is.
 */
import { ChildProcess, spawn } from 'node:child_process';
import { AppConfig, ConfigurationError, loadConfig } from '@app/config';
import { ensureLocalServices } from './local-services';
import { QUEUE_DASHBOARD_PATH } from '../apps/api/src/queue-dashboard/queue-dashboard';
import { COMMANDS } from '../apps/cli/src/commands';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from '../apps/cli/src/demo/demo-accounts';

const say = (message: string) => process.stdout.write(`[start] ${message}\n`);

function run(name: string, entry: string): ChildProcess {
  const child = spawn(
    process.execPath,
    ['-r', 'ts-node/register/transpile-only', '-r', 'tsconfig-paths/register', entry],
    {
      stdio: ['ignore', 'inherit', 'inherit'],
      env: { ...process.env, TS_NODE_TRANSPILE_ONLY: 'true' },
    },
  );
  child.once('exit', (code, signal) => say(`${name} stopped (${signal ?? `exit ${code}`})`));
  return child;
}

async function waitUntilHealthy(config: AppConfig, seconds: number): Promise<boolean> {
  const url = `http://127.0.0.1:${config.port}/health`;
  for (let i = 0; i < seconds * 2; i++) {
    const ok = await fetch(url).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return true;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  return false;
}

function banner(config: AppConfig): string {
  const base = `http://localhost:${config.port}`;
  const lines = [
    '',
    'Dongcheng venue service-capacity booking is running',
    `  GraphQL endpoint   ${base}/graphql`,
    ...(config.mode !== 'production' ? [`  GraphQL IDE        ${base}/altair`] : []),
    `  Queue dashboard    ${base}${QUEUE_DASHBOARD_PATH} (district admins; the browser asks for e-mail and password)`,
    `  Health             ${base}/health`,
    `  Capacity report    ${base}/reports/service-capacity (district admin; browser sign-in)`,
  ];
  if (config.mode !== 'production') {
    lines.push(`  Demo accounts (password ${DEMO_PASSWORD}):`);
    for (const account of DEMO_ACCOUNTS)
      lines.push(`    ${account.email.padEnd(24)} ${account.role}`);
  }
  lines.push('  Stop with Ctrl+C', '');
  return lines.join('\n');
}

async function main(): Promise<void> {
  const config = loadConfig();
  await ensureLocalServices(config);
  const applied = (await COMMANDS.migrate()) as string[];
  say(
    applied.length ? `applied migrations: ${applied.join(', ')}` : 'database schema is up to date',
  );
  if (config.mode !== 'production') {
    const seeded = (await COMMANDS.seed()) as { users: number; venues: number };
    say(
      `demo data: ${seeded.users} accounts and ${seeded.venues} venues added (existing ones kept)`,
    );
  }

  const children = [run('api', 'apps/api/src/main.ts'), run('worker', 'apps/worker/src/main.ts')];
  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    for (const child of children) if (child.exitCode === null) child.kill(signal);
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
  for (const child of children) {
    child.once('exit', (code) => {
      if (!stopping) process.exitCode = code || 1;
      stop('SIGTERM');
    });
  }

  if (await waitUntilHealthy(config, 90)) process.stdout.write(banner(config));
  else if (!stopping) say('the API did not become healthy within 90 s; see the logs above');
}

main().catch((error: Error) => {
  process.stderr.write(
    error instanceof ConfigurationError
      ? `${error.message}\n`
      : `${error.stack ?? error.message}\n`,
  );
  process.exit(1);
});
