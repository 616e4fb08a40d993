export * from './booking.factory';
