export * from './venue.factory';
