#!/usr/bin/env node
// The installed command: the compiled CLI, run in this process (signals reach the server; no loader, no transpiling).
// `start` runs as one bundled file with a code cache (dist/src/cli/bundle-loader.js says why).
import { launchCli } from '../dist/src/cli/bundle-loader.js';

await launchCli();
