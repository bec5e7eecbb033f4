// Wallets and balances: rows 15–22 of ENDPOINTS.md.
import type { ProductHandlers, ProductContext, Defaulted } from '../types.ts';
import { ok, created } from '../types.ts';
import { createWallet, custodyProviderWalletId, getWallet, setDefaultWallet, walletBalances, walletsOf, WALLET_NETWORKS,
  type WalletRow } from '../../domain/wallets.ts';
import { getUser } from '../../domain/users.ts';
import { balanceRow, NATIVE, type BalanceRow } from '../../domain/ledger.ts';
import { requireUserWalletsAccess, requireWalletAccess, walletOwnerFor } from '../../domain/wallet-policy.ts';
import { invalidField } from '../../kernel/errors.ts';
import { inEnum } from '../views/narrow.ts';
import { walletView, balanceView } from '../views/users.ts';
import { fmt8, sum } from '../../kernel/money.ts';
import type { WalletNetwork } from '../../kernel/addresses.ts';
import { treasuryEscrowReport } from '../../domain/treasury-report.ts';
import { registerOwnedMultisig } from '../../domain/merchants/multisig-wallets.ts';
import type { MultisigWalletRow } from '../../domain/multisig.ts';

function setDefaultForNetwork(ctx: ProductContext<'setDefaultWalletForNetwork' | 'setDefaultWalletLegacy'>) {
  const wallet = getWallet(ctx.world, ctx.params.id);
  requireWalletAccess(ctx.principal, wallet);
  return ok(walletView(setDefaultWallet(ctx.world, wallet)));
}

export const walletHandlers: ProductHandlers = {
  createWallet: ({ world, body, principal }) => {
    const userId = body.user_id ?? principal.userId;
    requireUserWalletsAccess(principal, userId);
    getUser(world, userId);
    const { wallet, balances } = createWallet(world, { userId, network: body.network, name: body.name, walletType: body.wallet_type, isDefault: body.is_default });
    return created({ wallet: walletView(wallet), balances: balances.map(balanceView) });
  },

  createWalletForOwner: (ctx) => {
    const { world, body } = ctx;
    const owner = walletOwnerFor(world, ctx.principal, body);
    const treasury = body.owner_type === 'treasury';
    // Treasury wallets are real multisig wallets of the multisig core: self-managed from `multisig` on the primary
    // network, platform-managed (simulated BitGo) otherwise (the merchants area's registration).
    const make = (network: WalletNetwork, primary: boolean): { wallet: WalletRow; balances: BalanceRow[]; multisig?: MultisigWalletRow } => {
      const isDefault = primary ? body.is_default : undefined;
      return treasury
        ? registerOwnedMultisig(world, { owner, network, name: body.name, isDefault, spec: primary ? body.multisig : undefined })
        : createWallet(world, { userId: owner.id, network, name: body.name, isDefault, walletType: body.wallet_type, custodyKind: 'custodial' });
    };
    const primary = make(body.network, true);
    const others = body.provision_all_networks ? WALLET_NETWORKS.filter((n) => n !== body.network).map((n) => make(n, false)) : [];
    return created({
      wallet: walletView(primary.wallet),
      balances: primary.balances.map(balanceView),
      owner_type: body.owner_type,
      primary_asset: body.asset,
      custody_kind: inEnum(primary.wallet.custody_kind, ['custodial', 'multisig'], `wallet ${primary.wallet.id} custody kind`),
      owner_user_id: owner.id,
      ...(primary.multisig ? { multisig_type: primary.multisig.multisig_type } : {}),
      // Every platform-custodied wallet sits behind a provider wallet; a self-managed multisig has none.
      ...(primary.multisig?.management !== 'self_managed' ? { provider_wallet_id: custodyProviderWalletId(primary.wallet.id) } : {}),
      // WalletWithBalances per created wallet, as the contract says (a bare wallet here was a strict-mode 500).
      ...(body.provision_all_networks
        ? { wallets: [primary, ...others].map((w) => ({ wallet: walletView(w.wallet), balances: w.balances.map(balanceView) })) } : {}),
    });
  },

  getWalletById: (ctx) => {
    const wallet = getWallet(ctx.world, ctx.params.id);
    requireWalletAccess(ctx.principal, wallet);
    return ok(walletView(wallet));
  },

  setDefaultWalletForNetwork: (ctx) => setDefaultForNetwork(ctx),

  getUserBalances: ({ world, params, query, principal }) => {
    requireUserWalletsAccess(principal, params.user_id, 'balances');
    getUser(world, params.user_id);
    const wanted = query.networks ? String(query.networks).split(',').map((s) => s.trim()) : WALLET_NETWORKS;
    for (const n of wanted) if (!WALLET_NETWORKS.includes(n as WalletNetwork)) throw invalidField('/networks', `unknown network ${n}`, 'query');
    const fromChain = query.refresh === 'true'; // a string enum in the contract ('true' | 'false'), not a boolean
    const rows = walletsOf(world, params.user_id).filter((w) => wanted.includes(w.network)).map((w) => {
      const native = NATIVE[w.network];
      const updated = walletBalances(world, w.id).map((b) => b.updated_at).sort().at(-1) ?? w.created_at;
      return {
        wallet_id: w.id, wallet_address: w.address, network: w.network,
        usdt_balance: balanceRow(world, w.id, 'USDT').amount,
        usdc_balance: balanceRow(world, w.id, 'USDC').amount,
        native_balance: balanceRow(world, w.id, native).amount,
        last_synced: fromChain ? world.nowIso() : updated,
        is_cached: !fromChain,
      };
    });
    return ok({
      user_id: params.user_id,
      total_usdt: fmt8(sum(rows.map((r) => r.usdt_balance))),
      total_usdc: fmt8(sum(rows.map((r) => r.usdc_balance))),
      balances: rows,
      synced_at: world.nowIso(),
    });
  },

  getTreasuryRemittanceEscrowBalance: ({ world, query }) => {
    const { network, refresh } = query as Defaulted<typeof query, 'network' | 'refresh'>; // contract defaults, applied by validation
    return ok(treasuryEscrowReport(world, network, refresh));
  },

  // The legacy path is an alias of the per-network one.
  setDefaultWalletLegacy: (ctx) => setDefaultForNetwork(ctx),
};
