import { INestApplication } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { EnvironmentSource } from '@app/config';
import { createTestDatabase, TestDatabase, testQueuePrefix } from '@app/database/testing';
import { createApiApp } from '../../apps/api/src/bootstrap';
import { seedDemo } from '../../apps/cli/src/commands';
import { DEMO_PASSWORD } from '../../apps/cli/src/demo/demo-accounts';

export interface GraphQLResponse<T = any> {
  status: number;
  data?: T;
  errors?: {
    message: string;
    extensions: { code: string; field?: string; [key: string]: unknown };
  }[];
}

/** The API on a real port, over its own fresh database and queue prefix. */
export class TestApi {
  private constructor(
    readonly app: INestApplication,
    readonly url: string,
    readonly database: TestDatabase,
    readonly env: EnvironmentSource,
  ) {}

  /** `databaseServer`: a MySQL URL of another server than DATABASE_URL's to make the database on. */
  static async start(
    options: { demo?: boolean; env?: EnvironmentSource; databaseServer?: string } = {},
  ): Promise<TestApi> {
    const database = await createTestDatabase(options.databaseServer);
    const env: EnvironmentSource = {
      NODE_ENV: 'test',
      DATABASE_URL: database.url,
      QUEUE_PREFIX: testQueuePrefix(),
      LOG_LEVEL: 'warn',
      BCRYPT_COST: '4',
      // Suites drive far more traffic from one address than a person would; the limits have
      // their own suite.
      RATE_LIMIT_USER_MUTATIONS_PER_MINUTE: '1000000',
      RATE_LIMIT_IP_MUTATIONS_PER_MINUTE: '1000000',
      RATE_LIMIT_IP_LOGINS_PER_MINUTE: '1000000',
      ...options.env,
    };
    let app: INestApplication | undefined;
    try {
      if (options.demo) await seedDemo(env);
      app = await createApiApp(env);
      await app.listen(0, '127.0.0.1');
    } catch (error) {
      await app?.close();
      await database.drop();
      throw error;
    }
    const address = app.getHttpServer().address() as { port: number };
    return new TestApi(app, `http://127.0.0.1:${address.port}`, database, env);
  }

  get dataSource(): DataSource {
    return this.app.get(DataSource);
  }

  /** `headers`: more request headers, e.g. Accept-Language. */
  async gql<T = any>(
    query: string,
    variables: Record<string, unknown> = {},
    token?: string,
    headers: Record<string, string> = {},
  ): Promise<GraphQLResponse<T>> {
    const response = await fetch(`${this.url}/graphql`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...headers,
      },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await response.json()) as Omit<GraphQLResponse<T>, 'status'>;
    return { status: response.status, ...body };
  }

  /** Logs in and returns the access token; fails the test if login fails. */
  async login(email: string, password = DEMO_PASSWORD): Promise<string> {
    const result = await this.gql<{ login: { accessToken: string } }>(
      'mutation($email: String!, $password: String!) { login(email: $email, password: $password) { accessToken } }',
      { email, password },
    );
    if (!result.data) throw new Error(`login ${email} failed: ${JSON.stringify(result.errors)}`);
    return result.data.login.accessToken;
  }

  async close(): Promise<void> {
    await this.app.close();
    await this.database.drop();
  }
}

/** The first error's code, or undefined when the call succeeded. */
export function errorCode(response: GraphQLResponse): string | undefined {
  return response.errors?.[0]?.extensions.code;
}

/** A fingerprint of every row of the given tables, to prove a rejected call wrote nothing. */
export async function snapshot(dataSource: DataSource, tables: string[]): Promise<string> {
  const parts: string[] = [];
  for (const table of tables) {
    const rows: unknown[] = await dataSource.query(`SELECT * FROM ${table} ORDER BY 1, 2`);
    parts.push(`${table}:${JSON.stringify(rows)}`);
  }
  return parts.join('\n');
}
