#!/usr/bin/env node
// The installed command: the compiled CLI, run in this process (signals reach the server; no loader, no transpiling).
import '../dist/src/cli/main.js';
