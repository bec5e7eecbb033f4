// Simulated chain artefacts: transaction hashes in each network's format (Ethereum 0x-prefixed, TRON bare hex).
import type { World } from '../domain/world.ts';
import type { Network } from '../domain/addresses.ts';

export function newTxHash(world: World, network: Network): string {
  const hex = world.random.hex(64);
  return network === 'ethereum' ? `0x${hex}` : hex;
}
