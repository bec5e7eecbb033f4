// Wallets and balances: rows 15–22 of ENDPOINTS.md.
import type { ProductHandlers, OperationContext, OperationResult, ProductContext, Defaulted } from '../types.ts';
import { ok, created } from '../types.ts';
import type { World } from '../../kernel/world.ts';
import { createWallet, custodyProviderWalletId, getWallet, setDefaultWallet, walletBalances, walletsOf, WALLET_NETWORKS,
  type WalletRow } from '../../domain/wallets.ts';
import { getUser, type UserRow } from '../../domain/users.ts';
import { balanceRow, NATIVE, type BalanceRow } from '../../domain/ledger.ts';
import { requireSelfOrAdmin } from '../../auth/policy.ts';
import { forbidden, invalidField, unprocessable } from '../../kernel/errors.ts';
import { walletView, balanceView } from '../views/users.ts';
import { fmt8, sum } from '../../kernel/money.ts';
import type { WalletNetwork } from '../../kernel/addresses.ts';
import { treasuryEscrowReport } from '../../domain/treasury-report.ts';
import { registerOwnedMultisig } from '../../domain/merchants/multisig-wallets.ts';
import { isMasterMerchant } from '../../domain/merchants/merchants.ts';
import type { MultisigWalletRow } from '../../domain/multisig.ts';

function requireWalletAccess(ctx: Pick<OperationContext, 'principal'>, wallet: WalletRow): void {
  requireSelfOrAdmin(ctx.principal, wallet.user_id, 'wallets');
}

/** Resolves the owner of POST /wallets/for-owner and checks the caller may create wallets for them. */
function resolveOwner(world: World, ctx: ProductContext<'createWalletForOwner'>): UserRow {
  const b = ctx.body;
  const caller = ctx.principal!;
  const need = (field: 'user_id' | 'merchant_id' | 'sub_merchant_id' | 'treasury_user_id') => {
    const id = b[field];
    if (!id) throw invalidField(`/${field}`, `is required when owner_type is ${b.owner_type}`);
    return getUser(world, id);
  };
  switch (b.owner_type) {
    case 'customer': {
      const owner = need('user_id');
      requireSelfOrAdmin(caller, owner.id, 'wallets');
      if (caller.role === 'admin') return owner;
      if (!['customer', 'user'].includes(owner.role) && !isMasterMerchant(owner)) {
        throw forbidden(`forbidden: owner_type customer is for customers and users; a ${owner.role} must use its own owner_type`);
      }
      return owner;
    }
    case 'vendor':
    case 'merchant': {
      const owner = need(b.owner_type === 'vendor' ? 'user_id' : 'merchant_id');
      if (!isMasterMerchant(owner)) throw unprocessable(`user ${owner.id} is not a master vendor`);
      requireSelfOrAdmin(caller, owner.id, 'wallets');
      return owner;
    }
    case 'sub_merchant': {
      const owner = need('sub_merchant_id');
      if (owner.role !== 'subvendor') throw unprocessable(`user ${owner.id} is not a sub-merchant`);
      // Not requireMerchantAccess: that also wants the master to still have role vendor.
      if (caller.role !== 'admin' && owner.id !== caller.userId && owner.parent_vendor_id !== caller.userId) {
        throw forbidden('forbidden: only the sub-merchant, its master vendor or an admin may create its wallets');
      }
      return owner;
    }
    case 'treasury': {
      const owner = need('treasury_user_id');
      if (owner.role !== 'treasury') throw unprocessable(`user ${owner.id} does not have the treasury role`);
      requireSelfOrAdmin(caller, owner.id, 'wallets');
      return owner;
    }
    default:
      throw invalidField('/owner_type', 'is not supported');
  }
}

function setDefaultForNetwork(ctx: Pick<OperationContext, 'world' | 'principal'> & { params: { id: string } }): OperationResult {
  const wallet = getWallet(ctx.world, ctx.params.id);
  requireWalletAccess(ctx, wallet);
  return ok(walletView(setDefaultWallet(ctx.world, wallet)));
}

export const walletHandlers: ProductHandlers = {
  createWallet: ({ world, body, principal }) => {
    const userId = body.user_id ?? principal!.userId;
    requireSelfOrAdmin(principal, userId, 'wallets');
    getUser(world, userId);
    const { wallet, balances } = createWallet(world, { userId, network: body.network, name: body.name, walletType: body.wallet_type, isDefault: body.is_default });
    return created({ wallet: walletView(wallet), balances: balances.map(balanceView) });
  },

  createWalletForOwner: (ctx) => {
    const { world, body } = ctx;
    const owner = resolveOwner(world, ctx);
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
    const response: Record<string, unknown> = {
      wallet: walletView(primary.wallet),
      balances: primary.balances.map(balanceView),
      owner_type: body.owner_type,
      primary_asset: body.asset,
      custody_kind: primary.wallet.custody_kind,
      owner_user_id: owner.id,
    };
    if (primary.multisig) response.multisig_type = primary.multisig.multisig_type;
    // Every platform-custodied wallet sits behind a provider wallet; a self-managed multisig has none.
    if (primary.multisig?.management !== 'self_managed') response.provider_wallet_id = custodyProviderWalletId(primary.wallet.id);
    // WalletWithBalances per created wallet, as the contract says (a bare wallet here was a strict-mode 500).
    if (body.provision_all_networks) response.wallets = [primary, ...others].map((w) => ({ wallet: walletView(w.wallet), balances: w.balances.map(balanceView) }));
    return created(response);
  },

  getWalletById: (ctx) => {
    const wallet = getWallet(ctx.world, ctx.params.id);
    requireWalletAccess(ctx, wallet);
    return ok(walletView(wallet));
  },

  setDefaultWalletForNetwork: (ctx) => setDefaultForNetwork(ctx),

  getUserBalances: ({ world, params, query, principal }) => {
    requireSelfOrAdmin(principal, params.user_id, 'balances');
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
