export * from './bounded-label';
export * from './metrics-endpoint';
export * from './metrics-server';
export * from './metrics.module';
