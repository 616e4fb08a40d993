export * from './data-source.options';
export * from './database.module';
export * from './ids';
export * from './migration-runner';
export * from './pagination';
export * from './redis.provider';
export * from './sql-statement-counter';
export * from './transaction';
