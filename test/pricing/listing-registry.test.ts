// The pricing listing registry is module-level: every world installs the marketplace, which must register the same
// lookup function each time, so that building more sandboxes does not grow the registry findListing walks.
import { expect, test } from 'vitest';
import { Sandbox } from '../../src/index.ts';
import { listingLookupCount } from '../../src/domain/pricing/listings.ts';

test('creating several sandboxes does not grow the listing lookup registry', () => {
  new Sandbox({ seed: 1 });
  const once = listingLookupCount();
  expect(once).toBeGreaterThan(0);
  for (let seed = 2; seed <= 4; seed++) new Sandbox({ seed });
  expect(listingLookupCount()).toBe(once);
});
