// An OTC bank deposit end to end: the merchant drafts it (and edits the draft), prices it with the pricing resolve-otc finds, uploads the
// proof (then downloads it from the public proof URL) and submits it; an admin assigns it to an officer, who claims
// and confirms it; treasury credits it, which opens a multisig proposal the treasury signers read and confirm.
// A second deposit is submitted with a proof URL and rejected.
import { play, StepFailed, type FlowRunner } from './runner.ts';

export const DEPOSIT_OPS = ['createOtcDepositDraft', 'updateOtcDepositDraft', 'quoteOtcDeposit', 'uploadOtcDepositProof', 'downloadOtcDepositProof',
  'submitOtcDeposit', 'assignOtcDeposit', 'claimOtcDeposit', 'confirmOtcDeposit', 'creditOtcDeposit', 'getMultisigProposalById',
  'confirmMultisigProposal', 'rejectOtcDeposit'];

export async function otcDepositFlow(runner: FlowRunner): Promise<void> {
  await play(runner, DEPOSIT_OPS, async () => {
    const merchant = runner.user('vendor', 'createOtcDepositDraft');
    const draft = async () => (await runner.step('createOtcDepositDraft', {
      as: merchant,
      body: { idempotency_key: `verify-${runner.deps.ctx.fresh.tag()}`, to_wallet_id: undefined, pricing_profile_id: undefined, fx_rate_quote_id: undefined },
    })).deposit;
    const first = await draft();
    await runner.step('updateOtcDepositDraft', { as: merchant, params: { id: first.id } });
    const pricing = await runner.step('resolveOtcPricing', {
      as: merchant,
      body: { flow_type: 'b2b', otc_type: 'deposit', asset: first.requested_asset, network: first.requested_network, fiat_currency: first.fiat_currency, amount_in: first.fiat_amount, amount_in_type: 'fiat' },
    });
    const quote = (d: any) => runner.step('quoteOtcDeposit', {
      as: merchant, params: { id: d.id },
      body: { pricing_profile_id: pricing.pricing_profile_id, fx_rate_quote_id: pricing.fx_rate_quote_id, requested_asset: d.requested_asset, requested_network: d.requested_network, requested_crypto_amount: undefined },
    });
    await quote(first);
    const uploaded = (await runner.step('uploadOtcDepositProof', { as: merchant, params: { id: first.id } })).deposit;
    const proof = /^\/otc-deposits-proof\/([^/]+)\/([^/]+)\.pdf$/.exec(uploaded.proof_url ?? '');
    if (!proof) throw new StepFailed('uploadOtcDepositProof', `answered a proof_url that is not /otc-deposits-proof/{deposit_id}/{file}.pdf: ${uploaded.proof_url}`);
    await runner.step('downloadOtcDepositProof', { as: null, params: { deposit_id: proof[1], file: proof[2] } });
    const transferDate = runner.serverNow().toISOString().slice(0, 10);
    const submit = (d: any, extra: Record<string, unknown> = {}) => runner.step('submitOtcDeposit', {
      as: merchant, params: { id: d.id },
      body: { payment_reference: `FT${runner.deps.ctx.fresh.tag()}`, transfer_date: transferDate, proof_file_name: undefined, proof_file_sha256: undefined, ...extra },
    });
    await submit(first);
    const admin = runner.user('admin', 'assignOtcDeposit');
    const officer = runner.user('otc_officer', 'assignOtcDeposit');
    await runner.step('assignOtcDeposit', { as: admin, params: { id: first.id }, body: { assignee_user_id: officer.userId } });
    await runner.step('claimOtcDeposit', { as: officer, params: { id: first.id } });
    const confirmed = (await runner.step('confirmOtcDeposit', { as: officer, params: { id: first.id } })).deposit;
    // Treasury pays from its multisig wallet: above the officer's cap, and no pricing snapshot (all four or none).
    const treasury = runner.user('treasury', 'creditOtcDeposit');
    const credit = await runner.step('creditOtcDeposit', {
      as: treasury, params: { id: first.id },
      body: {
        asset: confirmed.requested_asset, network: confirmed.requested_network, crypto_amount: confirmed.requested_crypto_amount,
        to_wallet_id: undefined, pricing_profile_id: undefined, fx_rate_quote_id: undefined, fiat_currency: undefined, fiat_amount_equivalent: undefined,
      },
    });
    await runner.step('getMultisigProposalById', { as: treasury, params: { id: credit.proposal_id } });
    // The treasury wallet's other signers confirm until it executes. The contract names no signer list (only the
    // proposal's signers may confirm, a non-signer is answered 403): every logged-in session that has not signed yet
    // tries, while the proposal is pending.
    let { proposal } = await runner.step('confirmMultisigProposal', { as: treasury, params: { id: credit.proposal_id } });
    for (const session of runner.sessions.loggedIn()) {
      if (proposal.status !== 'pending') break;
      if (proposal.signatures.some((s: { signer_user_id: string }) => s.signer_user_id === session.userId)) continue;
      try {
        ({ proposal } = await runner.step('confirmMultisigProposal', { as: session, params: { id: credit.proposal_id } }));
      } catch (error) {
        if (!(error instanceof StepFailed) || error.status !== 403) throw error;
      }
    }
    const second = await draft();
    await quote(second);
    await submit(second, { proof_url: 'https://files.example.com/verify/bank-advice.pdf' });
    await runner.step('rejectOtcDeposit', { as: admin, params: { id: second.id } });
  });
}
