export * from './user.factory';
