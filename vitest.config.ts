import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 20_000,
    hookTimeout: 20_000,
    pool: 'forks',
    // vitest's default on 2 cores is one worker (cores - 1): the files would run one after another, while many of
    // them mostly wait (servers, child processes, the browser). Each file still gets its own fork; no test uses a
    // fixed port.
    maxWorkers: 2,
    // Builds the contract's validators when the contract changed since the last build (a no-op otherwise).
    globalSetup: ['test/support/global-setup.ts'],
  },
});
