// Multisig wallets and transfers. A vendor registers a platform-managed multisig (B2B transfers from it complete at
// once, internal and external) and a self-managed 2-of-2 with its sub-vendor (a B2B transfer from it becomes a
// proposal both signers read and confirm). A customer sends P2P to an external address and, priced as /pricing/resolve
// finds it, to another user, then reads that transfer and its pricing. Balances come from the sandbox faucet when the target is a sandbox.
import { play, StepFailed, type FlowRunner } from './runner.ts';

export const MULTISIG_OPS = ['registerMultisigWallet', 'createB2bTransfer', 'createB2bExternalTransfer', 'getMultisigProposalById', 'confirmMultisigProposal'];
export const P2P_OPS = ['createP2pExternalTransfer', 'createP2pTransfer', 'getTransferById', 'getTransferPricing'];
/** A valid TRON address that is nobody's platform wallet (the contract's own remittance example). */
const EXTERNAL_TRON = 'TPY7ewYk2eY9b4TTYkCHJH3Cqudh3NU6tM';
const NO_PRICING = { pricing_profile_id: undefined, fx_rate_quote_id: undefined, fiat_currency: undefined, fiat_amount_equivalent: undefined };

export async function multisigFlow(runner: FlowRunner): Promise<void> {
  await play(runner, MULTISIG_OPS, async () => {
    const vendor = runner.user('vendor', 'registerMultisigWallet');
    const sub = runner.user('subvendor', 'createB2bTransfer');
    const register = (multisig: unknown) => runner.step('registerMultisigWallet', {
      as: vendor, body: { network: 'tron', name: `verify multisig ${runner.deps.ctx.fresh.tag()}`, is_default: false, owner_user_id: undefined, multisig },
    });
    const transfer = { asset: 'USDT', network: 'tron', memo: 'verify', ...NO_PRICING };
    const platform = await register(undefined);
    await runner.faucet(platform.wallet_id, 'USDT', '100');
    await runner.step('createB2bTransfer', { as: vendor, body: { ...transfer, to_vendor_id: sub.userId, amount: '10.00', from_wallet_id: platform.wallet_id } });
    await runner.step('createB2bExternalTransfer', { as: vendor, body: { ...transfer, to_address: EXTERNAL_TRON, amount: '5.00', from_wallet_id: platform.wallet_id } });
    const signers = [vendor, sub].map((s) => runner.wallet(s, 'tron')?.address);
    if (signers.some((a) => !a)) throw new StepFailed('registerMultisigWallet', 'needs a TRON wallet of the vendor and of the sub-vendor (the signers)');
    const shared = await register({ multisig_type: 'tron_native', signer_addresses: signers, threshold: 2 });
    await runner.faucet(shared.wallet_id, 'USDT', '100');
    const pending = await runner.step('createB2bTransfer', { as: vendor, body: { ...transfer, to_vendor_id: sub.userId, amount: '7.00', from_wallet_id: shared.wallet_id } });
    if (!pending.proposal_id) throw new StepFailed('createB2bTransfer', 'answered no proposal_id for a transfer from a self-managed multisig');
    await runner.step('getMultisigProposalById', { as: vendor, params: { id: pending.proposal_id } });
    for (const signer of [vendor, sub]) await runner.step('confirmMultisigProposal', { as: signer, params: { id: pending.proposal_id } });
  });
}

export async function p2pFlow(runner: FlowRunner): Promise<void> {
  await play(runner, P2P_OPS, async () => {
    const customer = runner.user('customer', 'createP2pTransfer');
    const other = runner.sessions.candidates(null).find((s) => s !== customer && s.userId && runner.wallet(s, 'tron'));
    if (!other) throw new StepFailed('createP2pTransfer', 'needs a second logged-in user with a TRON wallet (the recipient)');
    const wallet = runner.wallet(customer, 'tron');
    if (wallet) await runner.faucet(wallet.id, 'USDT', '20');
    const transfer = { asset: 'USDT', network: 'tron', amount: '5.00', from_wallet_id: undefined, ...NO_PRICING };
    await runner.step('createP2pExternalTransfer', { as: customer, body: { ...transfer, to_address: EXTERNAL_TRON } });
    // A transfer has pricing only when it was sent with the pricing quartet (flow_type p2p), as /pricing/resolve finds it.
    const price = await runner.step('resolvePricing', {
      as: customer, body: () => ({ flow_type: 'p2p', asset: 'USDT', fiat_currency: 'KES', amount_in: transfer.amount, amount_in_type: 'crypto', network: 'tron' }),
    });
    const sent = await runner.step('createP2pTransfer', {
      as: customer,
      body: {
        ...transfer, to_user_id: other.userId, to_address: undefined, pricing_profile_id: price.pricing_profile_id, fx_rate_quote_id: price.fx_rate_quote_id,
        fiat_currency: price.fiat_currency, fiat_amount_equivalent: price.amounts.gross_fiat_amount,
      },
    });
    await runner.step('getTransferById', { as: customer, params: { id: sent.transfer.id } });
    await runner.step('getTransferPricing', { as: customer, params: { id: sent.transfer.id } });
  });
}
