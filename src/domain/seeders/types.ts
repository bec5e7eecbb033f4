// What seeding returns: the world a person can use, with ids and credentials (served at GET /__sandbox/fixtures).
import type { World } from '../../kernel/world.ts';
import type { Network } from '../../kernel/addresses.ts';
import type { MultisigWalletRow } from '../multisig.ts';

/** A seeded user's wallet: the default ones, on the networks money moves on (the control contract's FixtureWallet). */
export interface FixtureWallet { id: string; network: Network; address: string }
export interface FixtureUser {
  id: string; role: string; email: string; phone_number: string; first_name: string; last_name: string;
  password: string; pin: string; parent_vendor_id: string | null; wallets: FixtureWallet[];
}
export interface Fixtures {
  seed: number;
  users: FixtureUser[];
  offers: Record<string, unknown>[];
  pricing_profiles: Record<string, unknown>[];
  fx_rate_quotes: Record<string, unknown>[];
  fiat_currencies?: Record<string, unknown>[];
  [more: string]: unknown;
}

/** One area's seeding step; runs in order after the users exist and may add to the fixtures it is given. */
export type Seeder = (world: World, fixtures: Fixtures) => void;

export const userByKey = (fixtures: Fixtures, email: string): FixtureUser => {
  const u = fixtures.users.find((x) => x.email === email);
  if (!u) throw new Error(`fixture user ${email} missing`);
  return u;
};

/** The fixtures entry of a seeded multisig wallet; owner is the owner's email. */
export const multisigFixture = (m: MultisigWalletRow, owner: string) => ({
  id: m.id, network: m.network, wallet_id: m.wallet_id, address: m.address, owner, multisig_type: m.multisig_type,
  management: m.management, signers: m.signer_user_ids, signer_addresses: m.signer_addresses, threshold: m.threshold,
});
