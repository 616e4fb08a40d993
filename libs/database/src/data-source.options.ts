import { DataSourceOptions, Logger } from 'typeorm';
import { MIGRATIONS } from './migrations';

export interface DataSourceSettings {
  url: string;
  poolSize?: number;
  entities?: DataSourceOptions['entities'];
  logger?: Logger;
}

/**
 * One place that decides how we talk to MySQL/MariaDB: UTC on the wire (mysql2 ignores IANA
 * names, so 'Z'), big ids as strings, utf8mb4, and never a synchronised schema.
 */
export function buildDataSourceOptions(settings: DataSourceSettings): DataSourceOptions {
  return {
    type: 'mysql',
    url: settings.url,
    timezone: 'Z',
    charset: 'utf8mb4_unicode_ci',
    supportBigNumbers: true,
    bigNumberStrings: true,
    synchronize: false,
    migrationsRun: false,
    migrations: MIGRATIONS,
    migrationsTableName: 'schema_migrations',
    entities: settings.entities ?? [],
    poolSize: settings.poolSize ?? 10,
    logger: settings.logger,
    extra: { connectTimeout: 5000 },
  };
}
