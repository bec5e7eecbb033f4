// The pricing arithmetic (contracts/notes/pricing.md, "Arithmetic"): exact decimals only. Conversions round down (fiat to
// 2 places, crypto to 8); fees, spread amounts, split shares and derived rates round half-up to 2 places.
import Decimal from 'decimal.js';
import { dec, fmt2, fmt8, type Dec } from '../../kernel/money.ts';
import { unprocessable } from '../../kernel/errors.ts';
import type { AmountInType, FlowType, FxRateQuoteRow, OtcType, PricingAmounts, PricingFees, PricingProfileRow } from './types.ts';

const down = (x: Dec, places: number) => x.toDecimalPlaces(places, Decimal.ROUND_DOWN);
const halfUp = (x: Dec, places: number) => x.toDecimalPlaces(places, Decimal.ROUND_HALF_UP);

/**
 * +1 when the platform sells crypto to the caller (onramp, b2b deposit lane): the applied rate is above the reference.
 * -1 for every other flow: the platform buys crypto or the rate only values a transfer.
 */
export function spreadDirection(flow: FlowType, otc: OtcType | null): 1 | -1 {
  return flow === 'onramp' || (flow === 'b2b' && otc === 'deposit') ? 1 : -1;
}

/** applied = reference × (1 ± spread_bps/10000), half-up to 2 places. */
export function deriveAppliedRate(reference: string, spreadBps: number, direction: 1 | -1): string {
  return fmt2(dec(reference).times(dec(1).plus(dec(spreadBps).times(direction).div(10000))));
}

/** spread_bps = |applied − reference| / reference × 10000, half-up to a whole number. */
export function deriveSpreadBps(reference: string, applied: string): number {
  const r = dec(reference);
  return halfUp(dec(applied).minus(r).abs().div(r).times(10000), 0).toNumber();
}

/** Which part of the total fee the caller's side bears. */
export type FeeBearing = 'by_settlement_side' | 'caller_bears_all';

export interface Economics {
  amount_in: string;
  reference_fx_rate: string;
  applied_fx_rate: string;
  spread_amount: string;
  fees: PricingFees;
  amounts: PricingAmounts;
}

/** Fee lines from the profile on a gross fiat amount; only percentage and hybrid totals are clamped to min/max. */
export function computeFees(profile: PricingProfileRow, grossFiat: Dec, fiat: string): PricingFees {
  let fixed = dec(0), bps = 0, pct = dec(0), total = dec(0);
  const clamp = (x: Dec) => {
    let y = x;
    if (profile.min_fee !== null) y = Decimal.max(y, profile.min_fee) as Dec;
    if (profile.max_fee !== null) y = Decimal.min(y, profile.max_fee) as Dec;
    return y;
  };
  switch (profile.fee_type) {
    case 'none': break;
    case 'fixed': fixed = dec(profile.fixed_fee); total = fixed; break;
    case 'percentage':
      bps = profile.percentage_fee_bps; pct = halfUp(grossFiat.times(bps).div(10000), 2); total = clamp(pct); break;
    case 'hybrid':
      fixed = dec(profile.fixed_fee); bps = profile.percentage_fee_bps; pct = halfUp(grossFiat.times(bps).div(10000), 2);
      total = clamp(fixed.plus(pct)); break;
  }
  return {
    fixed_fee: fmt2(fixed), fixed_fee_currency: fiat, percentage_fee_bps: bps, percentage_fee_amount: fmt2(pct),
    total_fee_amount: fmt2(total), fee_currency: fiat,
  };
}

/**
 * The preview's money: gross side from amount_in, fees, the caller's fee share, net amounts and the spread's value.
 * `rates` are a quote's, or any agreed pair (an OTC negotiated FX reference's).
 */
export function computeEconomics(
  profile: PricingProfileRow, rates: Pick<FxRateQuoteRow, 'reference_rate' | 'applied_rate'>, fiat: string, amountIn: string,
  amountInType: AmountInType, bearing: FeeBearing,
): Economics {
  const applied = dec(rates.applied_rate);
  const reference = dec(rates.reference_rate);
  let grossFiat: Dec, grossCrypto: Dec, echo: string;
  if (amountInType === 'fiat') {
    grossFiat = down(dec(amountIn), 2); echo = fmt2(grossFiat);
    grossCrypto = down(grossFiat.div(applied), 8);
  } else {
    grossCrypto = down(dec(amountIn), 8); echo = fmt8(grossCrypto);
    grossFiat = down(grossCrypto.times(applied), 2);
  }
  const fees = computeFees(profile, grossFiat, fiat);
  const total = dec(fees.total_fee_amount);
  const callerFee = bearing === 'caller_bears_all' || profile.settlement_side === 'customer' ? total
    : profile.settlement_side === 'merchant' ? dec(0)
      : halfUp(total.div(2), 2);
  const netFiat = grossFiat.minus(callerFee);
  if (netFiat.lte(0)) throw unprocessable(`fee exceeds amount: a fee of ${fmt2(callerFee)} ${fiat} consumes the gross amount of ${fmt2(grossFiat)} ${fiat}`);
  const netCrypto = down(netFiat.div(applied), 8);
  const spread = halfUp(applied.minus(reference).abs().times(grossCrypto), 2);
  return {
    amount_in: echo,
    reference_fx_rate: fmt2(reference),
    applied_fx_rate: fmt2(applied),
    spread_amount: fmt2(spread),
    fees,
    amounts: {
      gross_fiat_amount: fmt2(grossFiat), net_fiat_amount: fmt2(netFiat),
      gross_crypto_amount: fmt8(grossCrypto), net_crypto_amount: fmt8(netCrypto),
    },
  };
}
