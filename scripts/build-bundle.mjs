// Build step (part of `dist`, see build.mjs): the compiled CLI and everything it imports as ONE CommonJS file,
// dist/src/cli/main.bundle.cjs, that src/cli/bundle-loader.ts runs with a V8 code cache. Why: a cold `coinpool-sandbox
// start` spent most of its time loading ~450 modules (resolving, reading, parsing 5 MB of precompiled validators),
// and Node 20 has no compile cache for ES modules (module.enableCompileCache is Node 22+). One file is one read, and a
// code cache of one script skips its parsing entirely. dist/src/**/*.js stays as it is: the library entry points, and
// the fallback when the bundle is missing.
//
// Modules locate files next to themselves with import.meta.url (the dashboard's assets, openapi.yaml, package.json).
// In the bundle each such use becomes the URL its own compiled file has in dist/, computed from the bundle's location,
// so the paths stay right wherever the package is installed. Dependencies' import.meta.url is refused (none use it
// today): their location relative to dist/ is not known at build time.
import { build } from 'esbuild';
import { readFile } from 'node:fs/promises';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
export const BUNDLE = 'dist/src/cli/main.bundle.cjs';
const outDir = join(root, dirname(BUNDLE));

const importMetaUrl = {
  name: 'import-meta-url',
  setup(b) {
    b.onLoad({ filter: /\.[cm]?js$/ }, async (args) => {
      const text = await readFile(args.path, 'utf8');
      if (!text.includes('import.meta')) return undefined;
      const rel = relative(root, args.path);
      if (!rel.startsWith(`dist${sep}`)) throw new Error(`bundle: ${rel} uses import.meta; it cannot be bundled`);
      const own = JSON.stringify(relative(outDir, args.path).split(sep).join('/'));
      return { contents: text.replaceAll('import.meta.url', `__moduleUrl(${own})`).replaceAll('import.meta.dirname', `__moduleDir(${own})`), loader: 'js' };
    });
  },
};

// Defined once at the top of the bundle: the URL / directory of a compiled module, relative to the bundle.
const BANNER = [
  'const __moduleUrl = (p) => require("node:url").pathToFileURL(require("node:path").join(__dirname, p)).href;',
  'const __moduleDir = (p) => require("node:path").dirname(require("node:path").join(__dirname, p));',
].join('\n');

export async function buildBundle() {
  const result = await build({
    absWorkingDir: root,
    entryPoints: ['dist/src/cli/main.js'],
    outfile: BUNDLE,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    // Whitespace only: names stay readable in stack traces (DEBUG=1), and the text to hash and cache is smaller.
    minifyWhitespace: true,
    banner: { js: BANNER },
    plugins: [importMetaUrl],
    logLevel: 'error',
  });
  if (result.errors.length) throw new Error(`bundle: ${result.errors.map((e) => e.text).join('; ')}`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await buildBundle();
