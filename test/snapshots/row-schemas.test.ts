// contracts/snapshot-rows.json is generated from the row types (`npm run snapshot:build`): a table or field added to
// a row type without regenerating would make restore refuse the snapshots the sandbox itself writes.
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { buildSnapshotSchema } from '../../scripts/build-snapshot-schema.ts';

describe('snapshot row schemas', () => {
  test('are up to date with the row types', () => {
    // What `npm run snapshot:build -- --check` compares, in this process (no npx and tsx start). The TypeScript
    // checker runs over src/: slow on a busy machine, hence the long timeout.
    const stale = buildSnapshotSchema() !== readFileSync('contracts/snapshot-rows.json', 'utf8');
    expect(stale, 'contracts/snapshot-rows.json is stale: run `npm run snapshot:build`').toBe(false);
  }, 120_000);

});
