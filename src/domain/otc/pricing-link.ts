// What the OTC desk asks of the pricing area beyond its public calls (requireActiveFiat, checkPricingPair,
// buildPricingSnapshot, computeEconomics): a profile named without an FX quote (a negotiated FX reference prices the
// deal), and resolve-otc's pick of the rows for a withdrawal or a negotiated reference's default profile.
import type { World } from '../../kernel/world.ts';
import { notFound, unprocessable } from '../../kernel/errors.ts';
import { resolveOtcPricing, findPricingProfile, type PricingProfileRow } from '../pricing/index.ts';

export type OtcLane = 'deposit' | 'withdrawal';

/**
 * A pricing profile named by a request without an FX quote (a negotiated FX reference's rates price the deal): 404
 * unknown, 422 unless an active b2b profile of the lane for the asset. A request that names a quote checks the pair
 * with checkPricingPair instead.
 */
export function otcProfile(world: World, id: string, lane: OtcLane, asset: string, fiat?: string | null): PricingProfileRow {
  const p = findPricingProfile(world, id);
  if (!p) throw notFound(`pricing profile ${id} not found`);
  if (!p.is_active) throw unprocessable(`pricing profile ${id} is not active`);
  if (p.flow_type !== 'b2b' || p.otc_type !== lane) throw unprocessable(`pricing profile ${id} is not a b2b OTC ${lane} profile`);
  if (p.asset !== asset) throw unprocessable(`pricing profile ${id} prices ${p.asset}, not ${asset}`);
  if (fiat && p.fiat_currency && p.fiat_currency !== fiat) throw unprocessable(`pricing profile ${id} prices ${p.fiat_currency}, not ${fiat}`);
  return p;
}

/** resolve-otc's withdrawal lane for a crypto amount: which profile and FX quote price it (no such lane: 422). */
export function resolveWithdrawalPricing(world: World, input: { asset: 'USDT' | 'USDC'; fiat_currency: string; crypto_amount: string;
  network: 'ethereum' | 'tron' }): { pricing_profile_id: string; fx_rate_quote_id: string } {
  try {
    const r = resolveOtcPricing(world, {
      flow_type: 'b2b', otc_type: 'withdrawal', asset: input.asset, fiat_currency: input.fiat_currency,
      amount_in: input.crypto_amount, amount_in_type: 'crypto', network: input.network,
    });
    return { pricing_profile_id: r.pricing_profile_id, fx_rate_quote_id: r.fx_rate_quote_id };
  } catch (e) {
    if ((e as { status?: number }).status === 404) throw unprocessable(`no OTC withdrawal pricing: ${(e as Error).message}`);
    throw e;
  }
}

/**
 * The active b2b OTC deposit profile resolve-otc picks for a deal (a negotiated reference's default), or null when none
 * resolves for it (no lane, or its fee would swallow the amount).
 */
export function defaultDepositProfile(world: World, asset: string, fiat: string, network: string, grossFiat: string): PricingProfileRow | null {
  try {
    const r = resolveOtcPricing(world, { flow_type: 'b2b', otc_type: 'deposit', asset: asset as 'USDT', fiat_currency: fiat,
      amount_in: grossFiat, amount_in_type: 'fiat', network: network === 'solana' ? undefined : network as 'tron' });
    return findPricingProfile(world, r.pricing_profile_id) ?? null;
  } catch {
    return null;
  }
}
