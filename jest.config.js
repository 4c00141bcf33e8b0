/** One jest run: the pure domain, test helpers, API unit specs, API e2e and journeys through HTTP. */
const tsJest = [
  'ts-jest',
  { tsconfig: '<rootDir>/apps/api/tsconfig.spec.json', diagnostics: false },
];
const shared = {
  rootDir: __dirname,
  testEnvironment: 'node',
  transform: { '^.+\\.tsx?$': tsJest },
  moduleNameMapper: {
    '^@settle/domain$': '<rootDir>/libs/domain/src',
    '^@settle/testing$': '<rootDir>/libs/testing/src',
  },
};

module.exports = {
  testTimeout: 30000,
  projects: [
    { ...shared, displayName: 'domain', testMatch: ['<rootDir>/libs/domain/src/**/*.spec.ts'] },
    { ...shared, displayName: 'testing', testMatch: ['<rootDir>/libs/testing/src/**/*.spec.ts'] },
    { ...shared, displayName: 'api-unit', testMatch: ['<rootDir>/apps/api/src/**/*.spec.ts'] },
    {
      ...shared,
      displayName: 'api-e2e',
      testMatch: ['<rootDir>/apps/api/test/e2e/**/*.e2e-spec.ts'],
      setupFilesAfterEnv: ['<rootDir>/apps/api/test/utils/contract-setup.ts'],
      globalSetup: '<rootDir>/apps/api/test/infra/global-setup.mjs',
      globalTeardown: '<rootDir>/apps/api/test/infra/global-teardown.mjs',
    },
    {
      // Real Settle processes (the built API) killed mid-work; npm test builds before it runs.
      ...shared,
      displayName: 'faults',
      testMatch: ['<rootDir>/apps/api/test/faults/**/*.fault-spec.ts'],
      globalSetup: '<rootDir>/apps/api/test/infra/global-setup.mjs',
      globalTeardown: '<rootDir>/apps/api/test/infra/global-teardown.mjs',
    },
    {
      ...shared,
      displayName: 'journeys',
      testMatch: ['<rootDir>/apps/api/test/journeys/**/*.journey-spec.ts'],
      setupFilesAfterEnv: ['<rootDir>/apps/api/test/utils/contract-setup.ts'],
      globalSetup: '<rootDir>/apps/api/test/infra/global-setup.mjs',
      globalTeardown: '<rootDir>/apps/api/test/infra/global-teardown.mjs',
    },
  ],
};
