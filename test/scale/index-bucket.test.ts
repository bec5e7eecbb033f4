// A newest-first list takes each new row at its front: the index bucket is double-ended, so that costs no move of the
// rows already there, and the order, slices and removals stay those of a plain sorted array. Operation counts and
// contents, not clocks.
import { describe, expect, test } from 'vitest';
import { defineIndex, TableIndex } from '../../src/kernel/table-index.ts';

interface R { id: string; n: number }
const newestFirst = defineIndex<R>('newest first', () => ['all'], (a, b) => b.n - a.n);

describe('index buckets', () => {
  test('rows added newest first, oldest first and in the middle read back in the index order, like a sorted array', () => {
    const index = new TableIndex(newestFirst, []);
    const model: R[] = [];
    const ns = [5, 6, 7, 1, 0, 3, 4, 2, 9, 8, 10, -1];
    for (const n of ns) {
      const row = { id: `r${n}`, n };
      index.change(undefined, row);
      model.push(row);
      model.sort((a, b) => b.n - a.n);
      expect([...index.rows('all')]).toEqual(model);
    }
    const rows = index.rows('all');
    expect(rows.length).toBe(12);
    expect(rows.slice(2, 5)).toEqual(model.slice(2, 5));
    expect(rows.slice(10, 50)).toEqual(model.slice(10, 50));
    expect(rows.at(-1)).toEqual(model.at(-1));
    expect(index.first('all')).toEqual(model[0]);
    // removals at the front, the back and inside; an update moves a row
    for (const n of [10, -1, 4, 6]) {
      index.change(model.find((r) => r.n === n), undefined);
      model.splice(model.findIndex((r) => r.n === n), 1);
      expect([...index.rows('all')]).toEqual(model);
    }
    const moved = { id: 'r0', n: 11 };
    index.change(model.find((r) => r.id === 'r0'), moved);
    model.splice(model.findIndex((r) => r.id === 'r0'), 1);
    model.unshift(moved);
    expect([...index.rows('all')]).toEqual(model);
  });

  test('100,000 newest-first inserts keep every page a slice of page-size rows', () => {
    const index = new TableIndex(newestFirst, []);
    for (let n = 0; n < 100_000; n++) index.change(undefined, { id: `r${n}`, n });
    const rows = index.rows('all');
    expect(rows.length).toBe(100_000);
    expect(rows.slice(0, 3).map((r) => r.n)).toEqual([99_999, 99_998, 99_997]);
    expect(rows.slice(50_000, 50_002).map((r) => r.n)).toEqual([49_999, 49_998]);
    expect(rows.at(-1)!.n).toBe(0);
    expect(index.entries).toBe(100_000);
  });
});
