// Remittances: the off-ramp order for a third-party beneficiary, the custodial remittance draft (priced, with its own
// escrow address) and its confirm (the chain send from the custodial wallet, retried after a failure), and corridors.
import type { World } from '../../kernel/world.ts';
import type { Principal } from '../../auth/principal.ts';
import Decimal from 'decimal.js';
import { conflict, forbidden, invalidField, notFound, unprocessable, illegalTransition, insufficientBalance } from '../../kernel/errors.ts';
import { getUser } from '../users.ts';
import { findWalletByAddress, getWallet } from '../wallets.ts';
import { available, balanceRow, move } from '../ledger.ts';
import { allocateOrderEscrow, escrowWallets } from '../escrow.ts';
import { dec, fmt2, fmt8, sum, type Dec } from '../../kernel/money.ts';
import { buildPricingSnapshot, requireCountry, type PricingSnapshot } from '../pricing/index.ts';
import { chainOf } from '../../simulation/ports/chain.ts';
import { checkOrderLimits, getOffer } from './offers.ts';
import { expiresAtOf, getOrder, msisdnDigits, networkOfAddress, orderCustomer, requireActiveFiatCode } from './orders.ts';
import { openOrder, takeHolds } from './open-order.ts';
import { transition } from './order-machine.ts';
import { detectDeposit } from './order-flow.ts';
import { JOBS, REMITTANCE_DRAFT_EXPIRY_MINUTES } from './config.ts';
import {
  corridors, nextSeq, orders, remittanceDrafts, type Asset, type CorridorRow, type FeeBearer, type OrderRow, type PayoutMethod,
  type RemittanceDraftRow,
} from './tables.ts';
import type { Network } from '../../kernel/addresses.ts';
import { ORDERS_BY_STATUS } from './indexes.ts';
import type { CreateRemittanceOffRampOrderRequest, CreateCustodialRemittanceDraftRequest } from '../../../contracts/generated/types.js';

// ---------- pricing of a remittance ----------

export interface RemittancePrice { pricing: PricingSnapshot; crypto: string; payoutFiat: string; fee: string }

/**
 * The beneficiary amount is the fiat side of the pricing (amount_in, fiat). The fee is the profile's fee on it; the
 * sender bearing it sends crypto for amount + fee, the receiver bearing it gets amount − fee. Crypto is rounded up to
 * 8 places so the escrow never holds less than the payout is worth.
 */
export function priceRemittance(world: World, input: {
  pricing_profile_id: string; fx_rate_quote_id: string; asset: string; fiat_currency: string; network: Network;
  beneficiary_fiat_amount: string; fee_bearer: FeeBearer;
}): RemittancePrice {
  const amount = input.beneficiary_fiat_amount;
  if (amount.includes('.') && amount.split('.')[1].length > 2) throw invalidField('/beneficiary_fiat_amount', 'must have at most 2 decimal places');
  if (dec(amount).lte(0)) throw invalidField('/beneficiary_fiat_amount', 'must be greater than zero');
  const pricing = buildPricingSnapshot(world, {
    pricing_profile_id: input.pricing_profile_id, fx_rate_quote_id: input.fx_rate_quote_id, flow_types: ['offramp', 'remittance'],
    asset: input.asset, fiat_currency: input.fiat_currency, network: input.network, amount_in: fmt2(amount), amount_in_type: 'fiat',
  }, { bearing: 'caller_bears_all' });
  const fee = dec(pricing.fees.total_fee_amount);
  const beneficiary = dec(amount);
  const grossFiat = input.fee_bearer === 'sender' ? beneficiary.plus(fee) : beneficiary;
  const payout = input.fee_bearer === 'sender' ? beneficiary : beneficiary.minus(fee);
  if (payout.lte(0)) throw unprocessable(`fee exceeds amount: a fee of ${fmt2(fee)} ${input.fiat_currency} leaves nothing for the beneficiary`);
  const crypto: Dec = grossFiat.div(pricing.applied_fx_rate).toDecimalPlaces(8, Decimal.ROUND_UP);
  return { pricing, crypto: fmt8(crypto), payoutFiat: fmt2(payout), fee: fmt2(fee) };
}

function checkMpesaPayout(method: PayoutMethod, fiat: string, senderPhone: string, beneficiaryPhone: string): void {
  if (method !== 'mpesa') return;
  if (fiat !== 'KES') throw unprocessable(`M-Pesa payouts are in KES; fiat_currency is ${fiat}`);
  if (msisdnDigits(senderPhone) === msisdnDigits(beneficiaryPhone)) throw unprocessable('the sender and the beneficiary phone numbers must differ for an M-Pesa payout');
}

// ---------- remittance off-ramp order ----------

/** The request body as the contract defines it (CreateRemittanceOffRampOrderRequest; generated, not restated here). */
export type RemittanceOrderInput = CreateRemittanceOffRampOrderRequest;

