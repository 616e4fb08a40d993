export * from './app-config';
export * from './config.module';
export { DEVELOPMENT_JWT_SECRET } from './config.schema';
export type { LogLevel } from './config.schema';
export * from './reminder-plan';
