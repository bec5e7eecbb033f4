// Runs before every test file (vitest setupFiles). The files share one worker process (isolate: false in
// vitest.config.ts), so what one file changes on globals must not reach the next: spies on console, Date and the
// like, stubbed globals and environment variables, fake timers and process.exitCode are put back when the file ends.
import { afterAll, vi } from 'vitest';

const exitCode = process.exitCode;
afterAll(() => {
  vi.restoreAllMocks();
  vi.unstubAllGlobals();
  vi.unstubAllEnvs();
  vi.useRealTimers();
  process.exitCode = exitCode;
});
