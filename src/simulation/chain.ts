// The simulated chain: transaction hashes in each network's format (Ethereum 0x-prefixed, TRON bare hex), and the
// record of the platform's own sends that wait for a confirmation (external transfers, custodial remittance sends).
// A pending send ends confirmed (its owner settles it) or failed (POST /__sandbox/chain/transactions/{hash}/fail, or
// a send to a failing address); a failure is handed to the owner's handler, which undoes what the send reserved.
import type { World } from '../kernel/world.ts';
import type { Network } from '../kernel/addresses.ts';
import { conflict, notFound } from '../kernel/errors.ts';
import { hookKey } from '../kernel/hooks.ts';
import { CHAIN_PORT, type ChainFailureHandler, type ChainPort, type ChainSendRow, type NewChainSend } from './ports/chain.ts';

export type { ChainSendRow, ChainSendStatus, ChainFailureHandler } from './ports/chain.ts';

export function newTxHash(world: World, network: Network): string {
  const hex = world.random.hex(64);
  return network === 'ethereum' ? `0x${hex}` : hex;
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

// Registered on the world (not in this module), so two sandboxes in one process never share a handler.
const FAILURE_HANDLERS = hookKey<ChainFailureHandler>('chain.send-failed');

/** Records a send the platform just broadcast (its hash already on the owner's row). */
export function recordSend(world: World, send: NewChainSend): ChainSendRow {
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
  const handler = world.hooks.handler(FAILURE_HANDLERS, row.reference_type);
  if (!handler) throw new Error(`chain: no failure handler for ${row.reference_type} sends`);
  const failed = chainSends(world).update(row.id, { status: 'failed', failure_reason: reason, settled_at: world.nowIso() });
  handler(world, failed);
  return failed;
}

/** Oldest first (broadcast order), like the other logs of the control API (STK prompts, webhook deliveries). */
export const listSends = (world: World): ChainSendRow[] =>
  chainSends(world).all().sort((a, b) => a.broadcast_at.localeCompare(b.broadcast_at));

/** The chains as the domain calls them (ports/chain.ts), bound to one world. */
export function installChain(world: World): void {
  const port: ChainPort = {
    newTxHash: (network) => newTxHash(world, network),
    recordSend: (send) => recordSend(world, send),
    confirmSend: (hash) => confirmSend(world, hash),
    failSend: (hash, reason) => failSend(world, hash, reason),
    isFailingAddress,
    failingAddressReason: FAILING_ADDRESS_REASON,
    onSendFailed: (referenceType, handler) => world.hooks.on(FAILURE_HANDLERS, referenceType, handler),
  };
  world.hooks.provide(CHAIN_PORT, port);
}
