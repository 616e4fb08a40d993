export * from './domain-error';
export * from './time-zone';
export * from './logger.options';
export * from './graceful-shutdown';
export * from './grouping';
export * from './by-id';
export * from './metrics';
