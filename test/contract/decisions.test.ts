// Rules beyond the docs are marked in the contract (`x-sandbox-decision` on the API, an operation or a schema, with
// the rule's text) and GET /__sandbox/decisions lists them, read from the contract the sandbox runs.
import { describe, expect, test } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import YAML from 'yaml';
import { Sandbox } from '../../src/sandbox.ts';
import { decisionsIn } from '../../scripts/sandbox-decisions.mjs';

const sandbox = new Sandbox({ start: new Date('2026-11-22T09:00:00Z'), frozen: true });
const get = async (path: string) => {
  const res = await sandbox.handle(new Request(`http://sandbox.test${path}`));
  return { status: res.status, body: await res.json() as any };
};

describe('sandbox decisions', () => {
  test('GET /__sandbox/decisions lists each marked rule with where it applies', async () => {
    const r = await get('/__sandbox/decisions');
    expect(r.status).toBe(200);
    expect(r.body.count).toBe(r.body.decisions.length);
    expect(r.body.decisions).toContainEqual({
      pointer: '#/paths/~1api~1v1~1auth~1offers/post', kind: 'operation', operation_id: 'createOffer', method: 'POST', path: '/api/v1/auth/offers',
      schema: null, rule: 'Not documented; the sandbox refuses `min_order` > `max_order` or `max_order` > the offer size with 422.' });
    expect(r.body.decisions).toContainEqual(expect.objectContaining({ kind: 'api', rule: expect.stringContaining('refuses a non-empty request body') }));
    expect(r.body.decisions).toContainEqual(expect.objectContaining({ kind: 'schema', schema: 'PhoneEitherForm' }));
    // Each pointer names the node that carries the rule in the served contract.
    const doc = JSON.parse(readFileSync('contracts/openapi.json', 'utf8'));
    for (const d of r.body.decisions) {
      let node: any = doc;
      for (const key of d.pointer.slice(2).split('/')) node = node[key.replace(/~1/g, '/').replace(/~0/g, '~')];
      expect(node['x-sandbox-decision'], d.pointer).toContain(d.rule);
    }
  });

  test('every "Not documented; the sandbox ..." sentence of the contract fragments is marked and listed', async () => {
    const sentences: string[] = [];
    const walk = (node: unknown) => {
      if (!node || typeof node !== 'object') return;
      for (const [k, v] of Object.entries(node)) {
        if (k === 'description') sentences.push(...decisionsIn(v));
        else walk(v);
      }
    };
    for (const file of readdirSync('contracts/src')) walk(YAML.parse(readFileSync(`contracts/src/${file}`, 'utf8')));
    expect(sentences.length).toBeGreaterThan(200);
    const listed = (await get('/__sandbox/decisions')).body.decisions.map((d: any) => d.rule);
    expect([...listed].sort()).toEqual([...sentences].sort());
  });
});
