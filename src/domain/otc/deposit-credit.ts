// Crediting a confirmed deposit: the tolerance and officer-cap rules, then a treasury → merchant multisig proposal
// (it reserves the treasury's funds) with its OTC_CREDIT transfer. The merchant's balance rises once, when the
// proposal reaches its threshold and executes (settleCredit; cancelCredit when the proposal is cancelled instead: both
// registered by the otc simulation installer).
import type { World } from '../../kernel/world.ts';
import type { Principal } from '../../auth/principal.ts';
import { forbidden, unprocessable, illegalTransition, insufficientBalance, secondApprovalRequired } from '../../kernel/errors.ts';
import { addressMatchesNetwork, type Network } from '../../kernel/addresses.ts';
import { findWalletByAddress, getWallet, type WalletRow } from '../wallets.ts';
import { available, balanceRow, USD_PRICE } from '../ledger.ts';
import { createProposal, multisigWallets, proposals, type MultisigWalletRow, type ProposalRow } from '../multisig.ts';
import { users } from '../users.ts';
import { dec, fmt8 } from '../../kernel/money.ts';
import { applyTransition, actorOf, assertTransition, canTransition, otcDeposits, type OtcDepositRow } from './deposits.ts';
import { bpsApart, cryptoInput } from './amounts.ts';
import { attachTransferPricing, creditPricing } from './pricing-snapshots.ts';
import { recordOtcTransfer } from './transfers-link.ts';
import { cancelPendingTransfer, completePendingTransfer, transferOfProposal, transfers } from '../merchants/transfers.ts';
import { OTC_CREDIT_QUOTE_TOLERANCE_BPS, OTC_OFFICER_MAX_USD } from './config.ts';
import type { CreditOtcDepositRequest } from '../../../contracts/generated/types.js';

export const OTC_CREDIT_REFERENCE = 'otc_credit';

/** USD notional of an amount of the asset, at the sandbox's fixed prices. */
const usdNotional = (asset: 'USDT' | 'USDC', amount: string) => dec(amount).times(USD_PRICE[asset]);

/** The credit proposals of a deposit, newest last. */
export function creditProposals(world: World, depositId: string): ProposalRow[] {
  return proposals(world).filter((p) => p.reference_type === OTC_CREDIT_REFERENCE && p.reference_id === depositId);
}

/** A deposit is creditable when confirmed with no pending or executed credit proposal (a cancelled one does not count). */
export function isReadyToCredit(world: World, d: OtcDepositRow): boolean {
  return canTransition(d, 'request_credit') && !creditProposals(world, d.id).some((p) => p.status !== 'cancelled');
}

/** The latest credit proposal: the one the deposit's current transfer waits for. */
export function latestCreditProposal(world: World, d: OtcDepositRow): ProposalRow | null {
  const transfer = d.transfer_id ? transfers(world).get(d.transfer_id) : undefined;
  return (transfer?.proposal_id && proposals(world).get(transfer.proposal_id)) || null;
}

/** The treasury's multisig wallet on a network (the seeded 2-of-2 treasury + admin wallet). */
export function treasuryMultisig(world: World, network: Network): MultisigWalletRow {
  const ms = multisigWallets(world).filter((m) => m.network === network && users(world).get(m.owner_user_id)?.role === 'treasury')
    .sort((a, b) => a.created_at.localeCompare(b.created_at))[0];
  if (!ms) throw unprocessable(`no treasury multisig wallet on ${network}`);
  return ms;
}

function destination(world: World, deposit: OtcDepositRow, body: CreditOtcDepositRequest, network: Network): { wallet: WalletRow | null; address: string } {
  if (body.to_wallet_id) {
    const wallet = getWallet(world, body.to_wallet_id);
    if (wallet.network !== network) throw unprocessable(`wallet ${wallet.id} is on ${wallet.network}, not ${network}`);
    return { wallet, address: wallet.address };
  }
  if (body.to_address) {
    if (!addressMatchesNetwork(body.to_address, network)) throw unprocessable(`to_address ${body.to_address} is not a ${network} address`);
    return { wallet: findWalletByAddress(world, body.to_address) ?? null, address: body.to_address };
  }
  if (!deposit.to_wallet_id) throw unprocessable('the deposit has no payout wallet: send to_wallet_id or to_address');
  const wallet = getWallet(world, deposit.to_wallet_id);
  if (wallet.network !== network) throw unprocessable(`the deposit's payout wallet is on ${wallet.network}, not ${network}; send to_wallet_id or to_address`);
  return { wallet, address: wallet.address };
}

export interface CreditResult { deposit: OtcDepositRow; proposal: ProposalRow; transferId: string }

