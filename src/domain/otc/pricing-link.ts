// Everything the OTC desk asks of the pricing area, in one place: the fiat catalog check, the profile and quote rows a
// request names (checked for the b2b OTC lane), the preview arithmetic on chosen rows, and resolve-otc.
import type { World } from '../world.ts';
import { invalidField, notFound, unprocessable } from '../../http/errors.ts';
import {
  resolveOtcPricing, findPricingProfile, findFxRateQuote, findFiatCurrencyByCode, computeEconomics,
  type PricingProfileRow, type FxRateQuoteRow,
} from '../pricing/index.ts';

export type OtcLane = 'deposit' | 'withdrawal';

/** The code, upper-case, when it is an active catalog currency; a 400 naming the field otherwise. */
export function assertActiveFiat(world: World, code: string, pointer: string): string {
  const row = findFiatCurrencyByCode(world, code);
  if (!row) throw invalidField(pointer, `fiat currency ${code} is not in the catalog`);
  if (!row.is_active) throw invalidField(pointer, `fiat currency ${code} is not active`);
  return row.iso_code;
}

/** A pricing profile named by a request: 404 unknown, 422 unless an active b2b profile of the lane for the asset. */
export function otcProfile(world: World, id: string, lane: OtcLane, asset: string, fiat?: string | null): PricingProfileRow {
  const p = findPricingProfile(world, id);
  if (!p) throw notFound(`pricing profile ${id} not found`);
  if (!p.is_active) throw unprocessable(`pricing profile ${id} is not active`);
  if (p.flow_type !== 'b2b' || p.otc_type !== lane) throw unprocessable(`pricing profile ${id} is not a b2b OTC ${lane} profile`);
  if (p.asset !== asset) throw unprocessable(`pricing profile ${id} prices ${p.asset}, not ${asset}`);
  if (fiat && p.fiat_currency && p.fiat_currency !== fiat) throw unprocessable(`pricing profile ${id} prices ${p.fiat_currency}, not ${fiat}`);
  return p;
}

/** An FX quote named by a request: 404 unknown, 422 unless active, unexpired and of the lane, asset and fiat. */
export function otcQuote(world: World, id: string, lane: OtcLane, asset: string, fiat: string): FxRateQuoteRow {
  const q = findFxRateQuote(world, id);
  if (!q) throw notFound(`fx rate quote ${id} not found`);
  if (!q.is_active) throw unprocessable(`fx rate quote ${id} is not active`);
  if (q.expires_at !== null && Date.parse(q.expires_at) <= world.clock.nowMs()) throw unprocessable(`fx rate quote ${id} has expired`);
  if (q.flow_type !== 'b2b' || q.otc_type !== lane) throw unprocessable(`fx rate quote ${id} is not a b2b OTC ${lane} quote`);
  if (q.asset !== asset) throw unprocessable(`fx rate quote ${id} is for ${q.asset}, not ${asset}`);
  if (q.fiat_currency !== fiat) throw unprocessable(`fx rate quote ${id} is for ${q.fiat_currency}, not ${fiat}`);
  return q;
}

export interface OtcEconomics {
  applied_fx_rate: string;
  gross_fiat: string;
  net_fiat: string;
  gross_crypto: string;
  net_crypto: string;
  total_fee: string;
}

/**
 * The resolve-otc arithmetic on chosen rows. `rates` replaces the quote's rates (a negotiated FX reference's agreed
 * rate); the merchant bears the whole fee, as on resolve-otc.
 */
export function otcEconomics(profile: PricingProfileRow, rates: { reference_rate: string; applied_rate: string }, fiat: string,
  amountIn: string, amountInType: 'fiat' | 'crypto'): OtcEconomics {
  const quoteLike = { reference_rate: rates.reference_rate, applied_rate: rates.applied_rate } as FxRateQuoteRow;
  const e = computeEconomics(profile, quoteLike, fiat, amountIn, amountInType, 'caller_bears_all');
  return {
    applied_fx_rate: e.applied_fx_rate, gross_fiat: e.amounts.gross_fiat_amount, net_fiat: e.amounts.net_fiat_amount,
    gross_crypto: e.amounts.gross_crypto_amount, net_crypto: e.amounts.net_crypto_amount, total_fee: e.fees.total_fee_amount,
  };
}

/** resolve-otc's withdrawal lane for a crypto amount: which rows price it and what the merchant receives. */
export function resolveWithdrawalPricing(world: World, input: { asset: 'USDT' | 'USDC'; fiat_currency: string; crypto_amount: string;
  network: 'ethereum' | 'tron' }): { pricing_profile_id: string; fx_rate_quote_id: string; applied_fx_rate: string; net_fiat: string } {
  let r;
  try {
    r = resolveOtcPricing(world, {
      flow_type: 'b2b', otc_type: 'withdrawal', asset: input.asset, fiat_currency: input.fiat_currency,
      amount_in: input.crypto_amount, amount_in_type: 'crypto', network: input.network,
    });
  } catch (e) {
    if ((e as { status?: number }).status === 404) throw unprocessable(`no OTC withdrawal pricing: ${(e as Error).message}`);
    throw e;
  }
  return { pricing_profile_id: r.pricing_profile_id, fx_rate_quote_id: r.fx_rate_quote_id, applied_fx_rate: r.applied_fx_rate, net_fiat: r.amounts.net_fiat_amount };
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
