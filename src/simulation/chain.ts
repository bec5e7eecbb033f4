// The simulated chain: transaction hashes in each network's format (Ethereum 0x-prefixed, TRON bare hex), and the
// record of the platform's own sends that wait for a confirmation (external transfers, custodial remittance sends).
// A pending send ends confirmed (its owner settles it) or failed (POST /__sandbox/chain/transactions/{hash}/fail, or
// a send to a failing address); a failure is handed to the owner's handler, which undoes what the send reserved.
import type { World } from '../kernel/world.ts';
import type { Network } from '../kernel/addresses.ts';
import { conflict, notFound } from '../kernel/errors.ts';

export function newTxHash(world: World, network: Network): string {
  const hex = world.random.hex(64);
  return network === 'ethereum' ? `0x${hex}` : hex;
}

export type ChainSendStatus = 'pending' | 'confirmed' | 'failed';

export interface ChainSendRow {
  /** The transaction hash. */
  id: string;
  network: Network;
  from_address: string;
  to_address: string;
  asset: 'USDT' | 'USDC';
  amount: string;
  status: ChainSendStatus;
  /** What the send belongs to: `transfer` (a transfer id) or `order` (a custodial remittance order id). */
  reference_type: string;
  reference_id: string;
  failure_reason: string | null;
  broadcast_at: string;
  /** When the owner's confirmation is due; a failure must come before it. */
  confirms_at: string;
  settled_at: string | null;
}

export const chainSends = (w: World) => w.table<ChainSendRow>('chain_transactions');

/**
 * Destinations the simulated chain always rejects: a send to one stays pending for its usual confirmation time, then
 * fails instead of confirming. The same 20-byte account (fa11 × 10) on both networks; Ethereum in any letter case.
 */
export const FAILING_ADDRESSES: Record<Network, string> = {
  ethereum: '0xfa11fa11fa11fa11fa11fa11fa11fa11fa11fa11',
  tron: 'TYmTU4xnMt5d88F7S9791a131Qpz34FwEc',
};
export const FAILING_ADDRESS_REASON = 'transaction reverted: the destination is a sandbox failing address';
export const DEFAULT_FAILURE_REASON = 'transaction failed on chain (simulated)';

export function isFailingAddress(network: Network, address: string): boolean {
  return network === 'ethereum' ? address.toLowerCase() === FAILING_ADDRESSES.ethereum : address === FAILING_ADDRESSES.tron;
}

export type ChainFailureHandler = (world: World, send: ChainSendRow) => void;
// Module-level like the multisig proposal hooks: the handlers are code (the same for every world), the rows are state.
const failureHandlers = new Map<string, ChainFailureHandler>();
export function onChainSendFailed(referenceType: string, handler: ChainFailureHandler): void { failureHandlers.set(referenceType, handler); }

/** Records a send the platform just broadcast (its hash already on the owner's row). */
export function recordSend(world: World, send: Omit<ChainSendRow, 'status' | 'failure_reason' | 'broadcast_at' | 'settled_at'>): ChainSendRow {
  return chainSends(world).insert({ ...send, status: 'pending', failure_reason: null, broadcast_at: world.nowIso(), settled_at: null });
}

/** The owner saw its send confirmed. A send the sandbox never recorded (or already settled) is left alone. */
export function confirmSend(world: World, hash: string | null): void {
  const row = hash ? chainSends(world).get(hash) : undefined;
  if (row?.status === 'pending') chainSends(world).update(row.id, { status: 'confirmed', settled_at: world.nowIso() });
}

// Hashes are stored in lower-case hex; a client may send one in capitals.
export function getSend(world: World, hash: string): ChainSendRow {
  const row = chainSends(world).get(hash.toLowerCase());
  if (!row) throw notFound(`no simulated on-chain send with hash ${hash}`);
  return row;
}

/** Fails a pending send and lets its owner undo it; 409 naming the status once it is confirmed or failed. */
export function failSend(world: World, hash: string, reason: string = DEFAULT_FAILURE_REASON): ChainSendRow {
  const row = getSend(world, hash);
  if (row.status !== 'pending') throw conflict(`on-chain send ${row.id} is already ${row.status}; only a pending send can fail`, row.status);
  const handler = failureHandlers.get(row.reference_type);
  if (!handler) throw new Error(`chain: no failure handler for ${row.reference_type} sends`);
  const failed = chainSends(world).update(row.id, { status: 'failed', failure_reason: reason, settled_at: world.nowIso() });
  handler(world, failed);
  return failed;
}

/** Oldest first (broadcast order), like the other logs of the control API (STK prompts, webhook deliveries). */
export const listSends = (world: World): ChainSendRow[] =>
  chainSends(world).all().sort((a, b) => a.broadcast_at.localeCompare(b.broadcast_at));
