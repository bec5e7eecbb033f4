// Multisig proposals do not wait forever: one whose signer was deleted (or that nobody signs) would keep its amount
// locked on the multisig wallet for good. Each proposal is cancelled PROPOSAL_EXPIRY_MS of sandbox time after its
// creation, when still pending; cancelling releases the lock and tells the linked operation (cancelProposal). The job
// runner is registered by ./install.ts.
import type { World } from '../../kernel/world.ts';

export const PROPOSAL_EXPIRY_MS = 72 * 3600 * 1000;
export const PROPOSAL_EXPIRY_JOB = 'multisig.proposal.expire';

/** Called when a proposal is created. */
export function scheduleProposalExpiry(world: World, proposalId: string): void {
  world.scheduler.schedule(PROPOSAL_EXPIRY_JOB, world.clock.nowMs() + PROPOSAL_EXPIRY_MS, { proposal_id: proposalId });
}
