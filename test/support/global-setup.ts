// vitest globalSetup: the tests import src/, which imports the build's generated validators; (re)build them when the
// contract changed since the last build (a no-op when up to date), so `npx vitest run <file>` is always current.
import { ensureBuilt } from '../../scripts/build.mjs';

export default function setup(): void {
  ensureBuilt({ dist: false });
}
