// The primitives the register and login paths were made cheaper with (issue 19) give the same results as the plain
// versions they replaced: base64url as Node's Buffer encodes it, the clock's
// formatted seconds as toISOString prints them, ordered index buckets drained from either end and keyed index buckets
// (with rollback) as a sorted array / a filtered table would list them, and insertion-order buckets that lose their
// last row.
import { describe, expect, test } from 'vitest';
import { bytesToHex } from '@noble/hashes/utils.js';
import { keccak_256 } from '@noble/hashes/sha3.js';
import { toChecksumAddress } from '../../src/kernel/addresses.ts';
import { base64url, freshBase64url } from '../../src/auth/token-randomness.ts';
import { Clock } from '../../src/kernel/clock.ts';
import { defineIndex, defineKeyedIndex, TableIndex } from '../../src/kernel/table-index.ts';
import { Journal, Table } from '../../src/kernel/store.ts';

/** A small seeded generator, so a failure replays. */
function lcg(seed: number) {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
}

describe('base64url', () => {
  test('base64url of every length 0..100 and of a slice is Buffer\'s base64url; fresh tokens have the length of their bytes', () => {
    const next = lcg(11);
    for (let n = 0; n <= 100; n++) {
      const bytes = Uint8Array.from({ length: n }, () => Math.floor(next() * 256));
      expect(base64url(bytes)).toBe(Buffer.from(bytes).toString('base64url'));
    }
    const bytes = Uint8Array.from({ length: 30 }, (_, i) => i * 7);
    expect(base64url(bytes, 5, 17)).toBe(Buffer.from(bytes.subarray(5, 17)).toString('base64url'));
    const tokens = new Set(Array.from({ length: 200 }, () => freshBase64url(64)));
    expect(tokens.size).toBe(200);
    for (const t of tokens) expect(t).toMatch(/^[A-Za-z0-9_-]{86}$/);
  });
});

