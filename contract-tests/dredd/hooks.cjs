// dredd 14.1.0 hooks for the CoinPool contract (run by `npm run contract:dredd`, which starts the sandbox and writes
// the plan this file reads from COINPOOL_DREDD_PLAN). What they do:
//  - beforeAll: log in the sandbox's published users (one token per role);
//  - before each transaction: skip it, with the reason, when the sandbox does not implement the operation, when
//    verify could not reach its success path either, or when a required input has no documented example and no
//    earlier transaction created one; otherwise rewrite the request (ids chained from earlier answers, fresh
//    unique fields, a token of an allowed role) and inject the real response schema from contracts/openapi.json,
//    because dredd alone only checks that the example's keys are present for OpenAPI 3;
//  - before validation: strip `; charset=utf-8` from the content type (dredd compares it exactly);
//  - after each transaction: learn the ids the answer returned.
// The request planning is the TypeScript of src/contract-runner (the same code verify runs), loaded through tsx.
const hooks = require('hooks');
const { readFileSync } = require('node:fs');
require('tsx/cjs');
const { DreddChain } = require('../../src/contract-runner/dredd/chain.ts');

const plan = JSON.parse(readFileSync(process.env.COINPOOL_DREDD_PLAN, 'utf8'));
const chain = new DreddChain(plan);
const skipped = [];
/** Set when the published users could not log in: every transaction then fails with it (skipping them all would
 *  let dredd exit 0 without having checked anything). */
let openError = null;
/** The transactions dredd's --only keeps (these hooks run in dredd's own process). */
const only = process.argv.flatMap((a, i, all) => (a === '--only' ? [all[i + 1]] : a.startsWith('--only=') ? [a.slice(7)] : []));

hooks.beforeAll((transactions, done) => {
  chain.open().then(() => done(), (error) => { openError = error; hooks.log(`login failed: ${error.message}`); done(); });
});

hooks.beforeEach((t) => {
  // The dredd view names each operation by its operationId (see src/contract-runner/dredd/view.ts).
  const operationId = t.origin.actionName;
  if (openError) {
    // dredd applies --only after the before hooks, and a failure set here would win over it: honour it ourselves.
    if (!only.length || only.includes(t.name)) t.fail = `dredd hooks could not log in: ${openError.message}`;
    return;
  }
  const prepared = chain.prepare(operationId, t.expected.statusCode);
  if (prepared.skip) {
    t.skip = true;
    skipped.push(`${operationId}: ${prepared.skip}`);
    return;
  }
  t.request.method = prepared.method;
  t.request.uri = prepared.path;
  t.fullPath = prepared.path;
  t.request.headers = prepared.headers;
  t.request.body = prepared.body ?? '';
  if (prepared.bodySchema) {
    t.expected.bodySchema = prepared.bodySchema;
    delete t.expected.body; // the schema, not the example's keys, is what the answer must meet
  }
});

hooks.beforeEachValidation((t) => {
  const h = t.real.headers;
  if (h['content-type']) h['content-type'] = h['content-type'].replace(/;\s*charset=utf-8/i, '');
});

hooks.afterEach((t, done) => {
  if (t.skip || !t.real) { done(); return; }
  chain.learn(t.origin.actionName, t.real.statusCode, t.real.body).then(() => done(), (error) => { hooks.log(`learn: ${error.message}`); done(); });
});

hooks.afterAll((transactions, done) => {
  if (skipped.length) console.log(`skipped with a reason (${skipped.length}):\n${skipped.map((s) => `  skip: ${s}`).join('\n')}`);
  done();
});
