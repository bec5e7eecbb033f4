// Seeding step of the merchants area: the seeded vendor's B2B multisig wallets (a platform-managed one and a
// self-managed 2-of-2 signed by the vendor and its sub-merchant, both on TRON and funded), and the platform's
// escrow wallets (a BitGo remittance escrow per network and a funded self-custody platform reserve on TRON).
import { registerOwnedMultisig } from '../merchants/multisig-wallets.ts';
import { createEscrowWallet } from '../escrow.ts';
import { defaultWallet } from '../wallets.ts';
import { getUser } from '../users.ts';
import { mint } from '../ledger.ts';
import { multisigFixture, userByKey, type Seeder } from './types.ts';

export const seedMerchants: Seeder = (world, fixtures) => {
  const vendor = getUser(world, userByKey(fixtures, 'vendor@coinpool.test').id);
  const sub = getUser(world, userByKey(fixtures, 'subvendor@coinpool.test').id);

  const platform = registerOwnedMultisig(world, { owner: vendor, network: 'tron', name: 'Vendor B2B TRON (platform-managed)' });
  mint(world, platform.wallet.id, 'USDT', '10000', 'faucet', 'fixtures');
  const signers = [vendor, sub].map((u) => defaultWallet(world, u.id, 'tron')!.address);
  const shared = registerOwnedMultisig(world, {
    owner: vendor, network: 'tron', name: 'Vendor B2B TRON (vendor + sub-merchant, 2 of 2)',
    spec: { multisig_type: 'tron_native', signer_addresses: signers, threshold: 2 },
  });
  mint(world, shared.wallet.id, 'USDT', '5000', 'faucet', 'fixtures');
  fixtures.merchant_multisig_wallets = [
    { key: 'vendor_tron_platform', ...multisigFixture(platform.multisig, 'vendor@coinpool.test'), funds: { USDT: '10000' } },
    { key: 'vendor_tron_2of2', ...multisigFixture(shared.multisig, 'vendor@coinpool.test'), funds: { USDT: '5000' } },
  ];

  const escrows = [
    createEscrowWallet(world, { network: 'tron', purpose: 'remittance_escrow', label: 'Remittance escrow TRON' }),
    createEscrowWallet(world, { network: 'ethereum', purpose: 'remittance_escrow', label: 'Remittance escrow Ethereum' }),
    createEscrowWallet(world, { network: 'tron', purpose: 'platform_reserve', label: 'Platform reserve TRON (self custody)', custodyProvider: 'self' }),
  ];
  mint(world, escrows[2].wallet_id, 'USDT', '2500', 'faucet', 'fixtures');
  fixtures.escrow_wallets = escrows.map((e) => ({
    id: e.id, wallet_id: e.wallet_id, network: e.network, address: e.address, purpose: e.purpose, label: e.label, custody_provider: e.custody_provider,
  }));
};
