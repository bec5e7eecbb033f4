// Pricing a draft (PATCH .../quote): the chosen b2b deposit profile with an FX quote or a negotiated FX reference, the
// net crypto amount resolve-otc would give for the deposit's fiat amount, and the payout wallet for the network.
import type { World } from '../../kernel/world.ts';
import type { Principal } from '../../auth/principal.ts';
import { notFound, unprocessable } from '../../kernel/errors.ts';
import { applyTransition, actorOf, assertTransition, type OtcDepositRow } from './deposits.ts';
import { otcProfile } from './pricing-link.ts';
import { checkPricingPair, computeEconomics, type FxRateQuoteRow, type PricingProfileRow } from '../pricing/index.ts';
import { findNfxByCode, nfxUnusableReason } from './negotiated-fx.ts';
import { bpsApart, cryptoInput } from './amounts.ts';
import { resolvePayoutWallet } from './merchants.ts';
import { OTC_CREDIT_QUOTE_TOLERANCE_BPS } from './config.ts';

export function quoteDeposit(world: World, principal: Principal, deposit: OtcDepositRow, body: Record<string, any>): OtcDepositRow {
  assertTransition(deposit, 'quote');
  if (!deposit.fiat_amount || !deposit.fiat_currency) throw unprocessable('set fiat_amount and fiat_currency on the draft before pricing it');
  const fiat = deposit.fiat_currency;
  const { requested_asset: asset, requested_network: network } = body;
  let profile: PricingProfileRow;
  let rates: Pick<FxRateQuoteRow, 'reference_rate' | 'applied_rate'> | undefined;
  if (body.fx_rate_quote_id) {
    const pair = checkPricingPair(world, { pricing_profile_id: body.pricing_profile_id, fx_rate_quote_id: body.fx_rate_quote_id,
      flow_types: ['b2b'], otc_type: 'deposit', asset, fiat_currency: fiat, network });
    profile = pair.profile;
    rates = pair.quote;
  } else {
    profile = otcProfile(world, body.pricing_profile_id, 'deposit', asset, fiat);
    if (profile.network && profile.network !== network) throw unprocessable(`pricing profile ${profile.id} is for ${profile.network}, not ${network}`);
  }
  let referenceId: string | null = null;
  if (body.negotiated_fx_reference_code) {
    const ref = findNfxByCode(world, body.negotiated_fx_reference_code);
    if (!ref || ref.merchant_id !== deposit.merchant_id) throw notFound(`negotiated FX reference ${body.negotiated_fx_reference_code} not found`);
    const why = nfxUnusableReason(world, ref, { merchantId: deposit.merchant_id, asset, fiat, network, depositId: deposit.id });
    if (why) throw unprocessable(why);
    rates = { reference_rate: ref.reference_fx_rate, applied_rate: ref.agreed_fx_rate }; // the negotiated rate wins
    referenceId = ref.id;
  }
  // The contract requires fx_rate_quote_id or negotiated_fx_reference_code, so rates are set; the merchant bears the whole fee.
  const priced = computeEconomics(profile, rates!, fiat, deposit.fiat_amount, 'fiat', 'caller_bears_all').amounts.net_crypto_amount;
  let amount = priced;
  if (body.requested_crypto_amount !== undefined) {
    const sent = cryptoInput('/requested_crypto_amount', body.requested_crypto_amount);
    const apart = bpsApart(sent, priced);
    if (apart.gt(OTC_CREDIT_QUOTE_TOLERANCE_BPS)) {
      throw unprocessable(`requested_crypto_amount ${sent} differs from the priced ${priced} by ${apart.toFixed(2)} bps (tolerance ${OTC_CREDIT_QUOTE_TOLERANCE_BPS} bps)`);
    }
    amount = sent;
  }
  const keep = deposit.requested_network === network ? deposit.to_wallet_id : null;
  const wallet = resolvePayoutWallet(world, { callerId: principal.userId, masterId: deposit.merchant_id, network, walletId: keep });
  return applyTransition(world, deposit, 'quote', 'quoted', actorOf(principal), {
    pricing_profile_id: profile.id, fx_rate_quote_id: body.fx_rate_quote_id ?? null, negotiated_fx_reference_id: referenceId,
    requested_asset: asset, requested_network: network, requested_crypto_amount: amount,
    to_wallet_id: wallet.id, credited_to_address: wallet.address,
  });
}
