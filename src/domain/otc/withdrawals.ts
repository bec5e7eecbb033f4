// OTC withdrawals: a merchant sells stablecoin for a fiat payout. The crypto is locked on create; an admin's execute
// moves it (once) from the locked part of the merchant's wallet to the treasury wallet and starts the fiat payout
// (the B2C simulator, src/simulation/ports/mpesa-b2c.ts), which reports on the sandbox clock (withdrawal-payout.ts applies its result).
//   pending --execute--> processing --payout reports success--> completed
//                        processing --payout reports failure--> failed (the crypto goes back to from_wallet_id)
//   (approved / rejected: in the enum, no endpoint sets them)
import { toE164 } from '../phones.ts';
import type { World } from '../../kernel/world.ts';
import type { Principal } from '../../auth/principal.ts';
import type { Network } from '../../kernel/addresses.ts';
import { notFound, unprocessable, illegalTransition } from '../../kernel/errors.ts';
import { getWallet, defaultWallet } from '../wallets.ts';
import { lock, move } from '../ledger.ts';
import { requireActiveFiat } from '../pricing/index.ts';
import { chainOf } from '../../simulation/ports/chain.ts';
import { masterMerchantId, merchantTree } from './merchants.ts';
import { cryptoInput } from './amounts.ts';
import { byCreation } from './ordering.ts';
import { resolveWithdrawalPricing } from './pricing-link.ts';
import { recordOtcTransfer } from './transfers-link.ts';
import type { TransferRow } from '../merchants/transfers.ts';
import { msisdnDigits } from '../marketplace/orders.ts';
import { attachTransferPricing, withdrawalPricing, type PendingSnapshot } from './pricing-snapshots.ts';
import { treasuryMultisig } from './deposit-credit.ts';
import { OTC_WITHDRAWAL_PAYOUT_DELAY_S } from './config.ts';
import { b2cOf } from '../../simulation/ports/mpesa-b2c.ts';
import type { CreateOtcWithdrawalRequest } from '../../../contracts/generated/types.js';

export type WithdrawalStatus = 'pending' | 'approved' | 'processing' | 'completed' | 'rejected' | 'failed';

export interface OtcWithdrawalRow {
  id: string;
  merchant_id: string;
  asset: 'USDT' | 'USDC';
  network: Network;
  usdt_amount: string;
  fiat_amount: string;
  fiat_currency: string;
  method: 'bank' | 'mpesa';
  status: WithdrawalStatus;
  from_wallet_id: string;
  payout_bank_account: string | null;
  payout_bank_name: string | null;
  payout_phone_number: string | null;
  pricing_profile_id: string | null;
  fx_rate_quote_id: string | null;
  applied_fx_rate: string | null;
  rejection_reason: string | null;
  rejected_at: string | null;
  rejected_by: string | null;
  approved_at: string | null;
  approved_by: string | null;
  transfer_id: string | null;
  completed_at: string | null;
  completed_by: string | null;
  internal_note: string | null;
  created_at: string;
  updated_at: string;
  /** Internal: the pricing taken at creation, kept by the OTC_WITHDRAWAL transfer on execute (GET /transfers/{id}/pricing). */
  pricing: PendingSnapshot | null;
  seq: number;
}

export const otcWithdrawals = (w: World) => w.table<OtcWithdrawalRow>('otc_withdrawals');

/** The withdrawal state machine: where each change may start and where it ends. */
export const WITHDRAWAL_TRANSITIONS = {
  execute: { from: ['pending'], to: 'processing' },
  complete_payout: { from: ['processing'], to: 'completed' },
  fail_payout: { from: ['processing'], to: 'failed' },
} as const satisfies Record<string, { from: readonly WithdrawalStatus[]; to: WithdrawalStatus }>;

export function transition(world: World, w: OtcWithdrawalRow, name: keyof typeof WITHDRAWAL_TRANSITIONS, patch: Partial<OtcWithdrawalRow>): OtcWithdrawalRow {
  const t = WITHDRAWAL_TRANSITIONS[name];
  if (!(t.from as readonly WithdrawalStatus[]).includes(w.status)) {
    throw illegalTransition(`cannot ${name.replace(/_/g, ' ')} a withdrawal that is ${w.status} (allowed from ${t.from.join(' or ')})`, w.status);
  }
  return otcWithdrawals(world).update(w.id, { ...patch, status: t.to, updated_at: world.nowIso() });
}

export function getWithdrawal(world: World, id: string): OtcWithdrawalRow {
  const w = otcWithdrawals(world).get(id);
  if (!w) throw notFound(`otc withdrawal ${id} not found`);
  return w;
}

export const lockReference = (id: string) => `otc_withdrawal:${id}`;

