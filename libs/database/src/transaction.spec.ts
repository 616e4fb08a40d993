import { DataSource } from 'typeorm';
import { buildDataSourceOptions } from './data-source.options';
import { createTestDatabase, TestDatabase } from './testing';
import { isRetryableTransactionError, TransactionRunner } from './transaction';

/** Against the real MariaDB: a deliberate deadlock is retried until both transactions commit. */
describe('TransactionRunner', () => {
  let database: TestDatabase;
  let dataSource: DataSource;

  beforeAll(async () => {
    database = await createTestDatabase();
    dataSource = await new DataSource(
      buildDataSourceOptions({ url: database.url, poolSize: 4 }),
    ).initialize();
    await dataSource.query(
      'CREATE TABLE counters (id INT PRIMARY KEY, value INT NOT NULL) ENGINE=InnoDB',
    );
  });

  beforeEach(async () => {
    await dataSource.query('DELETE FROM counters');
    await dataSource.query('INSERT INTO counters (id, value) VALUES (1, 0), (2, 0)');
  });

  afterAll(async () => {
    await dataSource.destroy();
    await database.drop();
  });

  it('retries the transaction MySQL chose as the deadlock victim, from the start', async () => {
    const runner = new TransactionRunner(dataSource, 4);
    let attempts = 0;
    let arrived = 0;
    let release!: () => void;
    const bothHoldTheirFirstLock = new Promise<void>((resolve) => (release = resolve));

    const crosswise = (first: number, second: number) =>
      runner.run(async (manager) => {
        attempts++;
        await manager.query('UPDATE counters SET value = value + 1 WHERE id = ?', [first]);
        if (++arrived === 2) release();
        await bothHoldTheirFirstLock;
        await manager.query('UPDATE counters SET value = value + 1 WHERE id = ?', [second]);
      });

    await Promise.all([crosswise(1, 2), crosswise(2, 1)]);

    expect(attempts).toBe(3);
    expect(runner.stats).toEqual({ retries: 1, exhausted: 0, mostAttempts: 2 });
    const rows: { id: number; value: number }[] = await dataSource.query(
      'SELECT id, value FROM counters ORDER BY id',
    );
    expect(rows).toEqual([
      { id: 1, value: 2 },
      { id: 2, value: 2 },
    ]);
  });

  it('does not retry other errors, and rolls back', async () => {
    const runner = new TransactionRunner(dataSource, 4);
    let attempts = 0;
    await expect(
      runner.run(async (manager) => {
        attempts++;
        await manager.query('UPDATE counters SET value = 99 WHERE id = 1');
        await manager.query('INSERT INTO counters (id, value) VALUES (1, 0)');
      }),
    ).rejects.toMatchObject({ errno: 1062 });
    expect(attempts).toBe(1);
    const [row] = await dataSource.query('SELECT value FROM counters WHERE id = 1');
    expect(row.value).toBe(0);
  });

  it('stores and reads times in UTC whatever the offset they came with', async () => {
    await dataSource.query('CREATE TABLE IF NOT EXISTS moments (at DATETIME(3) NOT NULL)');
    await dataSource.query('INSERT INTO moments (at) VALUES (?)', [
      new Date('2026-06-03T09:00:00.123+08:00'),
    ]);
    const [raw] = await dataSource.query('SELECT CAST(at AS CHAR) AS text, at FROM moments');
    expect(raw.text).toBe('2026-06-03 01:00:00.123');
    expect((raw.at as Date).toISOString()).toBe('2026-06-03T01:00:00.123Z');
  });

  it('knows which errors end in a rollback that a fresh attempt may cure, on one server and on clusters', () => {
    for (const errno of [1213, 1205, 3101, 9007])
      expect(isRetryableTransactionError({ errno })).toBe(true);
    for (const errno of [1062, 1452, 1146])
      expect(isRetryableTransactionError({ errno })).toBe(false);
    expect(isRetryableTransactionError(new Error('no errno'))).toBe(false);
    expect(isRetryableTransactionError(null)).toBe(false);
  });
});
