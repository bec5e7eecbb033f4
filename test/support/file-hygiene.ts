// Runs before every test file (vitest setupFiles). The files share one worker process (isolate: false in
// vitest.config.ts), so what one file changes on globals must not reach the next: spies on console, Date and the
// like are restored when the file ends, and so is process.exitCode.
import { afterAll, vi } from 'vitest';

const exitCode = process.exitCode;
afterAll(() => {
  vi.restoreAllMocks();
  vi.useRealTimers();
  process.exitCode = exitCode;
});
