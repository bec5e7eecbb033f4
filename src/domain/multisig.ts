// Multisig wallets and proposals. A proposal reserves the amount on the multisig's wallet when it is created;
// each signer confirms once; when the signatures reach the threshold the proposal executes exactly once: the money
// moves (to a wallet of the books, or out to an external address), a simulated tx hash is recorded, and the
// operation that asked for it (an OTC credit, a B2B transfer) is told through the purpose registry.
//
// Proposal states (PROPOSAL_TRANSITIONS):  pending --sign--> pending | pending --execute--> executed
//                                          pending --cancel--> cancelled (the linked operation was abandoned)
import type { World } from '../kernel/world.ts';
import type { ConfirmMultisigProposalRequest } from '../../contracts/generated/types.js';
import type { Network, WalletNetwork } from '../kernel/addresses.ts';
import { lock, move, burn, unlock, type CurrencyCode } from './ledger.ts';
import { conflict, forbidden, notFound, unprocessable, illegalTransition } from '../kernel/errors.ts';
import { getWallet } from './wallets.ts';
import { hookKey } from '../kernel/hooks.ts';
import { chainOf } from '../simulation/ports/chain.ts';
import { scheduleProposalExpiry } from './multisig/expiry.ts';
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, hexToBytes } from '@noble/hashes/utils.js';

/** bitgo_sol: the BitGo multisig on Solana (treasury wallets from POST /wallets/for-owner only). */
export type MultisigType = 'gnosis_safe' | 'tron_native' | 'bitgo' | 'bitgo_sol';
/** platform_managed: the platform holds the keys (BitGo) and signs itself; self_managed: the signers confirm proposals. */
export type MultisigManagement = 'platform_managed' | 'self_managed';

export interface MultisigWalletRow {
  id: string;
  /** The wallet row (in `wallets`) whose balances the multisig controls. */
  wallet_id: string;
  owner_user_id: string;
  /** solana only for platform-managed bitgo_sol wallets, which take no proposals (no flow sends on Solana). */
  network: WalletNetwork;
  multisig_type: MultisigType;
  management: MultisigManagement;
  /** The sandbox users who sign, in the order of signer_addresses (empty when platform-managed). */
  signer_user_ids: string[];
  signer_addresses: string[];
  threshold: number;
  address: string;
  name: string;
  /** tron_native only. */
  permission_id: number | null;
  /** gnosis_safe only, when given. */
  safe_tx_service_url: string | null;
  created_at: string;
}

export interface ProposalSignature {
  signer_user_id: string;
  signer_address: string;
  /** As sent, or simulated for server-side signing; null only on rows written before signatures were always kept. */
  signature: string | null;
  signed_at: string;
}

export type ProposalStatus = 'pending' | 'executed' | 'cancelled';

export interface ProposalRow {
  id: string;
  multisig_wallet_id: string;
  network: Network;
  asset: CurrencyCode;
  amount: string;
  to_wallet_id: string | null;
  to_address: string;
  reference_type: string;   // 'transfer' | 'otc_credit' | ...
  reference_id: string;
  status: ProposalStatus;
  threshold: number;
  signatures: ProposalSignature[];
  tx_hash: string | null;
  /** TRON proposals carry the unsigned transaction signers sign over. */
  tron_unsigned_tx: { rawDataHex: string; txID: string } | null;
  /**
   * Proposals created with requireSubmittingOwner (OTC credits) on a Safe need the first confirmer to name the Safe
   * owner address that submits to the STS.
   */
  ethereum_first_confirm_requires_sender: boolean;
  ethereum_sender: string | null;
  created_by: string;
  created_at: string;
  updated_at: string;
  executed_at: string | null;
}

export const multisigWallets = (w: World) => w.table<MultisigWalletRow>('multisig_wallets');
export const proposals = (w: World) => w.table<ProposalRow>('multisig_proposals');

type ProposalAction = 'sign' | 'execute' | 'cancel';
const PROPOSAL_TRANSITIONS: Record<ProposalStatus, Partial<Record<ProposalAction, ProposalStatus>>> = {
  pending: { sign: 'pending', execute: 'executed', cancel: 'cancelled' },
  executed: {},
  cancelled: {},
};

function assertProposalTransition(p: ProposalRow, action: ProposalAction): ProposalStatus {
  const next = PROPOSAL_TRANSITIONS[p.status][action];
  if (!next) throw illegalTransition(`proposal is ${p.status}; it cannot ${action === 'sign' ? 'take more signatures' : action}`, p.status);
  return next;
}

