// An order's fiat_amount is the price of its crypto_amount: it must agree with the rate the order trades at, or a
// client could buy 100 USDT for 1 KES. The rate is the pricing quote's applied rate when the order names one (its
// gross_fiat_amount), else the offer's rate. Tolerance: one cent either way of the 2-place product rounded half up,
// so a client that rounds or truncates the product its own way is not refused.
import Decimal from 'decimal.js';
import { unprocessable } from '../../http/errors.ts';
import { dec, fmt2, fmt8, type Dec } from '../money.ts';
import type { PricingSnapshot } from '../pricing/index.ts';

export const FIAT_TOLERANCE = '0.01';

export function checkFiatAgreement(input: { crypto: Dec; fiat: string; currency: string; offerRate: string; pricing: PricingSnapshot | null }): void {
  const expected = input.pricing
    ? dec(input.pricing.amounts.gross_fiat_amount)
    : input.crypto.times(input.offerRate).toDecimalPlaces(2, Decimal.ROUND_HALF_UP);
  const sent = dec(input.fiat);
  if (sent.minus(expected).abs().lte(FIAT_TOLERANCE)) return;
  const basis = input.pricing
    ? `the pricing quote ${input.pricing.fx_rate_quote_id} (applied rate ${input.pricing.applied_fx_rate})`
    : `the offer's rate ${fmt2(input.offerRate)}`;
  throw unprocessable(`fiat_amount ${fmt2(sent)} ${input.currency} does not agree with crypto_amount ${fmt8(input.crypto)} at ${basis}: `
    + `expected ${fmt2(expected)} ${input.currency} (± ${FIAT_TOLERANCE})`);
}