export function createRemittanceOrder(world: World, principal: Principal, input: RemittanceOrderInput): OrderRow {
  orderCustomer(world, principal, input.customer_id);
  requireCountry(input.sender_country, '/sender_country');
  requireCountry(input.beneficiary_country, '/beneficiary_country');
  const offer = getOffer(world, input.offer_id);
  if (offer.status !== 'active') throw unprocessable(`offer ${offer.id} is not active`);
  if (offer.offer_type !== 'BUY') throw unprocessable('a remittance off-ramp order needs a BUY offer');
  if (offer.vendor_id !== input.vendor_id) throw unprocessable(`offer ${offer.id} does not belong to vendor ${input.vendor_id}`);
  if (input.customer_id === input.vendor_id) throw unprocessable('the customer cannot trade against their own offer');
  const own = findWalletByAddress(world, input.sender_wallet_address);
  if (own && own.user_id !== input.customer_id) throw unprocessable('sender_wallet_address is a CoinPool wallet of another user');
  const fiat = requireActiveFiatCode(world, input.fiat_currency);
  checkMpesaPayout(input.payout_method, fiat, input.sender_phone, input.payout_phone ?? input.beneficiary_phone);
  const network = networkOfAddress(input.sender_wallet_address);
  const feeBearer = input.fee_bearer ?? offer.default_fee_bearer ?? 'receiver';
  const price = priceRemittance(world, { ...input, asset: offer.asset, fiat_currency: fiat, network, fee_bearer: feeBearer });
  checkOrderLimits(offer, dec(price.crypto));
  const expiresAt = expiresAtOf(world, input.expires_at);
  const id = world.random.uuid();
  const escrow = allocateOrderEscrow(world, network, id);
  const bank = input.payout_method === 'bank' ? { bank_name: input.beneficiary_bank_name!, bank_code: input.beneficiary_bank_code!,
    account_name: input.beneficiary_account_name!, account_number: input.beneficiary_account_number! } : null;
  return openOrder(world, {
    id, customer_id: input.customer_id, vendor_id: input.vendor_id, offer_id: offer.id, asset: offer.asset, crypto_amount: price.crypto,
    fiat_amount: price.payoutFiat, fiat_currency: fiat, wallet_address: input.sender_wallet_address, network, status: 'awaiting_crypto',
    payment_method: 'mpesa', expires_at: expiresAt, payment_phone_number: msisdnDigits(input.payout_phone ?? input.beneficiary_phone),
    order_type: 'OFF_RAMP_SELL', order_subtype: 'remittance_offramp', corridor_id: null,
    sender_name: input.sender_name, sender_country: input.sender_country, sender_phone: input.sender_phone,
    escrow_wallet_address: escrow.address, escrow_network: escrow.network, escrow_reference: escrow.id, escrow_wallet_id: escrow.wallet_id,
    fee_bearer: feeBearer, payout_method: input.payout_method,
    beneficiary: { name: input.beneficiary_name ?? null, country: input.beneficiary_country, phone: msisdnDigits(input.beneficiary_phone), bank },
    pricing: price.pricing, remittance_draft_id: null,
  });
}

// ---------- corridors ----------

export const listCorridors = (world: World): CorridorRow[] => corridors(world).filter((c) => c.is_active)
  .sort((a, b) => a.source_country.localeCompare(b.source_country) || a.destination_country.localeCompare(b.destination_country) || a.id.localeCompare(b.id));

function corridorFor(world: World, input: { corridor_id?: string; beneficiary_country: string; fiat_currency: string; network: Network }): CorridorRow {
  if (input.corridor_id) {
    const c = corridors(world).get(input.corridor_id);
    if (!c) throw notFound(`corridor ${input.corridor_id} not found`);
    if (!c.is_active) throw unprocessable(`corridor ${c.id} is not active`);
    return c;
  }
  const dest = requireCountry(input.beneficiary_country, '/beneficiary_country');
  const c = listCorridors(world).find((x) => requireCountry(x.destination_country, '/destination_country') === dest
    && x.fiat_currency === input.fiat_currency && x.network === input.network);
  if (!c) throw unprocessable(`no active corridor to ${input.beneficiary_country} in ${input.fiat_currency} on ${input.network}`);
  return c;
}

// ---------- custodial remittance drafts ----------

/** The request body as the contract defines it (CreateCustodialRemittanceDraftRequest; generated, not restated here). */
export type DraftInput = CreateCustodialRemittanceDraftRequest;

