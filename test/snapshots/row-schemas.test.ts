// contracts/snapshot-rows.json is generated from the row types (`npm run snapshot:build`): a table or field added to
// a row type without regenerating would make restore refuse the snapshots the sandbox itself writes.
import { execFileSync } from 'node:child_process';
import { describe, expect, test } from 'vitest';

describe('snapshot row schemas', () => {
  test('are up to date with the row types', () => {
    // The TypeScript checker runs over src/: slow on a busy machine, hence the long timeout.
    const out = execFileSync('npx', ['tsx', 'scripts/build-snapshot-schema.ts', '--check'], { stdio: 'pipe' }).toString();
    expect(out).toContain('up to date');
  }, 120_000);

});
