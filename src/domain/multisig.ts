// Multisig wallets and proposals. A proposal reserves the amount on the multisig's wallet when it is created;
// each signer confirms once; when the signatures reach the threshold the proposal executes exactly once: the money
// moves (to a wallet of the books, or out to an external address), a simulated tx hash is recorded, and the
// operation that asked for it (an OTC credit, a B2B transfer) is told through the purpose registry.
import type { World } from './world.ts';
import type { Network } from './addresses.ts';
import { lock, move, burn, unlock, type CurrencyCode } from './ledger.ts';
import { conflict, forbidden, notFound } from '../http/errors.ts';
import { getWallet } from './wallets.ts';
import { newTxHash } from '../simulation/chain.ts';

export type MultisigType = 'gnosis_safe' | 'tron_native' | 'bitgo';

export interface MultisigWalletRow {
  id: string;
  /** The wallet row (in `wallets`) whose balances the multisig controls. */
  wallet_id: string;
  owner_user_id: string;
  network: Network;
  multisig_type: MultisigType;
  signer_user_ids: string[];
  signer_addresses: string[];
  threshold: number;
  address: string;
  name: string;
  created_at: string;
}

export interface ProposalSignature { signer_user_id: string; signature: string | null; signed_at: string }

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
  status: 'pending' | 'executed' | 'cancelled';
  threshold: number;
  signatures: ProposalSignature[];
  tx_hash: string | null;
  /** TRON proposals carry the unsigned transaction signers sign over. */
  tron_unsigned_tx: { rawDataHex: string; txID: string } | null;
  /** Ethereum Safe proposals need the first confirmer to name the Safe owner address that submits to the STS. */
  ethereum_first_confirm_requires_sender: boolean;
  ethereum_sender: string | null;
  created_by: string;
  created_at: string;
  executed_at: string | null;
}

export const multisigWallets = (w: World) => w.table<MultisigWalletRow>('multisig_wallets');
export const proposals = (w: World) => w.table<ProposalRow>('multisig_proposals');

export type ProposalExecuted = (world: World, proposal: ProposalRow) => void;
const onExecuted = new Map<string, ProposalExecuted>();
/** Registers what happens to the linked object when a proposal of `referenceType` executes. */
export function onProposalExecuted(referenceType: string, handler: ProposalExecuted): void { onExecuted.set(referenceType, handler); }

export function registerMultisigWallet(world: World, input: Omit<MultisigWalletRow, 'id' | 'created_at' | 'address' | 'network'>): MultisigWalletRow {
  const wallet = getWallet(world, input.wallet_id);
  if (input.threshold < 1 || input.threshold > input.signer_user_ids.length) {
    throw conflict(`threshold ${input.threshold} must be between 1 and the number of signers (${input.signer_user_ids.length})`);
  }
  return multisigWallets(world).insert({ ...input, id: world.random.uuid(), network: wallet.network, address: wallet.address, created_at: world.nowIso() });
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
}): ProposalRow {
  const ms = multisigWallets(world).get(input.multisigWalletId);
  if (!ms) throw notFound(`multisig wallet ${input.multisigWalletId} not found`);
  const id = world.random.uuid();
  lock(world, ms.wallet_id, input.asset, input.amount, `proposal:${id}`);
  const txID = world.random.hex(64);
  return proposals(world).insert({
    id, multisig_wallet_id: ms.id, network: ms.network, asset: input.asset, amount: input.amount,
    to_wallet_id: input.toWalletId ?? null, to_address: input.toAddress, reference_type: input.referenceType,
    reference_id: input.referenceId, status: 'pending', threshold: ms.threshold, signatures: [], tx_hash: null,
    tron_unsigned_tx: ms.network === 'tron' ? { rawDataHex: `0a02${world.random.hex(124)}`, txID } : null,
    ethereum_first_confirm_requires_sender: ms.network === 'ethereum' && ms.multisig_type === 'gnosis_safe',
    ethereum_sender: null, created_by: input.createdBy, created_at: world.nowIso(), executed_at: null,
  });
}

export function confirmProposal(world: World, id: string, signerUserId: string, input: { signature?: string; ethereum_sender?: string }): ProposalRow {
  const p = getProposal(world, id);
  const ms = multisigWallets(world).get(p.multisig_wallet_id)!;
  if (!ms.signer_user_ids.includes(signerUserId)) throw forbidden('forbidden: you are not a signer of this multisig wallet');
  if (p.status !== 'pending') throw conflict(`proposal is ${p.status}; it takes no more signatures`, p.status);
  if (p.signatures.some((s) => s.signer_user_id === signerUserId)) throw conflict('this signer has already confirmed the proposal', p.status);
  const sender = p.ethereum_sender ?? input.ethereum_sender ?? null;
  if (p.ethereum_first_confirm_requires_sender && !sender) {
    throw conflict('the first confirmation of an Ethereum Safe proposal must name ethereum_sender (a Safe owner address)', p.status);
  }
  const signatures = [...p.signatures, { signer_user_id: signerUserId, signature: input.signature ?? null, signed_at: world.nowIso() }];
  const signed = proposals(world).update(id, { signatures, ethereum_sender: sender });
  return signatures.length >= p.threshold ? execute(world, signed, ms) : signed;
}

function execute(world: World, p: ProposalRow, ms: MultisigWalletRow): ProposalRow {
  const reference = `proposal:${p.id}`;
  if (p.to_wallet_id) {
    move(world, ms.wallet_id, p.to_wallet_id, p.asset, p.amount, reference, true);
  } else {
    unlock(world, ms.wallet_id, p.asset, p.amount, reference);
    burn(world, ms.wallet_id, p.asset, p.amount, reference);
  }
  const done = proposals(world).update(p.id, { status: 'executed', tx_hash: newTxHash(world, p.network), executed_at: world.nowIso() });
  onExecuted.get(p.reference_type)?.(world, done);
  return done;
}

/** Withdraws a pending proposal and releases its reservation (used when the linked operation is abandoned). */
export function cancelProposal(world: World, id: string): ProposalRow {
  const p = getProposal(world, id);
  if (p.status !== 'pending') throw conflict(`proposal is ${p.status}`, p.status);
  const ms = multisigWallets(world).get(p.multisig_wallet_id)!;
  unlock(world, ms.wallet_id, p.asset, p.amount, `proposal:${p.id}`);
  return proposals(world).update(id, { status: 'cancelled' });
}
