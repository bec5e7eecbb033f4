// The treasury's multisig set-up: its default TRON and Ethereum wallets are self-managed multisig wallets (a TRON
// native multisig and a Gnosis Safe) signed by the treasury user and the admin, 2 of 2. OTC credits and treasury
// transfers are proposed from them. Each signer signs with the key of one of their own wallets: the admin's default
// wallet on the network, and a dedicated "signer key" wallet of the treasury user (its default wallet is the multisig).
import { registerMultisigWallet } from '../multisig.ts';
import { createWallet, defaultWallet, wallets } from '../wallets.ts';
import { multisigFixture, userByKey, type Seeder } from './types.ts';

export const seedTreasuryMultisig: Seeder = (world, fixtures) => {
  const treasury = userByKey(fixtures, 'treasury@coinpool.test');
  const admin = userByKey(fixtures, 'admin@coinpool.test');
  const created: Record<string, unknown>[] = [];
  for (const network of ['tron', 'ethereum'] as const) {
    const label = network === 'tron' ? 'TRON' : 'Ethereum';
    const wallet = defaultWallet(world, treasury.id, network)!;
    wallets(world).update(wallet.id, { wallet_type: 'multisig', custody_kind: 'multisig', name: `Treasury ${label} Multisig` });
    const signerKey = createWallet(world, { userId: treasury.id, network, name: `Treasury ${label} signer key`, isDefault: false }).wallet;
    const adminKey = defaultWallet(world, admin.id, network)!;
    const ms = registerMultisigWallet(world, {
      wallet_id: wallet.id, owner_user_id: treasury.id, multisig_type: network === 'tron' ? 'tron_native' : 'gnosis_safe',
      signer_user_ids: [treasury.id, admin.id], signer_addresses: [signerKey.address, adminKey.address], threshold: 2,
      name: `Treasury ${network} multisig`, permission_id: network === 'tron' ? 2 : null,
    });
    created.push(multisigFixture(ms, 'treasury@coinpool.test'));
  }
  fixtures.multisig_wallets = created;
};
