// The merchants area's wiring in one world: the chain confirmation (or failure) of external transfers, and what a
// transfer does when its multisig proposal executes or is cancelled.
import type { World } from '../../kernel/world.ts';
import { chainOf } from '../../simulation/ports/chain.ts';
import { onProposalCancelled, onProposalExecuted } from '../multisig.ts';
import {
  CONFIRM_TRANSFER_JOB, TRANSFER_REFERENCE, cancelProposalTransfer, confirmExternalTransfer, failExternalTransfer, settleProposalTransfer,
} from './transfers.ts';

export function installMerchants(world: World): void {
  world.scheduler.define(CONFIRM_TRANSFER_JOB, (payload) => confirmExternalTransfer(world, payload.transfer_id as string));
  onProposalExecuted(world, TRANSFER_REFERENCE, settleProposalTransfer);
  onProposalCancelled(world, TRANSFER_REFERENCE, cancelProposalTransfer);
  chainOf(world).onSendFailed(TRANSFER_REFERENCE, failExternalTransfer);
}
