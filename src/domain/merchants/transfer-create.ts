// Creating P2P and B2B transfers: pick and check the source wallet and the destination, price it when asked, then
// settle according to the source: at once on the books (internal), reserved and broadcast (external, confirmed later
// on the sandbox clock), or through a multisig proposal (self-managed multisig source).
import type { P2pTransferRequest, P2pExternalTransferRequest, B2bTransferRequest, B2bExternalTransferRequest } from '../../../contracts/generated/types.js';
import type { World } from '../../kernel/world.ts';
import type { Principal } from '../../auth/principal.ts';
import { addressMatchesNetwork, type Network } from '../../kernel/addresses.ts';
import { defaultWallet, findWalletByAddress, getWallet, liveUserWalletAt, type WalletRow } from '../wallets.ts';
import { getUser, users, type UserRow } from '../users.ts';
import { isMasterMerchant, isSubMerchant } from './merchants.ts';
import { available, balanceRow, lock, move } from '../ledger.ts';
import { createProposal, multisigForWallet, type MultisigWalletRow, type ProposalRow } from '../multisig.ts';
import { buildPricingSnapshot, requireActiveFiat } from '../pricing/index.ts';
import Decimal from 'decimal.js';
import { dec, fmt8, type Dec } from '../../kernel/money.ts';
import { chainOf } from '../../simulation/ports/chain.ts';
import { forbidden, invalidField, notFound, unprocessable, insufficientBalance } from '../../kernel/errors.ts';
import { CONFIRM_TRANSFER_JOB, EXTERNAL_CONFIRMATION_SECONDS, TRANSFER_REFERENCE, transfers, type TransferRow } from './transfers.ts';
import { storeTransferPricing } from './transfer-pricing.ts';

/** Any of the four transfer request bodies (the contract's schemas); the fields the shared steps read are common to all. */
export type TransferBody = P2pTransferRequest | P2pExternalTransferRequest | B2bTransferRequest | B2bExternalTransferRequest;

export interface CreatedTransfer { transfer: TransferRow; proposal: ProposalRow | null }

const CUSTODIAL = ['hot', 'cold'];

/** A master merchant or a sub-merchant (role vendor or subvendor). */
const isMerchant = (u: UserRow) => isMasterMerchant(u) || isSubMerchant(u);

/** A wallet that belongs to a live user (not the platform's escrow, not a deleted user's). */
const userOf = (world: World, w: WalletRow) => {
  const u = users(world).get(w.user_id);
  return u && !u.deleted_at ? u : undefined;
};

/**
 * The source wallet: from_wallet_id, else the caller's default on the network; active and on the network. It is the
 * caller's own, except that on B2B an admin may name any merchant's (a wallet of no live user is then not found).
 */
function pickSource(world: World, principal: Principal, body: TransferBody, type: 'P2P' | 'B2B'): WalletRow {
  const wallet = body.from_wallet_id ? getWallet(world, body.from_wallet_id) : defaultWallet(world, principal.userId, body.network);
  if (!wallet) throw unprocessable(`you have no active default wallet on ${body.network}; send from_wallet_id`);
  if (type === 'B2B' && body.from_wallet_id) {
    const owner = userOf(world, wallet);
    if (!owner) throw notFound(`wallet ${body.from_wallet_id} not found`);
    const adminOnMerchant = principal.role === 'admin' && isMerchant(owner);
    if (owner.id !== principal.userId && !adminOnMerchant) throw forbidden('forbidden: from_wallet_id is not one of your wallets');
  } else if (wallet.user_id !== principal.userId) {
    throw forbidden('forbidden: from_wallet_id is not one of your wallets');
  }
  if (!wallet.is_active) throw unprocessable(`wallet ${wallet.id} is inactive`);
  if (wallet.network !== body.network) throw unprocessable(`wallet ${wallet.id} is on ${wallet.network}, not ${body.network}`);
  return wallet;
}

