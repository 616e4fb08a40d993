export * from './app-context';
export * from './seeded-random';
export * from './seeded-random';
export * from './messages';
