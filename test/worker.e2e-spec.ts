import { createTestDatabase, TestDatabase, testQueuePrefix } from '@app/database/testing';
import { once } from 'node:events';
import { createWorkerApp } from '../apps/worker/src/bootstrap';
import { WorkerProcess } from './support/worker-process';

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
    const worker = WorkerProcess.start({
      NODE_ENV: 'test',
      DATABASE_URL: database.url,
      QUEUE_PREFIX: testQueuePrefix(),
    });
    await worker.ready();
    const { child } = worker;
    const output = () => worker.output;
    expect(output()).toContain('connected to the database and Redis');
    expect(output()).toContain('worker ready');
    child.kill('SIGTERM');
    const [code, signal] = await once(child, 'exit');
    expect({ code, signal }).toEqual({ code: 0, signal: null });
    expect(output()).toContain('worker stopped cleanly');
  });
});
