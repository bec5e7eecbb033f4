// The pricing ids a one-shot deposit names, checked as PATCH .../quote checks them (same statuses, same messages):
// a profile with an FX quote goes through checkPricingPair, a profile alone through otcProfile. Unchecked, an unknown
// id would be stored on the deposit and its unpriced requested_crypto_amount become the credit's tolerance baseline.
import type { World } from '../../kernel/world.ts';
import type { CreateOtcDepositRequest } from '../../../contracts/generated/types.js';
import { notFound } from '../../kernel/errors.ts';
import { checkPricingPair, findFxRateQuote, findPricingProfile } from '../pricing/index.ts';
import { otcProfile } from './pricing-link.ts';

export function checkOneShotPricingIds(world: World, body: CreateOtcDepositRequest): void {
  const { pricing_profile_id: profileId, fx_rate_quote_id: quoteId, requested_asset: asset, requested_network: network } = body;
  const fiat = String(body.fiat_currency ?? '');
  if (profileId && quoteId && asset) {
    checkPricingPair(world, { pricing_profile_id: profileId, fx_rate_quote_id: quoteId, flow_types: ['b2b'], otc_type: 'deposit',
      asset, fiat_currency: fiat, network });
    return;
  }
  if (profileId && asset) otcProfile(world, profileId, 'deposit', asset, fiat.toUpperCase());
  // Without requested_asset there is nothing to fit the rows to; they must still exist.
  if (profileId && !findPricingProfile(world, profileId)) throw notFound(`pricing profile ${profileId} not found`);
  if (quoteId && !findFxRateQuote(world, quoteId)) throw notFound(`fx rate quote ${quoteId} not found`);
}
