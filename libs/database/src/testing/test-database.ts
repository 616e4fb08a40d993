import { randomBytes } from 'node:crypto';
import { createConnection } from 'mysql2/promise';
import { loadConfig } from '@app/config';
import { runMigrations } from '../migration-runner';

export interface TestDatabase {
  name: string;
  url: string;
  drop(): Promise<void>;
}

export const TEST_DATABASE_PREFIX = 'venues_test_';

function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

/**
 * A fresh, fully migrated database of its own for one test file, on the server that
 * DATABASE_URL points at (never the demo database itself), or on the one given.
 */
export async function createTestDatabase(server?: string): Promise<TestDatabase> {
  const serverUrl = withDatabase(server ?? loadConfig().database.url, '');
  const name = `${TEST_DATABASE_PREFIX}${randomBytes(5).toString('hex')}`;
  const admin = await createConnection({ uri: serverUrl });
  try {
    await admin.query(
      `CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`,
    );
  } finally {
    await admin.end();
  }
  const url = withDatabase(serverUrl, name);
  await runMigrations(url);
  return {
    name,
    url,
    drop: async () => {
      const connection = await createConnection({ uri: serverUrl });
      try {
        await connection.query(`DROP DATABASE IF EXISTS \`${name}\``);
      } finally {
        await connection.end();
      }
    },
  };
}

/** A Redis key prefix of its own for one test file. */
export function testQueuePrefix(): string {
  return `test${randomBytes(4).toString('hex')}`;
}

/** Drops test databases left behind by runs that were killed (older than an hour). */
export async function dropStaleTestDatabases(): Promise<string[]> {
  const connection = await createConnection({ uri: withDatabase(loadConfig().database.url, '') });
  try {
    const [rows] = await connection.query(
      `SELECT table_schema AS name FROM information_schema.tables
       WHERE table_schema LIKE 'venues\\_test\\_%'
       GROUP BY table_schema HAVING MIN(create_time) < NOW() - INTERVAL 1 HOUR`,
    );
    const names = (rows as { name: string }[]).map((row) => row.name);
    for (const name of names) await connection.query(`DROP DATABASE IF EXISTS \`${name}\``);
    return names;
  } finally {
    await connection.end();
  }
}
