// The seeded fixtures as a person (GET /__sandbox/fixtures, the CLI's banner, the library's sandbox.fixtures) sees
// them: each seeded offer in the shape the product API answers it, so its fields read as in GET /offers. The seeders
// record domain rows; the wire shape is the http views' job, so it is applied here, above the domain.
import type { Fixtures } from '../domain/seeders/types.ts';
import type { OfferRow } from '../domain/marketplace/tables.ts';
import { offerView } from '../http/views/marketplace.ts';

export function fixturesView(fixtures: Fixtures): Fixtures {
  // The marketplace seeder pushes `{ key, ...OfferRow }` (src/domain/seeders/marketplace.ts).
  const offers = fixtures.offers.map(({ key, ...row }) => ({ key, ...offerView(row as unknown as OfferRow) }));
  return { ...fixtures, offers };
}
