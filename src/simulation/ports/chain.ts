// The simulated chains (Ethereum, TRON) as the domain calls them: transaction hashes for what the platform broadcasts,
// the record of its own sends waiting for a confirmation, and who undoes a send that fails. The implementation is
// src/simulation/chain.ts; a world reaches it through chainOf(world).
import type { World } from '../../kernel/world.ts';
import type { Network } from '../../kernel/addresses.ts';
import { hookKey } from '../../kernel/hooks.ts';

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

export type NewChainSend = Omit<ChainSendRow, 'status' | 'failure_reason' | 'broadcast_at' | 'settled_at'>;

/** Undoes what a failed send reserved; registered per reference type by the area that owns such sends. */
export type ChainFailureHandler = (world: World, send: ChainSendRow) => void;

export interface ChainPort {
  /** A new transaction hash in the network's format. */
  newTxHash(network: Network): string;
  /** Records a send the platform just broadcast (its hash already on the owner's row). */
  recordSend(send: NewChainSend): ChainSendRow;
  /** The owner saw its send confirmed; a send never recorded (or already settled) is left alone. */
  confirmSend(hash: string | null): void;
  /** Fails a pending send and hands it to its owner's failure handler; 409 once it is confirmed or failed. */
  failSend(hash: string, reason?: string): ChainSendRow;
  /** A destination the simulated chain always rejects, and the reason such a send fails with. */
  isFailingAddress(network: Network, address: string): boolean;
  readonly failingAddressReason: string;
  /** Who undoes a failed send of `referenceType`. */
  onSendFailed(referenceType: string, handler: ChainFailureHandler): void;
}

export const CHAIN_PORT = hookKey<ChainPort>('simulation.chain');
export const chainOf = (world: World): ChainPort => world.hooks.use(CHAIN_PORT);
