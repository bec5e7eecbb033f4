#!/usr/bin/env node
// `npm test`: build what is stale, then the type-check and every vitest suite side by side, then one plain
// "N passed, N failed" line that CI reads.
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { setPriority } from 'node:os';
import { dirname, join } from 'node:path';
import { ensureBuilt } from './build.mjs';

/** Starts a command; `done` resolves at its end. `capture` keeps its output for later instead of printing it. */
function start(cmd, args, { capture = false } = {}) {
  const child = spawn(cmd, args, { stdio: capture ? ['ignore', 'pipe', 'pipe'] : 'inherit' });
  let output = '';
  if (capture) { child.stdout.on('data', (d) => { output += d; }); child.stderr.on('data', (d) => { output += d; }); }
  const done = new Promise((resolve) => {
    child.on('error', (error) => { output += `${error.message}\n`; resolve({ status: 1, output }); });
    child.on('close', (status) => resolve({ status: status ?? 1, output }));
  });
  return { child, done };
}

// The CLI and package tests run the compiled build; the rest import src/ and the generated validators.
let buildFailed = false;
try { ensureBuilt(); } catch (error) { console.error(`error: ${error.message}`); buildFailed = true; }

// tsc alongside vitest (it is single-threaded and vitest's workers often wait on servers, child processes and the
// browser), at a lower priority so the tests come first; incremental, with its state kept in node_modules/.cache,
// so a run after a small change re-checks only what the change affects.
const tsc = join(dirname(createRequire(import.meta.url).resolve('typescript/package.json')), 'bin', 'tsc');
const tsBuildInfo = 'node_modules/.cache/coinpool-sandbox/typecheck.tsbuildinfo';
mkdirSync(dirname(tsBuildInfo), { recursive: true });
const typecheckRun = start(process.execPath, [tsc, '--noEmit', '--incremental', '--tsBuildInfoFile', tsBuildInfo], { capture: true });
try { setPriority(typecheckRun.child.pid, 10); } catch { /* not permitted here: same priority then */ }

const report = '.vitest.json';
rmSync(report, { force: true });
const vitest = (await start('npx', ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`, ...process.argv.slice(2)]).done).status;
const typecheck = await typecheckRun.done;
process.stdout.write(typecheck.output);

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
if (typecheck.status !== 0) { failed += 1; console.log('typecheck failed'); }
if (buildFailed) { failed += 1; console.log('build failed'); }
console.log(`${passed} passed, ${failed} failed`);
process.exit(!buildFailed && typecheck.status === 0 && vitest === 0 && failed === 0 ? 0 : 1);