describe('clock text', () => {
  test('seconds asked for in turn (now, +900 s, +7 d, and more than the clock keeps) format as toISOString does', () => {
    const clock = new Clock(new Date('2026-11-22T09:00:00Z'), true);
    const base = clock.nowMs();
    const offsets = [0, 900_000, 604_800_000, 1_500, 0, 86_400_000, 999, 1_000, 604_800_000, 900_000, -1, 0, 31_536_000_000];
    for (let round = 0; round < 3; round++) for (const offset of offsets) {
      const ms = base + offset;
      expect(clock.iso(ms)).toBe(new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z'));
    }
    expect(clock.iso()).toBe('2026-11-22T09:00:00Z');
    clock.advance(61);
    expect(clock.iso()).toBe('2026-11-22T09:01:01Z');
  });

  test('a time out of range throws each time and caches nothing', () => {
    const clock = new Clock(new Date('2026-11-22T09:00:00Z'), true);
    expect(() => clock.iso(8.64e15 + 1000)).toThrow(RangeError);
    expect(() => clock.iso(8.64e15 + 1000)).toThrow(RangeError);
    expect(clock.iso()).toBe('2026-11-22T09:00:00Z');
  });
});

interface R { id: string; n: number; owner: string }
const byN = (a: R, b: R) => a.n - b.n;

describe('index buckets', () => {
  test('an ordered bucket filled in random places and drained from both ends lists what a sorted array lists', () => {
    const next = lcg(3);
    const index = new TableIndex(defineIndex<R>('by n', () => ['all'], byN), []);
    const model: R[] = [];
    const sorted = () => [...model].sort((a, b) => a.n - b.n || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    let id = 0;
    for (let step = 0; step < 3000; step++) {
      const r = next();
      if (r < 0.55 || model.length < 2) {
        const row = { id: `r${String(id++).padStart(5, '0')}`, n: Math.floor(next() * 50), owner: 'x' };
        index.change(undefined, row);
        model.push(row);
      } else {
        const s = sorted();
        const victim = r < 0.8 ? s[0] : r < 0.95 ? s[s.length - 1] : s[Math.floor(next() * s.length)];
        index.change(victim, undefined);
        model.splice(model.indexOf(victim), 1);
      }
      if (step % 97 === 0) expect([...index.rows('all')]).toEqual(sorted());
    }
    // rows that arrive in order sit in one half; draining them from the other end must still list them in order
    for (const [direction, drainFirst] of [[1, true], [-1, false]] as const) {
      for (let k = 0; k < 200; k++) {
        const row = { id: `s${String(id++).padStart(5, '0')}`, n: 100 + direction * k, owner: 'x' };
        index.change(undefined, row);
        model.push(row);
      }
      for (let k = 0; k < 150; k++) {
        const s = sorted();
        const victim = drainFirst ? s[0] : s[s.length - 1];
        index.change(victim, undefined);
        model.splice(model.indexOf(victim), 1);
        if (k % 7 === 0) {
          const row = { id: `t${String(id++).padStart(5, '0')}`, n: Math.floor(next() * 300) - 100, owner: 'x' };
          index.change(undefined, row);
          model.push(row);
        }
        if (k % 10 === 0) expect([...index.rows('all')]).toEqual(sorted());
      }
    }
    const s = sorted();
    expect([...index.rows('all')]).toEqual(s);
    expect(index.first('all')).toEqual(s[0]);
    expect(index.rows('all').at(-1)).toEqual(s.at(-1));
    expect(index.rows('all').slice(10, 20)).toEqual(s.slice(10, 20));
  });

  test('an insertion-order index forgets a row deleted or rolled back while it was the last (or only) one of its bucket', () => {
    // Before issue 19's change to TableIndex.remove, the last row of an insertion-order bucket was never removed: a
    // rolled-back register left its email "taken" by a user that did not exist.
    const journal = new Journal();
    const table = new Table<R>('rows', journal);
    const index = table.index(defineIndex<R>('by owner', (r) => [r.owner]));
    table.insert({ id: 'a1', n: 1, owner: 'a' });
    table.insert({ id: 'a2', n: 2, owner: 'a' });
    table.delete('a2');
    expect([...index.rows('a')].map((r) => r.id)).toEqual(['a1']);
    expect(() => journal.transaction(() => { table.insert({ id: 'b1', n: 1, owner: 'b' }); throw new Error('no'); })).toThrow('no');
    expect(index.count('b')).toBe(0);
    expect(index.first('b')).toBeUndefined();
    table.update('a1', { owner: 'c' });
    expect(index.count('a')).toBe(0);
    expect([...index.rows('c')].map((r) => r.id)).toEqual(['a1']);
  });

  test('an ordered index follows updates that keep a row\'s sort key (replaced where it stands) or change it, across rollbacks', () => {
    const next = lcg(9);
    const table = new Table<R>('rows', new Journal());
    const journal = (table as unknown as { journal: Journal }).journal;
    const index = table.index(defineIndex<R>('by owner, by n', (r) => [r.owner, 'all'], byN));
    const owners = ['a', 'b', 'c'];
    let id = 0;
    const check = () => {
      for (const key of [...owners, 'all']) {
        const expected = [...table.values()].filter((r) => key === 'all' || r.owner === key)
          .sort((x, y) => byN(x, y) || (x.id < y.id ? -1 : x.id > y.id ? 1 : 0));
        expect([...index.rows(key)].map((r) => r.id)).toEqual(expected.map((r) => r.id));
        for (const r of index.rows(key)) expect(table.get(r.id)).toBe(r); // the current row objects, never stale ones
      }
    };
    for (let step = 0; step < 1500; step++) {
      const rows = [...table.values()];
      const r = next();
      const change = () => {
        const row = rows[Math.floor(next() * rows.length)];
        if (r < 0.35 || !rows.length) table.insert({ id: `o${String(id++).padStart(5, '0')}`, n: Math.floor(next() * 20), owner: owners[Math.floor(next() * 3)] });
        else if (r < 0.6) table.update(row.id, { owner: owners[Math.floor(next() * 3)] }); // same n: stays in place in 'all'
        else if (r < 0.8) table.update(row.id, { n: Math.floor(next() * 20) });
        else table.delete(row.id);
      };
      if (step % 6 === 0) {
        expect(() => journal.transaction(() => { change(); change(); throw new Error('roll back'); })).toThrow('roll back');
      } else change();
      if (step % 50 === 0) check();
    }
    check();
  });

  test('a keyed index follows inserts, updates that move or keep a row, deletes and rolled-back transactions', () => {
    const next = lcg(5);
    const table = new Table<R>('rows', new Journal());
    const journal = (table as unknown as { journal: Journal }).journal;
    const spec = defineKeyedIndex<R>('by owner', (r) => [r.owner, `n:${r.n % 3}`]);
    const index = table.index(spec);
    const owners = ['a', 'b', 'c', 'd'];
    let id = 0;
    const check = () => {
      // each bucket: the table's rows with that key, in the order they entered the bucket (kept where they stand)
      for (const key of [...owners, 'n:0', 'n:1', 'n:2']) {
        const expected = [...table.values()].filter((r) => r.owner === key || `n:${r.n % 3}` === key).map((r) => r.id).sort();
        expect([...index.rows(key)].map((r) => r.id).sort()).toEqual(expected);
        expect(index.count(key)).toBe(expected.length);
        for (const r of index.rows(key)) expect(table.get(r.id)).toBe(r); // the current row objects, never stale ones
      }
    };
    for (let step = 0; step < 1500; step++) {
      const rows = [...table.values()];
      const r = next();
      const change = () => {
        if (r < 0.45 || !rows.length) table.insert({ id: `k${id++}`, n: Math.floor(next() * 10), owner: owners[Math.floor(next() * 4)] });
        else if (r < 0.75) table.update(rows[Math.floor(next() * rows.length)].id, { owner: owners[Math.floor(next() * 4)], n: Math.floor(next() * 10) });
        else table.delete(rows[Math.floor(next() * rows.length)].id);
      };
      if (step % 5 === 0) {
        expect(() => journal.transaction(() => { change(); change(); throw new Error('roll back'); })).toThrow('roll back');
      } else change();
      if (step % 50 === 0) check();
    }
    check();
    // a row that stays in its bucket keeps its place there
    const [first] = index.rows('a');
    if (first) {
      table.update(first.id, { n: first.n + 3 }); // same n % 3, same owner
      expect(index.rows('a').at(0)!.id).toBe(first.id);
    }
    expect(() => new TableIndex({ name: 'bad', keys: () => [], keyed: true, compare: byN }, [])).toThrow(/keyed/);
  });
});

describe('EIP-55 checksum', () => {
  test('checksummed addresses (one keccak permutation over a reused state) match keccak_256 of the lower-case hex', () => {
    const next = lcg(13);
    for (let k = 0; k < 100; k++) {
      const hex = Array.from({ length: 40 }, () => '0123456789abcdef'[Math.floor(next() * 16)]).join('');
      const hash = bytesToHex(keccak_256(new TextEncoder().encode(hex)));
      const expected = '0x' + [...hex].map((c, i) => (parseInt(hash[i], 16) >= 8 ? c.toUpperCase() : c)).join('');
      expect(toChecksumAddress(hex)).toBe(expected);
    }
  });
});
