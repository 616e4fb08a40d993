import { DynamicModule, Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { APP_CONFIG, AppConfig } from '@app/config';
import { buildDataSourceOptions } from './data-source.options';
import { OutboxEventEntity } from './outbox';
import { QueueConnections, RedisCloser, redisProvider, REDIS } from './redis.provider';
import { SqlStatementCounter } from './sql-statement-counter';
import {
  DEFAULT_TRANSACTION_ATTEMPTS,
  TRANSACTION_ATTEMPTS,
  TransactionRunner,
} from './transaction';

export const SQL_STATEMENT_COUNTER = Symbol('SQL_STATEMENT_COUNTER');

/** The system of record (MySQL/MariaDB through TypeORM) and the Redis connection. */
@Global()
@Module({})
export class DatabaseModule {
  static forRoot(): DynamicModule {
    const counter = new SqlStatementCounter();
    return {
      module: DatabaseModule,
      imports: [
        TypeOrmModule.forRootAsync({
          inject: [APP_CONFIG],
          useFactory: (config: AppConfig) => {
            counter.logStatements = config.logLevel === 'trace';
            return {
              ...buildDataSourceOptions({
                url: config.database.url,
                poolSize: config.database.poolSize,
                logger: counter,
              }),
              autoLoadEntities: true,
              retryAttempts: 3,
              retryDelay: 1000,
            };
          },
        }),
        TypeOrmModule.forFeature([OutboxEventEntity]),
      ],
      providers: [
        TransactionRunner,
        { provide: TRANSACTION_ATTEMPTS, useValue: DEFAULT_TRANSACTION_ATTEMPTS },
        { provide: SQL_STATEMENT_COUNTER, useValue: counter },
        redisProvider,
        RedisCloser,
        QueueConnections,
      ],
      exports: [TransactionRunner, SQL_STATEMENT_COUNTER, REDIS, QueueConnections],
    };
  }
}
