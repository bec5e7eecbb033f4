// The multisig area's wiring in one world: a proposal still pending when its expiry job runs is cancelled
// (./expiry.ts says why).
import type { World } from '../../kernel/world.ts';
import { cancelProposal, proposals } from '../multisig.ts';
import { PROPOSAL_EXPIRY_JOB } from './expiry.ts';

export function installMultisig(world: World): void {
  world.scheduler.define(PROPOSAL_EXPIRY_JOB, (payload) => {
    const p = proposals(world).get(payload.proposal_id as string);
    if (p?.status === 'pending') cancelProposal(world, p.id);
  });
}
