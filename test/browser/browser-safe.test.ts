// The browser build stays honest: the code browser mode runs (domain, contracts, auth, simulations, the HTTP
// pipeline, the control API, and everything src/browser/index.ts reaches) uses no Node-only API. A Node import
// there would still bundle (Vite stubs it with a warning) and only break at run time in the page, so check the source.
import { describe, expect, test } from 'vitest';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';

/** Server-only code lives elsewhere (src/server, src/cli, src/contract-runner, src/index.ts with msw/node). */
const SHARED_DIRS = ['src/domain', 'src/contracts', 'src/auth', 'src/simulation', 'src/http', 'src/control', 'src/worlds'];
const BROWSER_ENTRY = 'src/browser/index.ts';

const NODE_BUILTINS = new Set(builtinModules);
const FORBIDDEN_PACKAGES = new Set(['msw/node', '@mswjs/http-middleware', 'express', 'yaml', 'tsx']);
/** Node globals with no browser counterpart. */
const NODE_GLOBALS: [RegExp, string][] = [
  [/\bprocess\s*\.\s*\w/, 'process'], [/\bBuffer\b/, 'Buffer'], [/\b__dirname\b/, '__dirname'], [/\b__filename\b/, '__filename'],
  [/\brequire\s*\(/, 'require()'], [/\bimport\.meta\.(?:dirname|filename)\b/, 'import.meta.dirname/filename'], [/\bsetImmediate\s*\(/, 'setImmediate'],
];

/** Comments may name these words ("process", "Buffer") freely: only code counts. */
const stripComments = (source: string) => source.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`\\])\/\/.*$/gm, '$1');

const specifiers = (code: string) =>
  [...code.matchAll(/(?:\bfrom\s*|\bimport\s*\(\s*|^\s*import\s+)['"]([^'"]+)['"]/gm)].map((m) => m[1]);

function problems(file: string): string[] {
  const code = stripComments(readFileSync(file, 'utf8'));
  const found: string[] = [];
  for (const spec of specifiers(code)) {
    if (spec.startsWith('node:') || NODE_BUILTINS.has(spec) || NODE_BUILTINS.has(spec.split('/')[0]!)) found.push(`${file}: imports ${spec}`);
    if (FORBIDDEN_PACKAGES.has(spec)) found.push(`${file}: imports the server-only package ${spec}`);
  }
  for (const [pattern, name] of NODE_GLOBALS) if (pattern.test(code)) found.push(`${file}: uses ${name}`);
  return found;
}

const tsFiles = (dir: string): string[] => readdirSync(dir).flatMap((name) => {
  const path = join(dir, name);
  return statSync(path).isDirectory() ? tsFiles(path) : path.endsWith('.ts') ? [path] : [];
});

/** Every source file the browser entry reaches through relative imports (what the bundle holds of this repository). */
function reachable(entry: string): string[] {
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    for (const spec of specifiers(stripComments(readFileSync(file, 'utf8')))) {
      if (spec.startsWith('.') && spec.endsWith('.ts')) visit(relative('.', resolve(dirname(file), spec)));
    }
  };
  visit(entry);
  return [...seen].sort();
}

describe('code that runs in the browser uses no Node-only API', () => {
  test('the scanner catches what it looks for', () => {
    const sample = "import { readFileSync } from 'node:fs';\nimport crypto from 'crypto';\nconst x = import('fs/promises');\n"
      + "// process.env in a comment is fine\nconst b = Buffer.from('a'); const e = process.env.X;\nimport { setupServer } from 'msw/node';\n";
    const found = (() => {
      const code = stripComments(sample);
      return [...specifiers(code), ...NODE_GLOBALS.filter(([p]) => p.test(code)).map(([, n]) => n)];
    })();
    expect(found).toEqual(['node:fs', 'crypto', 'fs/promises', 'msw/node', 'process', 'Buffer']);
  });

  test.each(SHARED_DIRS)('%s', (dir) => {
    const files = tsFiles(dir);
    expect(files.length).toBeGreaterThan(0);
    expect(files.flatMap(problems)).toEqual([]);
  });

  test('every file src/browser/index.ts reaches, within and beyond those folders', () => {
    const files = reachable(BROWSER_ENTRY);
    // The graph really is the sandbox: the pipeline, the store, the simulations and the fixtures.
    for (const f of ['src/sandbox.ts', 'src/http/msw-handlers.ts', 'src/http/pipeline.ts', 'src/kernel/world.ts', 'src/simulation/mpesa.ts', 'fixtures/default-world.ts']) {
      expect(files).toContain(f);
    }
    expect(files.length).toBeGreaterThan(50);
    expect(files.flatMap(problems)).toEqual([]);
  });
});
