// Prefer: code=N on every documented status of every operation: the answer has that status and passes the strict
// response validator (no 500, no response violation), and the store is untouched.
import { describe, expect, test } from 'vitest';
import { Sandbox } from '../../src/sandbox.ts';
import { DEFAULT_START } from '../../fixtures/default-world.ts';

describe('Prefer: code= across the contract', () => {
  test('every documented status of every operation is forced and valid', async () => {
    const sandbox = new Sandbox({ start: new Date(DEFAULT_START), frozen: true, strict: true });
    const version = sandbox.world.journal.version;
    let forced = 0;
    for (const op of sandbox.contract.operations) {
      const path = op.path.replace(/\{[^}]+\}/g, '00000000-0000-4000-8000-000000000000');
      for (const code of Object.keys(op.responses)) {
        const r = await sandbox.handle(new Request(`http://sandbox.local${path}`, { method: op.method, headers: { prefer: `code=${code}` } }));
        expect(r.status, `${op.operationId} ${code}: ${await r.clone().text()}`).toBe(Number(code));
        forced++;
      }
    }
    expect(forced).toBeGreaterThan(500);
    expect(sandbox.log.violations()).toEqual([]);
    expect(sandbox.world.journal.version).toBe(version);
  });
});
