import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 20_000,
    hookTimeout: 20_000,
    pool: 'forks',
    // vitest's default on 2 cores is one worker (cores - 1): the files would run one after another, while many of
    // them mostly wait (servers, child processes, the browser). No test uses a fixed port.
    maxWorkers: 2,
    // Test files share their worker's module cache: src/ (about 1.5 s to import) is loaded once per worker instead of
    // once per file, which was most of `npm test`'s time. Every file still gets its own sandboxes and servers and
    // closes them; test/support/file-hygiene.ts undoes what a file may leave behind in the shared process.
    isolate: false,
    setupFiles: ['test/support/file-hygiene.ts'],
    server: {
      deps: {
        // Plain JavaScript that Node loads faster itself than through vite's transform: the build's generated
        // validators (4 MB) and the compiled package (which a partner's vitest would not transform either).
        external: [/\/contracts\/generated\//, /\/dist\//],
      },
    },
    // Builds the contract's validators when the contract changed since the last build (a no-op otherwise).
    globalSetup: ['test/support/global-setup.ts'],
  },
});
