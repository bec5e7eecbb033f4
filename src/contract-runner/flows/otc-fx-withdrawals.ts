// Treasury's negotiated FX references (create for a master merchant, read by id and by code, resend the email,
// cancel) and an OTC withdrawal (a merchant sells crypto for fiat, an admin executes it).
import { play, type FlowRunner } from './runner.ts';

export const NFX_OPS = ['createNegotiatedFxReference', 'getNegotiatedFxReferenceById', 'getNegotiatedFxReferenceByCode', 'resendNegotiatedFxReferenceEmail', 'cancelNegotiatedFxReference'];
export const WITHDRAWAL_OPS = ['createOtcWithdrawal', 'executeOtcWithdrawal'];

export async function negotiatedFxFlow(runner: FlowRunner): Promise<void> {
  await play(runner, NFX_OPS, async () => {
    const treasury = runner.user('treasury', 'createNegotiatedFxReference');
    const merchant = runner.user('vendor', 'createNegotiatedFxReference');
    // Tomorrow by the server's clock, in UTC: never "already past" whatever the server's time of day.
    const tomorrow = new Date(runner.serverNow().getTime() + 86_400_000).toISOString().slice(0, 10);
    const ref = (await runner.step('createNegotiatedFxReference', {
      as: treasury,
      body: { merchant_id: merchant.userId, agreed_transaction_date: tomorrow, timezone: 'UTC', source_country: undefined, pricing_profile_id: undefined },
    })).reference;
    await runner.step('getNegotiatedFxReferenceById', { as: treasury, params: { id: ref.id } });
    await runner.step('getNegotiatedFxReferenceByCode', { as: merchant, params: { code: ref.reference_code } });
    await runner.step('resendNegotiatedFxReferenceEmail', { as: treasury, params: { id: ref.id } });
    await runner.step('cancelNegotiatedFxReference', { as: treasury, params: { id: ref.id } });
  });
}

export async function withdrawalFlow(runner: FlowRunner): Promise<void> {
  await play(runner, WITHDRAWAL_OPS, async () => {
    const merchant = runner.user('vendor', 'createOtcWithdrawal');
    const wallet = runner.wallet(merchant, 'tron');
    if (wallet) await runner.faucet(wallet.id, 'USDT', '100');
    // Without the example's pricing pair: the server finds the withdrawal lane itself (resolve-otc).
    const withdrawal = (await runner.step('createOtcWithdrawal', {
      as: merchant, body: { crypto_amount: '50.00000000', pricing_profile_id: undefined, fx_rate_quote_id: undefined, from_wallet_id: undefined },
    })).withdrawal;
    await runner.step('executeOtcWithdrawal', { as: runner.user('admin', 'executeOtcWithdrawal'), params: { id: withdrawal.id } });
  });
}
