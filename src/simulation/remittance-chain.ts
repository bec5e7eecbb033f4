// Puts custodial remittance sends on the simulated chain's record and lets them fail there
// (src/domain/marketplace/remittance-chain.ts).
import type { World } from '../kernel/world.ts';
import { onChainSendFailed } from './chain.ts';
import { ORDER_SEND_REFERENCE, failCustodialSend, trackCustodialSend } from '../domain/marketplace/remittance-chain.ts';

export function installRemittanceChain(world: World): void {
  world.onEvent((event) => trackCustodialSend(world, event));
  onChainSendFailed(ORDER_SEND_REFERENCE, failCustodialSend);
}
