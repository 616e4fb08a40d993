import { createTestDatabase, TestDatabase, testQueuePrefix } from '@app/database/testing';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { createWorkerApp } from '../apps/worker/src/bootstrap';

describe('worker application', () => {
  let database: TestDatabase;

  beforeAll(async () => {
    database = await createTestDatabase();
  });

  afterAll(() => database.drop());

  it('boots against the database and Redis and closes cleanly in-process', async () => {
    const app = await createWorkerApp({
      NODE_ENV: 'test',
      DATABASE_URL: database.url,
      QUEUE_PREFIX: testQueuePrefix(),
      LOG_LEVEL: 'warn',
    });
    await expect(app.close()).resolves.toBeUndefined();
  });

  it('runs as its own process and exits 0 on SIGTERM', async () => {
    const root = join(__dirname, '..');
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
        cwd: root,
        env: {
          ...process.env,
          NODE_ENV: 'test',
          DATABASE_URL: database.url,
          QUEUE_PREFIX: testQueuePrefix(),
          LOG_LEVEL: 'info',
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const deadline = Date.now() + 45_000;
    while (!output.includes('worker ready') && child.exitCode === null && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    expect(output).toContain('connected to the database and Redis');
    expect(output).toContain('worker ready');
    child.kill('SIGTERM');
    const [code, signal] = await once(child, 'exit');
    expect({ code, signal }).toEqual({ code: 0, signal: null });
    expect(output).toContain('worker stopped cleanly');
  });
});
