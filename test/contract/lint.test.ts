// The contract passes two independent OpenAPI linters, Redocly CLI and Spectral (pinned dev dependencies), with 0
// errors; the warnings that remain are exactly those listed, each with its reason, in contracts/lint/accepted-warnings.md.
import { describe, expect, test } from 'vitest';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

const CONTRACT = 'contracts/openapi.yaml';

/** Runs a linter's JSON output mode; both exit non-zero on errors, and the JSON still says which. */
function run(bin: string, args: string[]): string {
  try {
    return execFileSync(`node_modules/.bin/${bin}`, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 64 * 1024 * 1024 });
  } catch (error) {
    const out = (error as { stdout?: string }).stdout;
    if (out) return out;
    throw error;
  }
}

const pointer = (path: (string | number)[]) => `#/${path.map((k) => String(k).replace(/~/g, '~0').replace(/\//g, '~1')).join('/')}`;

/** "tool rule location" rows of the accepted list. */
function accepted(): string[] {
  const text = readFileSync('contracts/lint/accepted-warnings.md', 'utf8');
  return [...text.matchAll(/^\| (redocly|spectral) \| ([a-z0-9.-]+) \| `([^`]+)` \|$/gm)].map((m) => `${m[1]} ${m[2]} ${m[3]}`).sort();
}

describe('contract lint', () => {
  test('Redocly (recommended rules) and Spectral (spectral:oas): 0 errors, and only the accepted warnings', () => {
    const redocly = JSON.parse(run('redocly', ['lint', CONTRACT, '--config', 'contracts/lint/redocly.yaml', '--format=json', '--max-problems', '5000'])) as {
      problems: { ruleId: string; severity: string; message: string; location: { pointer: string }[] }[];
    };
    const spectral = JSON.parse(run('spectral', ['lint', CONTRACT, '-r', 'contracts/lint/spectral.yaml', '-f', 'json', '--quiet'])) as {
      code: string; severity: number; message: string; path: (string | number)[];
    }[];
    const errors = [
      ...redocly.problems.filter((p) => p.severity === 'error').map((p) => `redocly ${p.ruleId} ${p.location[0]?.pointer}: ${p.message}`),
      ...spectral.filter((p) => p.severity === 0).map((p) => `spectral ${p.code} ${pointer(p.path)}: ${p.message}`),
    ];
    expect(errors).toEqual([]);
    const warnings = [
      ...redocly.problems.map((p) => `redocly ${p.ruleId} ${p.location[0]?.pointer}`),
      ...spectral.map((p) => `spectral ${p.code} ${pointer(p.path)}`),
    ].sort();
    expect(warnings).toEqual(accepted());
  }, 120_000);

  test('the control API\'s contract (contracts/sandbox-control.yaml) has 0 Redocly errors too', () => {
    const redocly = JSON.parse(run('redocly', ['lint', 'contracts/sandbox-control.yaml', '--config', 'contracts/lint/redocly.yaml', '--format=json', '--max-problems', '5000'])) as {
      problems: { ruleId: string; severity: string; message: string; location: { pointer: string }[] }[];
    };
    expect(redocly.problems.filter((p) => p.severity === 'error').map((p) => `${p.ruleId} ${p.location[0]?.pointer}: ${p.message}`)).toEqual([]);
  }, 120_000);

  test.each(['contracts/openapi.json', 'contracts/sandbox-control.json'])('%s has no junk keys left by an unquoted comma in a flow mapping', (file) => {
    const doc = JSON.parse(readFileSync(file, 'utf8'));
    const nullKeys: string[] = [];
    const walk = (node: unknown, path: string) => {
      if (!node || typeof node !== 'object') return;
      for (const [k, v] of Object.entries(node)) {
        // A schema's properties map holds schemas, never null: a null there is the tail of a cut description.
        if (v === null && /\/properties$/.test(path)) nullKeys.push(`${path}/${k}`);
        walk(v, `${path}/${k}`);
      }
    };
    walk(doc.components, '#/components');
    expect(nullKeys).toEqual([]);
    if (file === 'contracts/openapi.json') expect(doc.components.schemas.MultisigWalletSpec.properties.multisig_type.description).toBe('gnosis_safe on ethereum, tron_native on tron.');
  });
});
