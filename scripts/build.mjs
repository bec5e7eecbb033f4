#!/usr/bin/env node
// `npm run build` (also run by `npm ci` through `prepare`, and by `npm start` / `npm test` when anything is stale):
//   1. contract   contracts/src/*.yaml + sandbox-control.yaml → contracts/openapi.{yaml,json}, sandbox-control.json
//   2. validators the contract's ajv validators as plain JavaScript → contracts/generated/*.validators.js
//   3. types      TypeScript types generated from the contract → contracts/generated/types.d.ts
//   4. dist       tsc: src + fixtures → dist/ (JavaScript + .d.ts), plus the files the program reads at run time, the CLI
//                 as one bundled file and its code cache (build-bundle.mjs, warm-code-cache.mjs)
// Each step runs only when a hash of its inputs differs from the one recorded after its last run; the inputs' sizes and
// modification times are compared first, so an up-to-date build costs a few milliseconds without reading a source.
// `--force` rebuilds everything; `--no-dist` stops after step 3 (what tests need).
import { createHash } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const at = (...p) => join(root, ...p);

/** Files under a directory (recursively), or the file itself; missing paths are skipped. */
function files(path) {
  if (!existsSync(path)) return [];
  if (!statSync(path).isDirectory()) return [path];
  // Stamps are excluded: rewriting one (see ensureBuilt) must not make a later step look stale.
  return readdirSync(path, { withFileTypes: true }).filter((e) => !e.name.endsWith('.stamp')).flatMap((e) => files(join(path, e.name))).sort();
}

function hashOf(paths) {
  const h = createHash('sha1');
  for (const file of paths.flatMap((p) => files(at(p)))) h.update(relative(root, file)).update('\0').update(readFileSync(file)).update('\0');
  return h.digest('hex');
}

/**
 * The inputs' names, sizes and modification times, hashed: what `npm start` checks first. Reading every source to hash
 * it cost more than the rest of the check; the content hash is only computed when this differs (a touched file whose
 * content is unchanged then still rebuilds nothing).
 */
function statsOf(paths) {
  const h = createHash('sha1');
  for (const file of paths.flatMap((p) => files(at(p)))) {
    const s = statSync(file);
    h.update(`${relative(root, file)}\0${s.size}\0${s.mtimeMs}\0`);
  }
  return h.digest('hex');
}

function run(label, args) {
  const started = Date.now();
  const r = spawnSync(process.execPath, args, { cwd: root, stdio: ['ignore', 'inherit', 'inherit'] });
  if (r.status !== 0) throw new Error(`build step "${label}" failed (exit ${r.status})`);
  console.log(`build: ${label} done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

const tsx = () => join(dirname(require.resolve('tsx/package.json')), 'dist', 'cli.mjs');
const tsc = () => join(dirname(require.resolve('typescript/package.json')), 'bin', 'tsc');

const STEPS = [
  {
    name: 'contract',
    inputs: ['contracts/src', 'contracts/sandbox-control.yaml', 'scripts/build-contract.mjs'],
    outputs: ['contracts/openapi.json', 'contracts/openapi.yaml', 'contracts/sandbox-control.json'],
    stamp: 'contracts/generated/.contract.stamp',
    build: () => run('contract', [at('scripts/build-contract.mjs')]),
  },
  {
    name: 'validators',
    inputs: ['contracts/openapi.json', 'contracts/sandbox-control.json', 'contracts/events', 'scripts/build-validators.ts',
      'src/contracts/validator-plan.ts', 'src/contracts/operations.ts', 'src/contracts/event-schemas.ts'],
    outputs: ['contracts/generated/openapi.validators.js', 'contracts/generated/sandbox-control.validators.js', 'contracts/generated/events.validators.js'],
    stamp: 'contracts/generated/.validators.stamp',
    build: () => run('validators', [tsx(), at('scripts/build-validators.ts')]),
  },
  {
    name: 'types',
    inputs: ['contracts/openapi.json', 'contracts/sandbox-control.json', 'scripts/build-types.mjs', 'package-lock.json'],
    outputs: ['contracts/generated/types.d.ts', 'contracts/generated/control-types.d.ts', 'contracts/generated/types.js', 'contracts/generated/access.d.ts'],
    stamp: 'contracts/generated/.types.stamp',
    build: () => run('types', [at('scripts/build-types.mjs')]),
  },
  {
    name: 'dist',
    inputs: ['src', 'fixtures', 'contracts/openapi.json', 'contracts/openapi.yaml', 'contracts/sandbox-control.json', 'contracts/events',
      'contracts/generated', 'tsconfig.json', 'tsconfig.build.json', 'package.json', 'scripts/build.mjs', 'scripts/build-bundle.mjs', 'scripts/warm-code-cache.mjs'],
    outputs: ['dist/src/index.js', 'dist/src/cli/main.js'],
    stamp: 'dist/.stamp',
    build: () => {
      rmSync(at('dist'), { recursive: true, force: true });
      run('dist (tsc)', [tsc(), '-p', at('tsconfig.build.json')]);
      // What the compiled program reads or imports besides its own modules.
      cpSync(at('src/server/dashboard'), at('dist/src/server/dashboard'), { recursive: true, filter: (f) => !f.endsWith('.ts') });
      cpSync(at('contracts/openapi.yaml'), at('dist/contracts/openapi.yaml'));
      cpSync(at('contracts/generated'), at('dist/contracts/generated'), { recursive: true, filter: (f) => !f.endsWith('.stamp') });
      // The CLI as one file with its code cache, for start time only (build-bundle.mjs): if the bundler refuses a module,
      // the build goes on and `start` loads dist/ module by module (src/cli/bundle-loader.ts), as the warning says.
      try {
        run('bundle', [at('scripts/build-bundle.mjs')]);
        run('code cache', [at('scripts/warm-code-cache.mjs')]); // so a fresh clone's first `npm start` is fast too
      } catch (error) {
        console.warn(`build: warning: ${error.message}; \`start\` will load dist/ module by module (slower)`);
      }
    },
  },
];

/** Runs the stale steps (all of them with force); `dist: false` skips the compile to dist/. */
export function ensureBuilt({ dist = true, force = false } = {}) {
  let built = 0;
  for (const step of STEPS) {
    if (step.name === 'dist' && !dist) continue;
    const stampAt = at(step.stamp);
    // A stamp is two lines: the inputs' content hash, then their stat hash (see statsOf).
    const [recorded, recordedStats] = existsSync(stampAt) ? readFileSync(stampAt, 'utf8').split('\n') : [];
    const outputs = step.outputs.every((o) => existsSync(at(o)));
    const stats = statsOf(step.inputs);
    if (!force && outputs && recordedStats === stats) continue;
    if (!force && outputs && recorded === hashOf(step.inputs)) {
      writeFileSync(stampAt, `${recorded}\n${stats}`); // same content, new times: next time the stat check suffices
      continue;
    }
    step.build();
    built++;
    mkdirSync(dirname(stampAt), { recursive: true });
    // The contract step rewrites files other steps hash, so each stamp is taken after its own step.
    writeFileSync(stampAt, `${hashOf(step.inputs)}\n${statsOf(step.inputs)}`);
  }
  return built;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  try {
    const built = ensureBuilt({ dist: !process.argv.includes('--no-dist'), force: process.argv.includes('--force') });
    if (!built && !process.argv.includes('--quiet')) console.log('build: up to date');
  } catch (error) {
    console.error(`error: ${error.message}`);
    process.exit(1);
  }
}
