// An order's fiat_amount is the price of its crypto_amount: it must agree with the rate the order trades at, or a
// client could buy 100 USDT for 1 KES. The offer's rate always prices it (the docs' own quickstart sends 100 USDT for
// 14,100 KES at a 141.00 offer together with a pricing pair from /pricing/resolve); when the order names a pricing
// quote, the quote's gross_fiat_amount is accepted too. Tolerance: one cent either way of the 2-place product rounded
// half up, so a client that rounds or truncates the product its own way is not refused.
import Decimal from 'decimal.js';
import { unprocessable } from '../../kernel/errors.ts';
import { dec, fmt2, fmt8, type Dec } from '../../kernel/money.ts';
import type { PricingSnapshot } from '../pricing/index.ts';

export const FIAT_TOLERANCE = '0.01';
const TOLERANCE = dec(FIAT_TOLERANCE);

// The exact product (what most clients send) is recognised by a comparison alone, without computing a difference.
const agrees = (sent: Dec, expected: Dec | null): boolean => expected !== null && (sent.eq(expected) || sent.minus(expected).abs().lte(TOLERANCE));

/** `fiat`: the order's fiat_amount as sent (text, or already parsed by the caller). */
export function checkFiatAgreement(input: { crypto: Dec; fiat: string | Dec; currency: string; offerRate: string; pricing: PricingSnapshot | null }): void {
  const atOffer = input.crypto.times(input.offerRate).toDecimalPlaces(2, Decimal.ROUND_HALF_UP);
  const sent = dec(input.fiat);
  if (agrees(sent, atOffer)) return;
  const atQuote = input.pricing ? dec(input.pricing.amounts.gross_fiat_amount) : null;
  if (agrees(sent, atQuote)) return;
  const offerBasis = `the offer's rate ${fmt2(input.offerRate)}`;
  const expected = atQuote
    ? `${fmt2(atQuote)} ${input.currency} at the pricing quote ${input.pricing!.fx_rate_quote_id} (applied rate ${input.pricing!.applied_fx_rate}) or ${fmt2(atOffer)} ${input.currency} at ${offerBasis}`
    : `${fmt2(atOffer)} ${input.currency}`;
  const basis = atQuote ? 'the pricing quote or the offer\'s rate' : offerBasis;
  throw unprocessable(`fiat_amount ${fmt2(sent)} ${input.currency} does not agree with crypto_amount ${fmt8(input.crypto)} at ${basis}: `
    + `expected ${expected} (± ${FIAT_TOLERANCE})`);
}
