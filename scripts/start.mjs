#!/usr/bin/env node
// `npm start`: builds what is stale (a no-op after `npm ci`), then runs the compiled CLI in this same process, so the
// SIGINT/SIGTERM that npm forwards reach the server directly.
import { ensureBuilt } from './build.mjs';

try {
  ensureBuilt();
} catch (error) {
  console.error(`error: ${error.message}`);
  process.exit(1);
}
const { launchCli } = await import('../dist/src/cli/bundle-loader.js');
await launchCli();