export function createDraft(world: World, principal: Principal, input: DraftInput): RemittanceDraftRow {
  const wallet = getWallet(world, input.custodial_wallet_id);
  if (wallet.user_id !== principal.userId) throw forbidden('forbidden: the custodial wallet is not yours');
  if (wallet.network === 'solana') throw unprocessable(`wallet ${wallet.id} is on solana; remittances run on ethereum or tron`);
  requireCountry(input.sender_country, '/sender_country');
  requireCountry(input.beneficiary_country, '/beneficiary_country');
  const fiat = requireActiveFiatCode(world, input.fiat_currency);
  const corridor = corridorFor(world, { ...input, fiat_currency: fiat, network: wallet.network });
  if (corridor.network !== wallet.network) throw unprocessable(`corridor ${corridor.id} runs on ${corridor.network}; the wallet is on ${wallet.network}`);
  const asset = input.asset ?? corridor.asset;
  if (asset !== corridor.asset) throw unprocessable(`asset ${asset} differs from the corridor's ${corridor.asset}`);
  checkMpesaPayout(input.payout_method, fiat, input.sender_phone, input.beneficiary_phone);
  const price = priceRemittance(world, { ...input, asset, fiat_currency: fiat, network: wallet.network });
  if (price.pricing.asset !== asset) throw unprocessable(`the pricing is for ${price.pricing.asset}, not ${asset}`);
  checkOrderLimits(getOffer(world, corridor.offer_id), dec(price.crypto));
  const have = available(balanceRow(world, wallet.id, asset));
  if (have.lt(price.crypto)) throw insufficientBalance(`insufficient balance: ${asset} available ${fmt8(have)}, the remittance debits ${price.crypto}`);
  const id = world.random.uuid();
  const escrow = allocateOrderEscrow(world, wallet.network, id);
  const expiresMs = world.clock.nowMs() + REMITTANCE_DRAFT_EXPIRY_MINUTES * 60_000;
  const draft = remittanceDrafts(world).insert({
    id, seq: nextSeq(world, remittanceDrafts(world)), status: 'draft', customer_id: principal.userId, custodial_wallet_id: wallet.id,
    corridor_id: corridor.id, order_id: null, asset, network: wallet.network, escrow_wallet_address: escrow.address,
    escrow_wallet_id: escrow.wallet_id, escrow_id: escrow.id, beneficiary_fiat_amount: fmt2(input.beneficiary_fiat_amount),
    payout_fiat_amount: price.payoutFiat, fiat_currency: fiat, reference_fx_rate: price.pricing.reference_fx_rate,
    applied_fx_rate: price.pricing.applied_fx_rate, fee_bearer: input.fee_bearer, total_fee_amount: price.fee, fee_currency: fiat,
    usdt_total_debit: price.crypto, pricing_profile_id: input.pricing_profile_id, fx_rate_quote_id: input.fx_rate_quote_id,
    pricing: price.pricing, sender_name: input.sender_name, sender_country: input.sender_country, sender_phone: input.sender_phone,
    beneficiary_name: input.beneficiary_name ?? null, beneficiary_country: input.beneficiary_country,
    beneficiary_phone: msisdnDigits(input.beneficiary_phone), payout_method: input.payout_method,
    expires_at: world.clock.iso(expiresMs), created_at: world.nowIso(),
  });
  world.scheduler.schedule(JOBS.expireDraft, expiresMs, { draft_id: draft.id });
  return draft;
}

/** A draft still open: `draft` with no order, or with an order whose send failed (a confirm may retry it). */
const isOpenDraft = (world: World, d: RemittanceDraftRow): boolean =>
  d.status === 'draft' && (d.order_id === null || orders(world).get(d.order_id)?.status === 'failed');

function markExpired(world: World, draft: RemittanceDraftRow): RemittanceDraftRow {
  const escrow = escrowWallets(world).get(draft.escrow_id);
  if (escrow && escrow.status === 'active') escrowWallets(world).update(escrow.id, { status: 'inactive', updated_at: world.nowIso() });
  return remittanceDrafts(world).update(draft.id, { status: 'expired' });
}

/** At expires_at: an open draft expires and its escrow address is released. */
export function expireDraft(world: World, draftId: string): void {
  const d = remittanceDrafts(world).get(draftId);
  if (d && isOpenDraft(world, d)) markExpired(world, d);
}

export interface CustodialTransfer {
  transaction_hash: string | null; status: 'pending' | 'confirmed' | 'failed'; network: Network; asset: Asset; amount: string;
  from_address: string; to_address: string; error: string | null;
}

