// The pricing snapshot a transfer keeps when it is created with the pricing quartet: a copy of the engine's economics
// on the transfer's crypto amount (later edits of the profile or quote do not change it). One row per transfer, keyed
// by the transfer id.
import type { World } from '../../kernel/world.ts';
import type { PricingSnapshot } from '../pricing/index.ts';
import { fmt2 } from '../../kernel/money.ts';

export interface TransferPricingRow {
  /** The transfer id. */
  id: string;
  snapshot: PricingSnapshot;
  /** As sent by the caller (not cross-checked against the snapshot). */
  fiat_amount_equivalent: string;
  created_at: string;
}

export const transferPricing = (w: World) => w.table<TransferPricingRow>('transfer_pricing');

export function storeTransferPricing(world: World, transferId: string, snapshot: PricingSnapshot, fiatAmount: string): TransferPricingRow {
  return transferPricing(world).insert({ id: transferId, snapshot, fiat_amount_equivalent: fmt2(fiatAmount), created_at: world.nowIso() });
}
