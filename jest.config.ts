import type { Config } from 'jest';

const moduleNameMapper = {
  '^@app/(config|database|auth|venues|common|bookings|staffing|notifications|reports)(|/.*)$':
    '<rootDir>/libs/$1/src$2',
};

/**
 * Unit specs beside the code, service-level (medium) suites in test/medium/ and e2e suites in
 * test/, all against real MariaDB and Redis.
 */
const config: Config = {
  rootDir: '.',
  moduleFileExtensions: ['ts', 'js', 'json'],
  testRegex: '.*\\.(spec|medium-spec|e2e-spec)\\.ts$',
  testPathIgnorePatterns: ['/node_modules/', '/dist/'],
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.jest.json' }] },
  moduleNameMapper,
  testEnvironment: 'node',
  globalSetup: '<rootDir>/test/support/global-setup.ts',
  testTimeout: 60_000,
  // Three on two cores: most suites wait on MariaDB, Redis or a worker much of the time.
  maxWorkers: 3,
};

export default config;