export function confirmDraft(world: World, principal: Principal, draftId: string): { order: OrderRow; transfer: CustodialTransfer; draft: RemittanceDraftRow } {
  let draft = remittanceDrafts(world).get(draftId);
  if (!draft) throw notFound(`remittance draft ${draftId} not found`);
  if (draft.customer_id !== principal.userId) throw forbidden('forbidden: only the draft\'s owner may confirm it');
  // Past expires_at the draft's job has already run (jobs run before every request); this is a safety net.
  if (draft.status === 'draft' && Date.parse(draft.expires_at) <= world.clock.nowMs() && isOpenDraft(world, draft)) {
    throw illegalTransition(`remittance draft expired at ${draft.expires_at}; cannot confirm`, 'expired');
  }
  if (draft.status !== 'draft') throw illegalTransition(`remittance draft is ${draft.status}; cannot confirm`, draft.status);
  const wallet = getWallet(world, draft.custodial_wallet_id);
  const base = { network: draft.network, asset: draft.asset, amount: draft.usdt_total_debit, from_address: wallet.address, to_address: draft.escrow_wallet_address };
  const funded = available(balanceRow(world, wallet.id, draft.asset)).gte(draft.usdt_total_debit);
  const failed = (order: OrderRow) => ({ order, draft: draft!, transfer: { ...base, transaction_hash: null, status: 'failed' as const, error: 'insufficient balance' } });
  let order: OrderRow;
  const retry = draft.order_id !== null;
  if (draft.order_id) {
    order = getOrder(world, draft.order_id);
    if (order.status !== 'failed') throw conflict(`remittance draft already has order ${order.id} (${order.status}); cannot confirm again`, draft.status);
    if (!funded) return failed(order); // the retry fails the same way: nothing changes
    order = takeHolds(world, order);
  } else {
    order = createCustodialOrder(world, draft);
    draft = remittanceDrafts(world).update(draft.id, { order_id: order.id });
    if (!funded) return failed(transition(world, order, 'fail_chain_send', 'chain_send_failed'));
  }
  move(world, wallet.id, draft.escrow_wallet_id, draft.asset, draft.usdt_total_debit, `remittance draft ${draft.id}`);
  const hash = chainOf(world).newTxHash(draft.network);
  order = detectDeposit(world, order, hash, world.clock.nowMs(), retry);
  draft = remittanceDrafts(world).update(draft.id, { status: 'confirmed' });
  return { order, draft, transfer: { ...base, transaction_hash: hash, status: 'pending', error: null } };
}

function createCustodialOrder(world: World, draft: RemittanceDraftRow): OrderRow {
  const corridor = draft.corridor_id ? corridors(world).get(draft.corridor_id) : undefined;
  if (!corridor) throw unprocessable('the draft has no corridor to take its liquidity provider from');
  const offer = getOffer(world, corridor.offer_id);
  if (offer.status !== 'active') throw unprocessable(`the corridor's offer ${offer.id} is not active`);
  checkOrderLimits(offer, dec(draft.usdt_total_debit));
  const wallet = getWallet(world, draft.custodial_wallet_id);
  getUser(world, corridor.vendor_id);
  return openOrder(world, {
    customer_id: draft.customer_id, vendor_id: corridor.vendor_id, offer_id: offer.id, asset: draft.asset,
    crypto_amount: draft.usdt_total_debit, fiat_amount: draft.payout_fiat_amount, fiat_currency: draft.fiat_currency,
    wallet_address: wallet.address, network: draft.network, status: 'awaiting_crypto', payment_method: 'mpesa',
    expires_at: draft.expires_at, payment_phone_number: draft.beneficiary_phone, order_type: 'OFF_RAMP_SELL',
    order_subtype: 'custodial_remittance_offramp', corridor_id: corridor.id, sender_name: draft.sender_name,
    sender_country: draft.sender_country, sender_phone: draft.sender_phone, escrow_wallet_address: draft.escrow_wallet_address,
    escrow_network: draft.network, escrow_reference: draft.id, escrow_wallet_id: draft.escrow_wallet_id, fee_bearer: draft.fee_bearer,
    payout_method: draft.payout_method,
    beneficiary: { name: draft.beneficiary_name, country: draft.beneficiary_country, phone: draft.beneficiary_phone, bank: null },
    pricing: draft.pricing, remittance_draft_id: draft.id,
  });
}

// ---------- treasury report hooks ----------

const USDT_ON = (n: Network) => (x: { asset: Asset; network: Network }) => x.asset === 'USDT' && x.network === n;

/** USDT priced by open drafts on a network. */
export const openDraftsUsdt = (world: World, network: Network): string =>
  fmt8(sum(remittanceDrafts(world).filter((d) => USDT_ON(network)(d) && isOpenDraft(world, d)).map((d) => d.usdt_total_debit)));

/** USDT of remittance orders still awaiting their crypto on a network (the documented "in flight"). */
export const inFlightRemittancesUsdt = (world: World, network: Network): string =>
  fmt8(sum(orders(world).index(ORDERS_BY_STATUS).rows('awaiting_crypto').filter((o) => USDT_ON(network)(o)
    && (o.order_subtype === 'remittance_offramp' || o.order_subtype === 'custodial_remittance_offramp')).map((o) => o.crypto_amount)));

