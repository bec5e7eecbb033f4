// `verify` against a sandbox plays in a world of its own, deleted afterwards, and the default world's snapshot is
// byte-for-byte what it was; --no-world (world: false) verifies the default world as before; a URL that already
// names a world is verified in that world.
import { expect, test } from 'vitest';
import { useServer } from '../support/server.ts';
import { verify } from '../../src/contract-runner/verify.ts';

const ctx = useServer();
const snapshot = async () => JSON.stringify((await ctx.api.call('GET', '/__sandbox/snapshot')).body);
const worldIds = async () => (await ctx.api.call('GET', '/__sandbox/worlds')).body.worlds.map((w: any) => w.id);
const only = ['getOffersByType', 'createOffer'];

test('by default verify creates its own world, leaves the default world identical and deletes its world', async () => {
  const before = await snapshot();
  const seen: string[] = [];
  const report = await verify({ baseUrl: ctx.server.url, only, onWorld: (w) => seen.push(w.id) });
  expect(report.summary.failed).toBe(0);
  expect(report.summary.passed).toBeGreaterThan(0);
  expect(seen).toHaveLength(1);
  expect(report.target).toBe(`${ctx.server.url}/worlds/${seen[0]}`);
  expect(await snapshot()).toBe(before);
  expect(await worldIds()).toEqual(['default']);
});

test('keepWorld leaves it for inspection; a world URL is verified in that world', async () => {
  let kept = '';
  await verify({ baseUrl: ctx.server.url, only, keepWorld: true, onWorld: (w) => { kept = w.base_url; } });
  const id = kept.split('/').pop()!;
  expect(await worldIds()).toEqual(['default', id]);
  const before = await snapshot();
  const again = await verify({ baseUrl: kept, only, onWorld: () => { throw new Error('no new world for a world URL'); } });
  expect(again.target).toBe(kept);
  expect(await snapshot()).toBe(before);
  expect(await worldIds()).toEqual(['default', id]);
});

test('world: false verifies the default world itself, as before worlds existed', async () => {
  const before = await snapshot();
  const report = await verify({ baseUrl: ctx.server.url, only, world: false });
  expect(report.target).toBe(ctx.server.url);
  expect(await snapshot()).not.toBe(before); // it registered users and created an offer there
});
