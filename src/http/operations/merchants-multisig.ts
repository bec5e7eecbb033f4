// Multisig wallets and proposals: rows 94–96 of ENDPOINTS.md.
import type { ProductHandlers } from '../types.ts';
import { ok, created } from '../types.ts';
import { forbidden, unprocessable } from '../../kernel/errors.ts';
import { getUser } from '../../domain/users.ts';
import { requirePartyOrRole } from '../../auth/policy.ts';
import { confirmProposal, getProposal, multisigWallets } from '../../domain/multisig.ts';
import { MULTISIG_OWNER_ROLES, registerOwnedMultisig } from '../../domain/merchants/multisig-wallets.ts';
import { multisigWalletView, proposalView } from '../views/merchants.ts';

export const multisigHandlers: ProductHandlers = {
  registerMultisigWallet: ({ world, body, principal }) => {
    const ownerId: string = body.owner_user_id ?? principal!.userId;
    if (ownerId !== principal!.userId && principal!.role !== 'admin') throw forbidden('forbidden: only an admin may register a multisig wallet for another user');
    const owner = getUser(world, ownerId);
    if (!MULTISIG_OWNER_ROLES.includes(owner.role)) {
      throw unprocessable(`user ${owner.id} has role ${owner.role}; multisig wallets are for vendors, subvendors and the treasury`);
    }
    // is_default arrives false when not sent (the contract's default): no wallet becomes the default unasked.
    const { multisig } = registerOwnedMultisig(world, { owner, network: body.network, name: body.name, isDefault: body.is_default, spec: body.multisig });
    return created(multisigWalletView(world, multisig));
  },

  getMultisigProposalById: ({ world, params, principal }) => {
    const p = getProposal(world, params.id);
    const ms = multisigWallets(world).get(p.multisig_wallet_id)!;
    // The signers, the wallet owner, the proposer and admins.
    requirePartyOrRole(principal, [...ms.signer_user_ids, ms.owner_user_id, p.created_by], ['admin'], 'proposal');
    return ok(proposalView(world, p));
  },

  confirmMultisigProposal: ({ world, params, body, principal }) => {
    const p = confirmProposal(world, params.id, principal!.userId, body);
    const n = p.signatures.length;
    const message = p.status === 'executed'
      ? `Threshold reached (${n} of ${p.threshold}); transaction broadcast and proposal executed`
      : `Signature recorded (${n} of ${p.threshold})`;
    return ok({ proposal: proposalView(world, p), message });
  },
};
