// Clock-driven behaviour of the merchants area: the chain confirmation (or failure) of external transfers, and what a
// transfer does when its multisig proposal executes or is cancelled.
import type { World } from '../kernel/world.ts';
import { onProposalCancelled, onProposalExecuted } from '../domain/multisig.ts';
import {
  CONFIRM_TRANSFER_JOB, TRANSFER_REFERENCE, cancelProposalTransfer, confirmExternalTransfer, failExternalTransfer, settleProposalTransfer,
} from '../domain/merchants/transfers.ts';
import { onChainSendFailed } from './chain.ts';

export function installMerchants(world: World): void {
  world.scheduler.define(CONFIRM_TRANSFER_JOB, (payload) => confirmExternalTransfer(world, payload.transfer_id as string));
  onProposalExecuted(TRANSFER_REFERENCE, settleProposalTransfer);
  onProposalCancelled(TRANSFER_REFERENCE, cancelProposalTransfer);
  onChainSendFailed(TRANSFER_REFERENCE, failExternalTransfer);
}
