// The pricing snapshots the OTC desk's transfers keep, so that GET /api/v1/auth/transfers/{id}/pricing answers for an
// OTC_CREDIT or OTC_WITHDRAWAL transfer as it does for a priced P2P/B2B one (same table, same view). The arithmetic is
// the pricing area's (buildPricingSnapshot, merchant bears the whole fee as on resolve-otc) on the transfer's crypto
// amount; `fiat_amount_equivalent` is the fiat principal of the deal.
import type { World } from '../../kernel/world.ts';
import type { Network } from '../../kernel/addresses.ts';
import type { CreditOtcDepositRequest } from '../../../contracts/generated/types.js';
import { ApiError } from '../../kernel/errors.ts';
import { buildPricingSnapshot, requireActiveFiat, type PricingSnapshot } from '../pricing/index.ts';
import { storeTransferPricing } from '../merchants/transfer-pricing.ts';
import { fiatInput } from './amounts.ts';
import type { OtcDepositRow } from './deposits.ts';

/** A snapshot waiting for its transfer id. */
export interface PendingSnapshot { snapshot: PricingSnapshot; fiatAmountEquivalent: string }

/**
 * The pricing of a credit: the request's quartet when sent (checked: unknown ids 404, a misfit row 422), else the
 * deposit's own profile + FX quote from PATCH .../quote. The deposit's pair is only a default: when it no longer fits
 * (quote expired or deactivated since, or ids stored unchecked by the one-shot create) the credit goes ahead without a
 * snapshot, as does a deposit priced by a negotiated FX reference (no FX quote to name).
 */
export function creditPricing(world: World, deposit: OtcDepositRow, body: CreditOtcDepositRequest,
  credit: { asset: 'USDT' | 'USDC'; network: Network; amount: string }): PendingSnapshot | null {
  const pair = { flow_types: ['b2b' as const], otc_type: 'deposit' as const, asset: credit.asset, network: credit.network,
    amount_in: credit.amount, amount_in_type: 'crypto' as const };
  if (body.pricing_profile_id) {
    // The contract has the quartet sent all or none (CreditOtcDepositRequest's dependentRequired, checked by validation).
    const fiat = requireActiveFiat(world, body.fiat_currency!);
    const fiatAmountEquivalent = fiatInput('/fiat_amount_equivalent', body.fiat_amount_equivalent!);
    const snapshot = buildPricingSnapshot(world, { ...pair, pricing_profile_id: body.pricing_profile_id, fx_rate_quote_id: body.fx_rate_quote_id!,
      fiat_currency: fiat }, { bearing: 'caller_bears_all' });
    return { snapshot, fiatAmountEquivalent };
  }
  if (!deposit.pricing_profile_id || !deposit.fx_rate_quote_id || !deposit.fiat_currency || !deposit.fiat_amount) return null;
  try {
    const snapshot = buildPricingSnapshot(world, { ...pair, pricing_profile_id: deposit.pricing_profile_id, fx_rate_quote_id: deposit.fx_rate_quote_id,
      fiat_currency: deposit.fiat_currency }, { bearing: 'caller_bears_all' });
    return { snapshot, fiatAmountEquivalent: deposit.fiat_amount };
  } catch (e) {
    if (e instanceof ApiError) return null;
    throw e;
  }
}

/**
 * The pricing of a withdrawal, taken when it is created: the named (or resolved) profile + FX quote checked for the
 * withdrawal lane (unknown ids 404, a misfit row 422) and priced on its crypto amount, once.
 */
export function withdrawalPricing(world: World, input: { pricing_profile_id: string; fx_rate_quote_id: string; asset: 'USDT' | 'USDC';
  fiat_currency: string; network: Network; crypto_amount: string }): PendingSnapshot {
  const snapshot = buildPricingSnapshot(world, { pricing_profile_id: input.pricing_profile_id, fx_rate_quote_id: input.fx_rate_quote_id,
    flow_types: ['b2b'], otc_type: 'withdrawal', asset: input.asset, fiat_currency: input.fiat_currency, network: input.network,
    amount_in: input.crypto_amount, amount_in_type: 'crypto' }, { bearing: 'caller_bears_all' });
  return { snapshot, fiatAmountEquivalent: snapshot.amounts.gross_fiat_amount };
}

export function attachTransferPricing(world: World, transferId: string, pending: PendingSnapshot | null): void {
  if (pending) storeTransferPricing(world, transferId, pending.snapshot, pending.fiatAmountEquivalent);
}
