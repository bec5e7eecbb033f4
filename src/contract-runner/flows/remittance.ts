// Remittances through a published corridor: the pricing /pricing/resolve finds for it (off-ramp), a custodial draft
// from the customer's wallet on the corridor's network, its confirm, and a remittance off-ramp order against the
// corridor's BUY offer.
import { play, StepFailed, type FlowRunner } from './runner.ts';

export const REMITTANCE_OPS = ['createCustodialRemittanceDraft', 'confirmCustodialRemittanceDraft', 'createRemittanceOffRampOrder'];
const AMOUNT = '5000.00';

export async function remittanceFlow(runner: FlowRunner): Promise<void> {
  await play(runner, REMITTANCE_OPS, async () => {
    const customer = runner.user('customer', 'listCustodialRemittanceCorridors');
    const corridors: any[] = await runner.step('listCustodialRemittanceCorridors', { as: customer });
    const corridor = corridors.find((c) => c.is_active !== false && runner.wallet(customer, c.network));
    if (!corridor) throw new StepFailed('listCustodialRemittanceCorridors', `answered no active corridor on a network ${customer.name} has a wallet on`);
    const wallet = runner.wallet(customer, corridor.network)!;
    await runner.faucet(wallet.id, corridor.asset, '100');
    const price = await runner.step('resolvePricing', {
      as: customer,
      body: () => ({ flow_type: 'offramp', asset: corridor.asset, fiat_currency: corridor.fiat_currency, amount_in: AMOUNT, amount_in_type: 'fiat', network: corridor.network }),
    });
    const shared = {
      beneficiary_fiat_amount: AMOUNT, fiat_currency: corridor.fiat_currency, asset: corridor.asset,
      pricing_profile_id: price.pricing_profile_id, fx_rate_quote_id: price.fx_rate_quote_id,
      sender_country: corridor.source_country, beneficiary_country: corridor.destination_country,
    };
    const draft = await runner.step('createCustodialRemittanceDraft', { as: customer, body: { ...shared, corridor_id: corridor.id, custodial_wallet_id: wallet.id } });
    await runner.step('confirmCustodialRemittanceDraft', { as: customer, params: { id: draft.draft.id }, body: () => ({}) });
    await runner.step('createRemittanceOffRampOrder', {
      as: customer,
      body: { ...shared, asset: undefined, customer_id: customer.userId, vendor_id: corridor.vendor_id, offer_id: corridor.offer_id, sender_wallet_address: wallet.address, expires_at: undefined },
    });
  });
}