export type ProposalHook = (world: World, proposal: ProposalRow) => void;
const ON_EXECUTED = hookKey<ProposalHook>('multisig.proposal-executed');
const ON_CANCELLED = hookKey<ProposalHook>('multisig.proposal-cancelled');
/** Registers (in one world) what happens to the linked object when a proposal of `referenceType` executes. */
export function onProposalExecuted(world: World, referenceType: string, handler: ProposalHook): void { world.hooks.on(ON_EXECUTED, referenceType, handler); }
/** Registers (in one world) what happens to the linked object when a proposal of `referenceType` is cancelled. */
export function onProposalCancelled(world: World, referenceType: string, handler: ProposalHook): void { world.hooks.on(ON_CANCELLED, referenceType, handler); }

export interface NewMultisigWallet {
  wallet_id: string;
  owner_user_id: string;
  multisig_type: MultisigType;
  signer_user_ids: string[];
  signer_addresses: string[];
  threshold: number;
  name: string;
  permission_id?: number | null;
  safe_tx_service_url?: string | null;
}

/** Attaches a multisig definition to an existing wallet row (its address becomes the multisig's address). */
export function registerMultisigWallet(world: World, input: NewMultisigWallet): MultisigWalletRow {
  const wallet = getWallet(world, input.wallet_id);
  const management: MultisigManagement = input.multisig_type.startsWith('bitgo') ? 'platform_managed' : 'self_managed';
  const signers = management === 'platform_managed' ? input.signer_addresses.length : input.signer_user_ids.length;
  if (management === 'self_managed' && input.signer_user_ids.length !== input.signer_addresses.length) {
    throw new Error('multisig: every signer address needs its signer user');
  }
  if (input.threshold < 1 || input.threshold > signers) {
    throw unprocessable(`threshold ${input.threshold} must be between 1 and the number of signers (${signers})`);
  }
  return multisigWallets(world).insert({
    id: world.random.uuid(), wallet_id: wallet.id, owner_user_id: input.owner_user_id, network: wallet.network,
    multisig_type: input.multisig_type, management, signer_user_ids: input.signer_user_ids,
    signer_addresses: input.signer_addresses, threshold: input.threshold, address: wallet.address, name: input.name,
    permission_id: input.permission_id ?? null, safe_tx_service_url: input.safe_tx_service_url ?? null, created_at: world.nowIso(),
  });
}

export function multisigForWallet(world: World, walletId: string): MultisigWalletRow | undefined {
  return multisigWallets(world).find((m) => m.wallet_id === walletId);
}

export function getProposal(world: World, id: string): ProposalRow {
  const p = proposals(world).get(id);
  if (!p) throw notFound(`multisig proposal ${id} not found`);
  return p;
}

export function createProposal(world: World, input: {
  multisigWalletId: string; asset: CurrencyCode; amount: string; toWalletId?: string | null; toAddress: string;
  referenceType: string; referenceId: string; createdBy: string;
  /** On a Safe, the first confirmation must name the owner that submits to the Safe Transaction Service (OTC credits). */
  requireSubmittingOwner?: boolean;
}): ProposalRow {
  const ms = multisigWallets(world).get(input.multisigWalletId);
  if (!ms) throw notFound(`multisig wallet ${input.multisigWalletId} not found`);
  if (ms.management !== 'self_managed' || ms.network === 'solana') throw new Error('multisig: a platform-managed wallet signs itself; it takes no proposals');
  const id = world.random.uuid();
  lock(world, ms.wallet_id, input.asset, input.amount, `proposal:${id}`);
  const now = world.nowIso();
  scheduleProposalExpiry(world, id);
  return proposals(world).insert({
    id, multisig_wallet_id: ms.id, network: ms.network, asset: input.asset, amount: input.amount,
    to_wallet_id: input.toWalletId ?? null, to_address: input.toAddress, reference_type: input.referenceType,
    reference_id: input.referenceId, status: 'pending', threshold: ms.threshold, signatures: [], tx_hash: null,
    tron_unsigned_tx: ms.network === 'tron' ? tronUnsignedTx(world) : null,
    ethereum_first_confirm_requires_sender: input.requireSubmittingOwner === true && ms.multisig_type === 'gnosis_safe',
    ethereum_sender: null, created_by: input.createdBy, created_at: now, updated_at: now, executed_at: null,
  });
}

