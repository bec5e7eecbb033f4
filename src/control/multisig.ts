// Control handler: cancel a pending multisig proposal by hand (the same cancellation its 72 h expiry performs).
import type { ControlHandlers } from '../http/types.ts';
import { ok } from '../http/types.ts';
import { cancelProposal } from '../domain/multisig.ts';

export const multisigControlHandlers: ControlHandlers = {
  cancelMultisigProposal: ({ world, params }) => {
    const p = cancelProposal(world, params.proposal_id);
    return ok({ proposal_id: p.id, status: p.status, asset: p.asset, amount: p.amount, reference_type: p.reference_type, reference_id: p.reference_id });
  },
};
