import { createPool, Pool, PoolConnection } from 'mysql2/promise';

export interface ProbeResult {
  attempts: number;
  /** Bookings that committed for the one slot (more than one is an overlap). */
  committed: number;
  /** Transactions aborted by the cluster (1213) and tried again. */
  retries: number;
}

/**
 * The booking transaction reduced to its lock, check and insert, on a table of its own in
 * `database`, with attempts spread over the given servers (cluster nodes). `lock` is either a
 * SELECT ... FOR UPDATE of the parent row or an UPDATE of it. The first lock holder on each
 * server waits until every server has one, so that they really are concurrent; then each
 * inserts if it saw the slot free. Aborted transactions (1213) are retried, as the product does.
 */
export async function probeParentRowLock(
  serverUrls: string[],
  database: string,
  lock: 'select-for-update' | 'update',
  attempts: number,
): Promise<ProbeResult> {
  const pools: Pool[] = serverUrls.map((url) =>
    createPool({ uri: url, database, connectionLimit: Math.ceil(attempts / serverUrls.length) }),
  );
  try {
    const table = `probe_${lock.replace(/-/g, '_')}`;
    await pools[0].query(`DROP TABLE IF EXISTS ${table}_bookings, ${table}_venues`);
    await pools[0].query(
      `CREATE TABLE ${table}_venues (id INT PRIMARY KEY, seq INT NOT NULL) ENGINE=InnoDB`,
    );
    await pools[0].query(
      `CREATE TABLE ${table}_bookings (id BIGINT AUTO_INCREMENT PRIMARY KEY, venue_id INT NOT NULL,
        starts_minute INT NOT NULL, ends_minute INT NOT NULL) ENGINE=InnoDB`,
    );
    await pools[0].query(`INSERT INTO ${table}_venues VALUES (1, 0)`);
    // Every node has the venue before the attempts start.
    for (const pool of pools) await causalCount(pool, `SELECT COUNT(*) AS n FROM ${table}_venues`);

    let holders = 0;
    let release!: () => void;
    const everyServerHoldsTheLock = new Promise<void>((resolve) => (release = resolve));
    const firstOnServer = new Set<number>();
    let retries = 0;

    const attempt = async (index: number): Promise<void> => {
      const server = index % pools.length;
      for (let round = 1; ; round++) {
        const connection: PoolConnection = await pools[server].getConnection();
        try {
          await connection.query('SET SESSION TRANSACTION ISOLATION LEVEL READ COMMITTED');
          await connection.beginTransaction();
          await connection.query(
            lock === 'update'
              ? `UPDATE ${table}_venues SET seq = seq + 1 WHERE id = 1`
              : `SELECT * FROM ${table}_venues WHERE id = 1 FOR UPDATE`,
          );
          const [rows] = await connection.query(
            `SELECT COUNT(*) AS n FROM ${table}_bookings WHERE venue_id = 1 AND starts_minute < 660 AND ends_minute > 540`,
          );
          if (!firstOnServer.has(server)) {
            firstOnServer.add(server);
            if (++holders === pools.length) release();
            await everyServerHoldsTheLock;
          }
          if (Number((rows as { n: number }[])[0].n) === 0) {
            await connection.query(
              `INSERT INTO ${table}_bookings (venue_id, starts_minute, ends_minute) VALUES (1, 540, 660)`,
            );
          }
          await connection.commit();
          connection.release();
          return;
        } catch (error) {
          await connection.rollback().catch(() => undefined);
          connection.release();
          if ((error as { errno?: number }).errno !== 1213 || round >= 50) throw error;
          retries++;
          const delayMs = Math.round(2 ** Math.min(round, 6) * 5 * (1 + Math.random()));
          await new Promise((resolve) => setTimeout(resolve, delayMs));
        }
      }
    };
    await Promise.all(Array.from({ length: attempts }, (_, i) => attempt(i)));

    const committed = await causalCount(pools[0], `SELECT COUNT(*) AS n FROM ${table}_bookings`);
    return { attempts, committed, retries };
  } finally {
    await Promise.all(pools.map((pool) => pool.end()));
  }
}

/**
 * A count (the first column of the first row) read after everything committed anywhere in the
 * cluster is applied on this node.
 */
export async function causalCount(pool: Pool, sql: string): Promise<number> {
  const connection = await pool.getConnection();
  try {
    await connection.query('SET SESSION wsrep_sync_wait = 1');
    const [rows] = await connection.query(sql);
    await connection.query('SET SESSION wsrep_sync_wait = 0');
    return Number(Object.values((rows as Record<string, number | string>[])[0])[0]);
  } finally {
    connection.release();
  }
}
