// Creating deposits: the one-shot call (bank → pending; M-Pesa → pending + STK push) and the B2B web draft with
// its idempotency key, plus editing a draft.
import type { World } from '../../kernel/world.ts';
import type { Principal } from '../../auth/principal.ts';
import type { CreateOtcDepositRequest, CreateOtcDepositDraftRequest, UpdateOtcDepositDraftRequest } from '../../../contracts/generated/types.js';
import { conflict, invalidField, unprocessable } from '../../kernel/errors.ts';
import { dec } from '../../kernel/money.ts';
import { stkOf } from '../../simulation/ports/mpesa-stk.ts';
import { blankDeposit, depositByIdempotencyKey, otcDeposits, writeAudit, applyTransition, actorOf, type OtcDepositRow } from './deposits.ts';
import { depositFieldsFrom, fingerprint } from './deposit-fields.ts';
import { masterMerchantId, resolvePayoutWallet } from './merchants.ts';
import { defaultWallet } from '../wallets.ts';
import { checkOneShotPricingIds } from './deposit-pricing-ids.ts';
import { toE164 } from '../phones.ts';

export const OTC_STK_PURPOSE = 'otc_deposit';

function payoutPatch(world: World, principal: Principal, masterId: string, network: OtcDepositRow['requested_network'] | undefined,
  walletId?: string | null): Partial<OtcDepositRow> {
  if (!network) return {};
  const wallet = resolvePayoutWallet(world, { callerId: principal.userId, masterId, network, walletId });
  return { to_wallet_id: wallet.id, credited_to_address: wallet.address };
}

export function createOneShotDeposit(world: World, principal: Principal, body: CreateOtcDepositRequest): OtcDepositRow {
  const masterId = masterMerchantId(world, principal);
  const fields = depositFieldsFrom(world, body);
  checkOneShotPricingIds(world, body);
  const row = { ...blankDeposit(world, masterId, body.method, 'pending'), ...fields, ...payoutPatch(world, principal, masterId, body.requested_network) };
  if (body.method === 'mpesa') {
    if (row.fiat_currency !== 'KES') throw unprocessable('M-Pesa deposits must be in KES');
    if (!dec(row.fiat_amount!).isInteger()) throw unprocessable('M-Pesa takes whole shillings: fiat_amount must have no cents');
  }
  let deposit = otcDeposits(world).insert(row);
  writeAudit(world, deposit, 'created', actorOf(principal), null, 'pending');
  if (body.method === 'mpesa') {
    // The contract requires phone_number with method mpesa (CreateOtcDepositRequest's if/then, checked by validation).
    const phone = toE164(body.phone_number!);
    const push = stkOf(world).startPush({
      phone_number: phone, amount: dec(deposit.fiat_amount!).toFixed(0), account_reference: `OTC-${deposit.id.slice(0, 8)}`,
      purpose: OTC_STK_PURPOSE, reference_id: deposit.id,
    });
    deposit = otcDeposits(world).update(deposit.id, {
      merchant_request_id: push.merchant_request_id, checkout_request_id: push.checkout_request_id, mpesa_phone_number: phone,
    });
    writeAudit(world, deposit, 'mpesa_stk_initiated', actorOf(principal), 'pending', 'pending');
  }
  return deposit;
}

/** The key of a draft request: header or body field; both present and different is a 400. */
function idempotencyKey(headers: Record<string, string>, body: CreateOtcDepositDraftRequest): string | null {
  const header = headers['idempotency-key'];
  const field = body.idempotency_key;
  if (header !== undefined && field !== undefined && header !== field) {
    throw invalidField('/idempotency_key', 'differs from the Idempotency-Key header; send one key');
  }
  return header ?? field ?? null;
}

export function createDraftDeposit(world: World, principal: Principal, headers: Record<string, string>, body: CreateOtcDepositDraftRequest):
  { deposit: OtcDepositRow; replay: boolean } {
  const masterId = masterMerchantId(world, principal);
  const key = idempotencyKey(headers, body);
  // The canonical body matters only to a keyed draft (compared on replay, stored for the next one).
  const print = key ? fingerprint(body) : null;
  if (key) {
    const earlier = depositByIdempotencyKey(world, masterId, key);
    if (earlier) {
      if (earlier.idempotency_fingerprint !== print) throw conflict(`idempotency key ${key} was already used with a different request body`);
      return { deposit: backfillPayoutWallet(world, earlier), replay: true };
    }
  }
  // depositFieldsFrom copies only the deposit's own columns (idempotency_key, method and phone_number are not among them).
  // Patches written onto the fresh blank row (every column already there, so none is added), not spread into a new
  // literal: spreading a row this wide is V8's slow path. Same columns, same order, same values.
  const row = Object.assign(blankDeposit(world, masterId, 'bank', 'draft'), depositFieldsFrom(world, body),
    payoutPatch(world, principal, masterId, body.requested_network, body.to_wallet_id));
  row.idempotency_key = key;
  row.idempotency_fingerprint = print;
  const deposit = otcDeposits(world).insert(row);
  writeAudit(world, deposit, 'created', actorOf(principal), null, 'draft');
  return { deposit, replay: false };
}

export function updateDraftDeposit(world: World, principal: Principal, deposit: OtcDepositRow, body: UpdateOtcDepositDraftRequest): OtcDepositRow {
  const to_wallet_id = body.to_wallet_id;
  const fields = depositFieldsFrom(world, body);
  const network = fields.requested_network ?? deposit.requested_network;
  const rewire = body.requested_network !== undefined || to_wallet_id !== undefined;
  // A network change without a new wallet id falls back to the caller's default wallet on the new network.
  const keepWallet = to_wallet_id ?? (body.requested_network === undefined ? deposit.to_wallet_id : null);
  const payout = rewire ? payoutPatch(world, principal, deposit.merchant_id, network, keepWallet) : {};
  if (rewire && !network) throw unprocessable('set requested_network before choosing a payout wallet');
  return applyTransition(world, deposit, 'update_draft', 'draft_updated', actorOf(principal), { ...fields, ...payout });
}

/**
 * Legacy rows without a payout address get the merchant's default wallet on requested_network (saved, audited).
 * Nothing happens when no wallet resolves: the row stays readable.
 */
export function backfillPayoutWallet(world: World, deposit: OtcDepositRow): OtcDepositRow {
  if (deposit.to_wallet_id || !deposit.requested_network) return deposit;
  const wallet = defaultWallet(world, deposit.merchant_id, deposit.requested_network);
  if (!wallet) return deposit;
  const next = otcDeposits(world).update(deposit.id, { to_wallet_id: wallet.id, credited_to_address: wallet.address });
  writeAudit(world, next, 'payout_wallet_resolved', null, deposit.status, deposit.status);
  return next;
}