/** P2P source: the caller's own active custodial wallet on the network. */
function p2pSource(world: World, principal: Principal, body: TransferBody): WalletRow {
  const wallet = pickSource(world, principal, body, 'P2P');
  if (!CUSTODIAL.includes(wallet.wallet_type)) {
    throw unprocessable(`wallet ${wallet.id} is a ${wallet.wallet_type} wallet; P2P transfers are sent from a custodial (hot or cold) wallet`);
  }
  return wallet;
}

/** B2B source: a multisig wallet on the network, the caller's own (an admin may name any merchant's). */
function b2bSource(world: World, principal: Principal, body: TransferBody): { wallet: WalletRow; multisig: MultisigWalletRow } {
  const wallet = pickSource(world, principal, body, 'B2B');
  const multisig = multisigForWallet(world, wallet.id);
  if (!multisig) {
    throw unprocessable(`wallet ${wallet.id} is not a multisig wallet; B2B transfers are sent from a registered multisig wallet (POST /api/v1/auth/multisig/wallets)`);
  }
  return { wallet, multisig };
}

/** A user's active default wallet on the network: where transfers naming a user or vendor land. */
function walletOfUser(world: World, userId: string, network: Network): WalletRow {
  const wallet = defaultWallet(world, userId, network);
  if (!wallet) throw unprocessable(`user ${userId} has no active default wallet on ${network}`);
  return wallet;
}

/** to_address must be an address of the transfer's network (400 otherwise). */
function requireNetworkAddress(address: string, network: Network): void {
  if (!addressMatchesNetwork(address, network)) throw invalidField('/to_address', `is not a ${network} address`);
}

/** An address of a platform user's active wallet on the network (P2P by address). */
function platformWalletAt(world: World, address: string, network: Network): WalletRow {
  requireNetworkAddress(address, network);
  const found = liveUserWalletAt(world, address, network);
  if (!found) {
    throw unprocessable(`to_address ${address} is not an active ${network} wallet of a platform user; use /api/v1/auth/transfers/p2p/external for outside addresses`);
  }
  return found.wallet;
}

/** An outside address: matches the network and is no wallet of the sandbox's books. */
function externalAddress(world: World, address: string, network: Network, internalRoute: string): string {
  requireNetworkAddress(address, network);
  if (findWalletByAddress(world, address)) throw unprocessable(`to_address ${address} is a platform wallet; use ${internalRoute} for internal transfers`);
  return address;
}

function requireAvailable(world: World, wallet: WalletRow, asset: 'USDT' | 'USDC', amount: Dec): void {
  const row = balanceRow(world, wallet.id, asset);
  if (available(row).lt(amount)) {
    throw insufficientBalance(`insufficient balance: ${asset} available ${fmt8(available(row))} on wallet ${wallet.id}, needed ${fmt8(amount)}`);
  }
}

interface Plan {
  type: 'P2P' | 'B2B';
  flow: 'p2p' | 'b2b';
  from: WalletRow;
  multisig: MultisigWalletRow | null;
  to: WalletRow | null;
  toAddress: string;
}

