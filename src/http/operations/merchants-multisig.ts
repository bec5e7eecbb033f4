// Multisig wallets and proposals: rows 94–96 of ENDPOINTS.md.
import type { ProductHandlers } from '../types.ts';
import { ok, created } from '../types.ts';
import { multisigOwnerFor, requireProposalAccess } from '../../domain/wallet-policy.ts';
import { confirmProposal, getProposal } from '../../domain/multisig.ts';
import { registerOwnedMultisig } from '../../domain/merchants/multisig-wallets.ts';
import { multisigWalletView, proposalView } from '../views/merchants.ts';

export const multisigHandlers: ProductHandlers = {
  registerMultisigWallet: ({ world, body, principal }) => {
    const owner = multisigOwnerFor(world, principal, body.owner_user_id);
    // is_default arrives false when not sent (the contract's default): no wallet becomes the default unasked.
    const { multisig } = registerOwnedMultisig(world, { owner, network: body.network, name: body.name, isDefault: body.is_default, spec: body.multisig });
    return created(multisigWalletView(world, multisig));
  },

  getMultisigProposalById: ({ world, params, principal }) => {
    const p = getProposal(world, params.id);
    requireProposalAccess(world, principal, p);
    return ok(proposalView(world, p));
  },

  confirmMultisigProposal: ({ world, params, body, principal }) => {
    const p = confirmProposal(world, params.id, principal.userId, body);
    const n = p.signatures.length;
    const message = p.status === 'executed'
      ? `Threshold reached (${n} of ${p.threshold}); transaction broadcast and proposal executed`
      : `Signature recorded (${n} of ${p.threshold})`;
    return ok({ proposal: proposalView(world, p), message });
  },
};
