#!/usr/bin/env node
// `npm test`: build what is stale, type-check, then every vitest suite, then one plain "N passed, N failed" line
// that CI reads.
import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { ensureBuilt } from './build.mjs';

const run = (cmd, args) => spawnSync(cmd, args, { stdio: 'inherit' }).status ?? 1;

// The CLI and package tests run the compiled build; the rest import src/ and the generated validators.
let buildFailed = false;
try { ensureBuilt(); } catch (error) { console.error(`error: ${error.message}`); buildFailed = true; }
const typecheck = run('npx', ['tsc', '--noEmit']);
const report = '.vitest.json';
rmSync(report, { force: true });
const vitest = run('npx', ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`, ...process.argv.slice(2)]);
let passed = 0;
let failed = 0;
try {
  const r = JSON.parse(readFileSync(report, 'utf8'));
  passed = r.numPassedTests;
  // A suite that fails to load has no test results: count it as one failure.
  failed = r.numFailedTests + (r.testResults ?? []).filter((f) => f.status === 'failed' && !(f.assertionResults ?? []).length).length;
} catch {
  failed += 1; // vitest produced no report: count the run itself as a failure
}
if (typecheck !== 0) { failed += 1; console.log('typecheck failed'); }
if (buildFailed) { failed += 1; console.log('build failed'); }
console.log(`${passed} passed, ${failed} failed`);
process.exit(!buildFailed && typecheck === 0 && vitest === 0 && failed === 0 ? 0 : 1);