function execute(world: World, principal: Principal, body: TransferBody, plan: Plan): CreatedTransfer {
  const asset = body.asset ?? 'USDT';
  // Parsed once: the 8-place amount as a Decimal for the checks and the ledger, as text for the rows.
  const cut = dec(body.amount).toDecimalPlaces(8, Decimal.ROUND_DOWN);
  const amount = cut.toFixed(8);
  if (cut.lte(0)) throw invalidField('/amount', 'must be greater than zero');
  if (plan.to && plan.to.id === plan.from.id) throw unprocessable('the source and destination are the same wallet');
  requireAvailable(world, plan.from, asset, cut);
  const id = world.random.uuid();
  if (body.pricing_profile_id) {
    requireActiveFiat(world, body.fiat_currency!);
    const snapshot = buildPricingSnapshot(world, {
      pricing_profile_id: body.pricing_profile_id, fx_rate_quote_id: body.fx_rate_quote_id!, flow_types: [plan.flow], otc_type: null,
      asset, fiat_currency: body.fiat_currency!, network: body.network, amount_in: amount, amount_in_type: 'crypto',
    }, { unknownStatus: 400, mismatchStatus: 400 });
    storeTransferPricing(world, id, snapshot, body.fiat_amount_equivalent!);
  }
  const selfManaged = plan.multisig?.management === 'self_managed';
  const external = !plan.to;
  const now = world.nowIso();
  const status = selfManaged || external ? 'pending' : 'completed';
  let transfer = transfers(world).insert({
    id, transfer_type: plan.type, is_external: external, from_user_id: plan.from.user_id, to_user_id: plan.to?.user_id ?? null,
    from_wallet_id: plan.from.id, to_wallet_id: plan.to?.id ?? null, from_address: plan.from.address, to_address: plan.toAddress,
    to_address_resolved: plan.toAddress, asset, crypto_amount: amount, network: body.network, status,
    tx_hash: null, memo: body.memo ?? null, proposal_id: null, created_at: now, updated_at: now,
    completed_at: status === 'completed' ? now : null,
  });
  const reference = `transfer:${id}`;
  if (selfManaged) {
    const proposal = createProposal(world, {
      multisigWalletId: plan.multisig!.id, asset, amount, toWalletId: plan.to?.id ?? null, toAddress: plan.toAddress,
      referenceType: TRANSFER_REFERENCE, referenceId: id, createdBy: principal.userId,
    });
    transfer = transfers(world).update(id, { proposal_id: proposal.id });
    return { transfer, proposal };
  }
  if (external) {
    lock(world, plan.from.id, asset, amount, reference);
    transfer = transfers(world).update(id, { tx_hash: chainOf(world).newTxHash(body.network) });
    const confirmsMs = world.clock.nowMs() + EXTERNAL_CONFIRMATION_SECONDS * 1000;
    world.scheduler.schedule(CONFIRM_TRANSFER_JOB, confirmsMs, { transfer_id: id });
    // On the chain's record, so that the control API can list it and fail it before it confirms.
    chainOf(world).recordSend({ id: transfer.tx_hash!, network: body.network, from_address: plan.from.address, to_address: plan.toAddress,
      asset, amount, reference_type: TRANSFER_REFERENCE, reference_id: id, confirms_at: world.clock.iso(confirmsMs) });
  } else {
    move(world, plan.from.id, plan.to!.id, asset, cut, reference);
  }
  return { transfer, proposal: null };
}

export function createP2pTransfer(world: World, principal: Principal, body: P2pTransferRequest): CreatedTransfer {
  const from = p2pSource(world, principal, body);
  let to: WalletRow;
  if (body.to_user_id) {
    getUser(world, body.to_user_id);
    to = walletOfUser(world, body.to_user_id, body.network);
  } else {
    to = platformWalletAt(world, body.to_address!, body.network);
  }
  return execute(world, principal, body, { type: 'P2P', flow: 'p2p', from, multisig: null, to, toAddress: to.address });
}

export function createP2pExternalTransfer(world: World, principal: Principal, body: P2pExternalTransferRequest): CreatedTransfer {
  const from = p2pSource(world, principal, body);
  const toAddress = externalAddress(world, body.to_address, body.network, '/api/v1/auth/transfers/p2p');
  return execute(world, principal, body, { type: 'P2P', flow: 'p2p', from, multisig: null, to: null, toAddress });
}

export function createB2bTransfer(world: World, principal: Principal, body: B2bTransferRequest): CreatedTransfer {
  const { wallet: from, multisig } = b2bSource(world, principal, body);
  const vendor = getUser(world, body.to_vendor_id);
  if (!isMerchant(vendor)) throw unprocessable(`user ${vendor.id} is not a merchant (role vendor or subvendor)`);
  const to = walletOfUser(world, vendor.id, body.network);
  return execute(world, principal, body, { type: 'B2B', flow: 'b2b', from, multisig, to, toAddress: to.address });
}

export function createB2bExternalTransfer(world: World, principal: Principal, body: B2bExternalTransferRequest): CreatedTransfer {
  const { wallet: from, multisig } = b2bSource(world, principal, body);
  const toAddress = externalAddress(world, body.to_address, body.network, '/api/v1/auth/transfers/b2b');
  return execute(world, principal, body, { type: 'B2B', flow: 'b2b', from, multisig, to: null, toAddress });
}
