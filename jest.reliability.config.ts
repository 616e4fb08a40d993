import type { Config } from 'jest';
import base from './jest.config';

/**
 * `npm run test:reliability`: contention, faults, bad input, authorization and scale-out, one
 * suite at a time (they load the machine on purpose), with a summary of what they counted.
 */
const config: Config = {
  ...base,
  testRegex: 'test/reliability/.*\\.rel-spec\\.ts$',
  globalSetup: '<rootDir>/test/reliability/support/global-setup.ts',
  reporters: ['default', '<rootDir>/test/reliability/support/summary-reporter.js'],
  testTimeout: 15 * 60_000,
  maxWorkers: 1,
};

export default config;
