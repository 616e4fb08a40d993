export * from './staff.factory';