/**
 * A TRON unsigned transaction as TronWeb shows it: raw_data protobuf bytes (simulated after the ref_block_bytes tag
 * 0a02) and txID = sha256(raw_data), which is what TRON signers sign and what becomes the transaction's hash.
 */
function tronUnsignedTx(world: World): { rawDataHex: string; txID: string } {
  const rawDataHex = `0a02${world.random.hex(124)}`;
  return { rawDataHex, txID: bytesToHex(sha256(hexToBytes(rawDataHex))) };
}

/** The request body as the contract defines it (ConfirmMultisigProposalRequest; generated, not restated here). */
export type ConfirmInput = ConfirmMultisigProposalRequest;

/** True while the proposal still waits for the confirmation that names the Safe owner submitting it. */
export const needsEthereumSender = (p: ProposalRow): boolean => p.ethereum_first_confirm_requires_sender && !p.ethereum_sender;

export function confirmProposal(world: World, id: string, signerUserId: string, input: ConfirmInput): ProposalRow {
  const p = getProposal(world, id);
  const ms = multisigWallets(world).get(p.multisig_wallet_id)!;
  const index = ms.signer_user_ids.indexOf(signerUserId);
  if (index < 0) throw forbidden('forbidden: you are not a signer of this multisig wallet');
  assertProposalTransition(p, 'sign');
  if (p.signatures.some((s) => s.signer_user_id === signerUserId)) throw conflict('this signer has already confirmed the proposal', p.status);
  let sender = p.ethereum_sender;
  if (needsEthereumSender(p)) {
    if (!input.ethereum_sender) throw unprocessable('the first confirmation of this Ethereum Safe proposal must name ethereum_sender (a Safe owner address)');
    const owner = ms.signer_addresses.find((a) => a.toLowerCase() === input.ethereum_sender!.toLowerCase());
    if (!owner) throw unprocessable(`ethereum_sender ${input.ethereum_sender} is not an owner of the Safe ${ms.address}`);
    sender = owner;
  }
  // No cryptography in the sandbox: a server-side signature is a stand-in of the right shape (65 bytes of hex).
  const signature = input.signature ?? world.random.hex(130);
  const now = world.nowIso();
  const signatures = [...p.signatures, { signer_user_id: signerUserId, signer_address: ms.signer_addresses[index], signature, signed_at: now }];
  const signed = proposals(world).update(id, { signatures, ethereum_sender: sender, updated_at: now });
  return signatures.length >= p.threshold ? execute(world, signed, ms) : signed;
}

function execute(world: World, p: ProposalRow, ms: MultisigWalletRow): ProposalRow {
  const status = assertProposalTransition(p, 'execute');
  const reference = `proposal:${p.id}`;
  if (p.to_wallet_id) {
    move(world, ms.wallet_id, p.to_wallet_id, p.asset, p.amount, reference, true);
  } else {
    burn(world, ms.wallet_id, p.asset, p.amount, reference, true);
  }
  const now = world.nowIso();
  // A TRON transaction's hash is its txID; the signed transaction the signers agreed on is the one broadcast.
  const txHash = p.tron_unsigned_tx?.txID ?? chainOf(world).newTxHash(p.network);
  const done = proposals(world).update(p.id, { status, tx_hash: txHash, executed_at: now, updated_at: now });
  world.hooks.handler(ON_EXECUTED, p.reference_type)?.(world, done);
  return done;
}

/** Withdraws a pending proposal and releases its reservation (used when the linked operation is abandoned). */
/** A proposal as cancelling leaves it (typed so, for the control API's answer, whose contract says `cancelled`). */
export type CancelledProposal = ProposalRow & { status: 'cancelled' };

export function cancelProposal(world: World, id: string): CancelledProposal {
  const p = getProposal(world, id);
  assertProposalTransition(p, 'cancel'); // only a pending proposal may be; it becomes cancelled
  const status = 'cancelled';
  const ms = multisigWallets(world).get(p.multisig_wallet_id)!;
  unlock(world, ms.wallet_id, p.asset, p.amount, `proposal:${p.id}`);
  const done: CancelledProposal = { ...proposals(world).update(id, { status, updated_at: world.nowIso() }), status };
  world.hooks.handler(ON_CANCELLED, p.reference_type)?.(world, done);
  return done;
}
