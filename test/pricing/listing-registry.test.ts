// The pricing listing registry lives on each world: the marketplace registers its lookup once per world, and building
// more sandboxes neither grows the registry findListing walks in the first one nor leaves theirs empty.
import { expect, test } from 'vitest';
import { Sandbox } from '../../src/index.ts';
import { listingLookupCount } from '../../src/domain/pricing/listings.ts';

test('creating several sandboxes does not grow the listing lookup registry', () => {
  const first = new Sandbox({ seed: 1 });
  const once = listingLookupCount(first.world);
  expect(once).toBeGreaterThan(0);
  for (let seed = 2; seed <= 4; seed++) expect(listingLookupCount(new Sandbox({ seed }).world)).toBe(once);
  expect(listingLookupCount(first.world)).toBe(once);
});