export function creditDeposit(world: World, principal: Principal, deposit: OtcDepositRow, body: CreditOtcDepositRequest): CreditResult {
  assertTransition(deposit, 'request_credit');
  if (!isReadyToCredit(world, deposit)) {
    const open = creditProposals(world, deposit.id).find((p) => p.status !== 'cancelled')!;
    throw illegalTransition(`cannot credit a deposit that is ${deposit.status} with credit proposal ${open.id} ${open.status}`, deposit.status);
  }
  const isOfficer = principal.role === 'otc_officer';
  if (isOfficer && body.override_reason !== undefined) throw forbidden('forbidden: an otc_officer may not override the quote tolerance');
  const asset: 'USDT' | 'USDC' = body.asset;
  const network: Network = body.network;
  if (deposit.requested_asset && asset !== deposit.requested_asset) throw unprocessable(`asset ${asset} differs from the requested ${deposit.requested_asset}`);
  if (deposit.requested_network && network !== deposit.requested_network) throw unprocessable(`network ${network} differs from the requested ${deposit.requested_network}`);
  const amount = cryptoInput('/crypto_amount', body.crypto_amount);
  const pricing = creditPricing(world, deposit, body, { asset, network, amount });
  const to = destination(world, deposit, body, network);

  const quoted = deposit.requested_crypto_amount;
  const apart = quoted ? bpsApart(amount, quoted) : null;
  if (apart === null || apart.gt(OTC_CREDIT_QUOTE_TOLERANCE_BPS)) {
    const overridable = (principal.role === 'admin' || principal.role === 'treasury') && body.override_reason;
    if (!overridable) {
      throw secondApprovalRequired(quoted
        ? `crypto_amount ${amount} differs from the quoted ${quoted} by ${apart!.toFixed(2)} bps (tolerance ${OTC_CREDIT_QUOTE_TOLERANCE_BPS} bps); an admin or treasury user may retry with override_reason`
        : 'the deposit has no quoted requested_crypto_amount to check the credit against; an admin or treasury user may credit it with override_reason');
    }
  }
  if (isOfficer && usdNotional(asset, amount).gt(OTC_OFFICER_MAX_USD)) {
    throw secondApprovalRequired(`crypto_amount ${amount} exceeds the otc_officer limit of ${OTC_OFFICER_MAX_USD} USD; an admin or treasury user must credit it`);
  }
  const ms = treasuryMultisig(world, network);
  const treasuryBalance = balanceRow(world, ms.wallet_id, asset);
  if (available(treasuryBalance).lt(amount)) {
    throw insufficientBalance(`insufficient treasury balance: ${asset} available ${fmt8(available(treasuryBalance))} on ${network}, needed ${amount}`);
  }
  const proposal = createProposal(world, {
    multisigWalletId: ms.id, asset, amount, toWalletId: to.wallet?.id ?? null, toAddress: to.address,
    referenceType: OTC_CREDIT_REFERENCE, referenceId: deposit.id, createdBy: principal.userId, requireSubmittingOwner: true,
  });
  const transfer = recordOtcTransfer(world, {
    type: 'OTC_CREDIT', fromWalletId: ms.wallet_id, toWalletId: to.wallet?.id ?? null, toAddress: to.address, asset, amount, network,
    status: 'pending', txHash: null, proposalId: proposal.id, memo: `OTC deposit ${deposit.id}`,
  });
  attachTransferPricing(world, transfer.id, pricing);
  const next = applyTransition(world, deposit, 'request_credit', 'credit_requested', actorOf(principal), {
    credited_asset: asset, credited_crypto_amount: amount, credited_to_address: to.address,
    to_wallet_id: to.wallet?.id ?? deposit.to_wallet_id, transfer_id: transfer.id, credited_by: principal.userId,
  }, { reason: body.override_reason ?? null });
  return { deposit: next, proposal, transferId: transfer.id };
}

/** The credit proposal executed (money moved): the deposit is credited, its transfer completed, the partner told. */
export function settleCredit(world: World, proposal: ProposalRow): void {
  const deposit = otcDeposits(world).get(proposal.reference_id);
  if (!deposit || !canTransition(deposit, 'settle_credit')) return;
  const now = world.nowIso();
  const next = applyTransition(world, deposit, 'settle_credit', 'credited', null, {
    credited_at: now, usdt_amount: proposal.asset === 'USDT' ? proposal.amount : null,
  });
  const transfer = next.transfer_id ? completePendingTransfer(world, next.transfer_id, proposal.tx_hash) : undefined;
  world.emit('otc.deposit.settlement_completed', {
    deposit_id: next.id, merchant_id: next.merchant_id, status: 'credited', credited_asset: proposal.asset, network: proposal.network,
    credited_crypto_amount: proposal.amount, credited_to_address: proposal.to_address, to_wallet_id: proposal.to_wallet_id,
    transfer_id: transfer?.id ?? next.transfer_id, proposal_id: proposal.id, tx_hash: proposal.tx_hash, credited_at: now,
  });
}

/**
 * The credit proposal was cancelled (the multisig core released the treasury's reservation): its pending OTC_CREDIT
 * transfer will never complete, so it is cancelled; the deposit stays confirmed and may be credited again.
 */
export function cancelCredit(world: World, proposal: ProposalRow): void {
  const transfer = transferOfProposal(world, proposal.id);
  if (transfer) cancelPendingTransfer(world, transfer.id);
}
