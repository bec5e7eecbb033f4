// Master merchants and sub-merchants: rows 83–89 of ENDPOINTS.md.
import type { ProductHandlers } from '../types.ts';
import { ok, created } from '../types.ts';
import { requireSelfOrAdmin } from '../../auth/policy.ts';
import { paginate } from './paging.ts';
import {
  createMasterMerchant, createSubMerchant, deleteMerchant, getMerchant, isMasterMerchant, listMasterMerchants, liveSubMerchants,
  requireMerchantAccess, updateMerchant,
} from '../../domain/merchants/merchants.ts';
import { merchantView, merchantWalletView, merchantWalletsView, merchantWithWalletsView } from '../views/merchants.ts';

export const merchantAccountHandlers: ProductHandlers = {
  createMerchant: ({ world, body }) => {
    const { user, wallets } = createMasterMerchant(world, body);
    return created({ message: 'Merchant created successfully with default wallets', merchant: merchantView(user), wallets: wallets.map(merchantWalletView) });
  },

  createMerchantWithSubMerchants: ({ world, body }) => {
    // One transaction: a duplicate anywhere (even between two items of this request) rolls everything back.
    const master = createMasterMerchant(world, body.merchant);
    const subs = (body.sub_merchants ?? []).map((s: Parameters<typeof createMasterMerchant>[1]) => createSubMerchant(world, master.user.id, s));
    return created({
      message: 'Merchant and sub-merchants created successfully',
      merchant: merchantView(master.user),
      merchant_wallets: master.wallets.map(merchantWalletView),
      sub_merchants: subs.map((s: ReturnType<typeof createSubMerchant>) => ({ merchant: merchantView(s.user), wallets: s.wallets.map(merchantWalletView) })),
    });
  },

  createSubMerchant: ({ world, params, body, principal }) => {
    // A master merchant creates sub-merchants under itself only.
    requireSelfOrAdmin(principal, params.merchant_id, 'merchant account');
    const { user, wallets } = createSubMerchant(world, params.merchant_id, body);
    return created({ message: 'Sub-merchant created successfully with default wallets', sub_merchant: merchantView(user), wallets: wallets.map(merchantWalletView) });
  },

  getMerchantTree: ({ world, params, principal }) => {
    const merchant = getMerchant(world, params.merchant_id);
    requireMerchantAccess(principal, merchant);
    const subs = isMasterMerchant(merchant) ? liveSubMerchants(world, merchant.id) : [];
    return ok({
      merchant: merchantView(merchant),
      merchant_wallets: merchantWalletsView(world, merchant.id),
      sub_merchants: subs.map((s) => merchantWithWalletsView(world, s)),
    });
  },

  updateMerchant: ({ world, params, body, principal }) => {
    const merchant = getMerchant(world, params.merchant_id);
    requireMerchantAccess(principal, merchant);
    return ok({ merchant: merchantView(updateMerchant(world, principal, merchant, body)) });
  },

  deleteMerchant: ({ world, params }) => {
    const merchant = getMerchant(world, params.merchant_id);
    return ok({ message: 'merchant deleted successfully', deleted_merchant_ids: deleteMerchant(world, merchant) });
  },

  listMerchants: ({ world, query }) => ok(paginate(listMasterMerchants(world), query).map(merchantView)),
};
