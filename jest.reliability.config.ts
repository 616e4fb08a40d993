import type { Config } from 'jest';
import base from './jest.config';

/**
 * `npm run test:reliability`: contention, faults, bad input, authorization and scale-out, one
 * suite at a time (they load the machine on purpose), with a summary of what they counted.
 */
const config: Config = {
  ...base,
  // The abuse limits' e2e suites (rate limits, login backoff, depth, cost and alias limits, the
  // same over WebSocket) run here too, so the reliability run covers them.
  testRegex: [
    'test/reliability/.*\\.rel-spec\\.ts$',
    'test/(rate-limits|graphql-limits|websocket-limits)\\.e2e-spec\\.ts$',
  ],
  globalSetup: '<rootDir>/test/reliability/support/global-setup.ts',
  reporters: ['default', '<rootDir>/test/reliability/support/summary-reporter.js'],
  testTimeout: 15 * 60_000,
  maxWorkers: 1,
};

export default config;