export function createWithdrawal(world: World, principal: Principal, body: CreateOtcWithdrawalRequest): OtcWithdrawalRow {
  const masterId = masterMerchantId(world, principal);
  const fiat = requireActiveFiat(world, body.fiat_currency);
  const amount = cryptoInput('/crypto_amount', body.crypto_amount);
  const network: Network = body.network;
  if (body.method === 'mpesa' && fiat !== 'KES') throw unprocessable('M-Pesa payouts must be in KES');
  const wallet = body.from_wallet_id ? getWallet(world, body.from_wallet_id) : defaultWallet(world, principal.userId, network);
  if (!wallet) throw unprocessable(`you have no default wallet on ${network}`);
  if (!merchantTree(world, masterId).has(wallet.user_id)) throw unprocessable(`wallet ${wallet.id} does not belong to you or your merchant`);
  if (wallet.network !== network) throw unprocessable(`wallet ${wallet.id} is on ${wallet.network}, not ${network}`);
  // The rows that price it: the pair sent (checked by the snapshot), else resolve-otc's pick; priced once, here.
  const rows = body.pricing_profile_id
    ? { pricing_profile_id: body.pricing_profile_id as string, fx_rate_quote_id: body.fx_rate_quote_id as string }
    : resolveWithdrawalPricing(world, { asset: body.asset, fiat_currency: fiat, crypto_amount: amount, network });
  const pricing = withdrawalPricing(world, { ...rows, asset: body.asset, fiat_currency: fiat, network, crypto_amount: amount });
  const { snapshot } = pricing;
  const id = world.random.uuid();
  lock(world, wallet.id, body.asset, amount, lockReference(id));
  const now = world.nowIso();
  return otcWithdrawals(world).insert({
    id, merchant_id: masterId, asset: body.asset, network, usdt_amount: amount, fiat_amount: snapshot.amounts.net_fiat_amount, fiat_currency: fiat,
    method: body.method, status: 'pending', from_wallet_id: wallet.id,
    // The contract's if/then (bank → bank fields, mpesa → phone required) is beyond openapi-typescript; validation checked it.
    payout_bank_account: body.method === 'bank' ? body.payout_bank_account as string : null,
    payout_bank_name: body.method === 'bank' ? body.payout_bank_name as string : null,
    payout_phone_number: body.method === 'mpesa' ? toE164(body.payout_phone_number as string) : null,
    pricing_profile_id: snapshot.pricing_profile_id, fx_rate_quote_id: snapshot.fx_rate_quote_id, applied_fx_rate: snapshot.applied_fx_rate,
    rejection_reason: null, rejected_at: null, rejected_by: null, approved_at: null, approved_by: null, transfer_id: null,
    completed_at: null, completed_by: null, internal_note: null, created_at: now, updated_at: now, pricing,
    seq: world.nextSequence('otc_withdrawals'),
  });
}

/** The purpose of a withdrawal's fiat payout (the B2C simulator hands its result back by it). */
export const OTC_WITHDRAWAL_PAYOUT_PURPOSE = 'otc_withdrawal';

export function executeWithdrawal(world: World, principal: Principal, w: OtcWithdrawalRow): { withdrawal: OtcWithdrawalRow; transfer: TransferRow } {
  // The transition first: a withdrawal that is not pending is a 409 before anything moves (the request is one transaction).
  const executed = transition(world, w, 'execute', { approved_at: world.nowIso(), approved_by: principal.userId });
  const treasury = treasuryMultisig(world, w.network);
  move(world, w.from_wallet_id, treasury.wallet_id, w.asset, w.usdt_amount, lockReference(w.id), true);
  const transfer = recordOtcTransfer(world, {
    type: 'OTC_WITHDRAWAL', fromWalletId: w.from_wallet_id, toWalletId: treasury.wallet_id, toAddress: treasury.address,
    asset: w.asset, amount: w.usdt_amount, network: w.network, status: 'completed', txHash: chainOf(world).newTxHash(w.network),
    proposalId: null, memo: `OTC withdrawal ${w.id}`,
  });
  attachTransferPricing(world, transfer.id, w.pricing ?? null);
  const withdrawal = otcWithdrawals(world).update(executed.id, { transfer_id: transfer.id });
  const mpesa = w.method === 'mpesa';
  b2cOf(world).startPayout({
    purpose: OTC_WITHDRAWAL_PAYOUT_PURPOSE, reference_id: w.id, method: w.method,
    destination: mpesa ? msisdnDigits(w.payout_phone_number ?? '') : w.payout_bank_account ?? '',
    amount: w.fiat_amount, currency: w.fiat_currency,
  }, world.clock.nowMs() + OTC_WITHDRAWAL_PAYOUT_DELAY_S * 1000);
  return { withdrawal, transfer };
}

export function listWithdrawals(world: World, filter: (w: OtcWithdrawalRow) => boolean, order: 'asc' | 'desc'): OtcWithdrawalRow[] {
  return otcWithdrawals(world).filter(filter).sort(byCreation(order));
}
