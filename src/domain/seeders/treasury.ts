// The treasury's multisig set-up: its default TRON and Ethereum wallets are multisig wallets signed by the treasury
// user and the admin, 2 of 2. OTC credits and treasury transfers are proposed from them.
import { registerMultisigWallet } from '../multisig.ts';
import { defaultWallet } from '../wallets.ts';
import { userByKey, type Seeder } from './types.ts';
import { wallets } from '../wallets.ts';

export const seedTreasuryMultisig: Seeder = (world, fixtures) => {
  const treasury = userByKey(fixtures, 'treasury@coinpool.test');
  const admin = userByKey(fixtures, 'admin@coinpool.test');
  const created: Record<string, unknown>[] = [];
  for (const network of ['tron', 'ethereum'] as const) {
    const wallet = defaultWallet(world, treasury.id, network)!;
    wallets(world).update(wallet.id, { wallet_type: 'multisig', custody_kind: 'multisig', name: `Treasury ${network === 'tron' ? 'TRON' : 'Ethereum'} Multisig` });
    const ms = registerMultisigWallet(world, {
      wallet_id: wallet.id, owner_user_id: treasury.id, multisig_type: network === 'tron' ? 'tron_native' : 'gnosis_safe',
      signer_user_ids: [treasury.id, admin.id], signer_addresses: [], threshold: 2, name: `Treasury ${network} multisig`,
    });
    created.push({ id: ms.id, network, wallet_id: wallet.id, address: ms.address, signers: ms.signer_user_ids, threshold: ms.threshold });
  }
  fixtures.multisig_wallets = created;
};
