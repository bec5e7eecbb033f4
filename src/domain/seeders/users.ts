// Seeds the users of fixtures/default-world.ts with their wallets and opening balances.
import { FIXTURE_PASSWORD, FIXTURE_PIN, FIXTURE_USERS } from '../../../fixtures/default-world.ts';
import { createUser, users } from '../users.ts';
import { defaultWallet, walletsOf, type WalletRow } from '../wallets.ts';
import type { Network } from '../../kernel/addresses.ts';
import { mint } from '../ledger.ts';
import type { Seeder } from './types.ts';

/** A seeded user only has its default wallets, which are on the networks money moves on (not Solana). */
const onMoneyNetwork = (w: WalletRow): w is WalletRow & { network: Network } => w.network !== 'solana';

export const seedUsers: Seeder = (world, fixtures) => {
  const idByKey = new Map<string, string>();
  for (const spec of FIXTURE_USERS) {
    const first = world.random.faker.person.firstName();
    const last = world.random.faker.person.lastName();
    const { user } = createUser(world, {
      email: spec.email, phone_number: spec.phone_number, first_name: first, last_name: last,
      password: FIXTURE_PASSWORD, pin: FIXTURE_PIN, role: spec.role, kyc_status: spec.kyc_status,
      parent_vendor_id: spec.parent ? idByKey.get(spec.parent) : null,
    });
    idByKey.set(spec.key, user.id);
    for (const f of spec.funds ?? []) {
      mint(world, defaultWallet(world, user.id, f.network)!.id, f.currency, f.amount, 'faucet', 'fixtures');
    }
    const row = users(world).get(user.id)!;
    fixtures.users.push({
      id: row.id, role: row.role, email: row.email, phone_number: row.phone_number, first_name: row.first_name,
      last_name: row.last_name, password: FIXTURE_PASSWORD, pin: FIXTURE_PIN, parent_vendor_id: row.parent_vendor_id,
      wallets: walletsOf(world, row.id).filter(onMoneyNetwork).map((w) => ({ id: w.id, network: w.network, address: w.address })),
    });
  }
};
