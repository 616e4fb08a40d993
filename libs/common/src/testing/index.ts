export * from './app-context';
export * from './seeded-random';
