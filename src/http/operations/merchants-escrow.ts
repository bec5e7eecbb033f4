// Platform escrow wallets: rows 90–93 of ENDPOINTS.md (admin only, by the contract's x-roles).
import type { ProductHandlers } from '../types.ts';
import type { CreateEscrowWalletRequest } from '../../../contracts/generated/types.js';
import { ok, created } from '../types.ts';
import { paginate } from './paging.ts';
import { createEscrowWallet, getEscrowWallet, listEscrowWallets } from '../../domain/escrow.ts';
import { escrowWalletView } from '../views/merchants.ts';
import { getSettings } from '../../domain/settings.ts';

export const escrowWalletHandlers: ProductHandlers = {
  createEscrowWallet: ({ world, body: request }) => {
    // The contract's "label or name" rule (an anyOf of `required` lists beside the object's schema) comes out of
    // openapi-typescript as a union with bare { label } / { name } members; validation checked the whole object.
    const body = request as Extract<CreateEscrowWalletRequest, { network: unknown }>;
    // The schema guarantees one of label / name is non-empty; label wins.
    const label = (body.label || body.name) as string;
    const escrow = createEscrowWallet(world, { network: body.network, purpose: body.purpose, status: body.status, label,
      custodyProvider: getSettings(world).escrow_custody_provider });
    return created(escrowWalletView(world, escrow));
  },

  listEscrowWallets: ({ world, query }) => ok(paginate(listEscrowWallets(world), query).map((e) => escrowWalletView(world, e))),

  getEscrowWalletById: ({ world, params }) => ok(escrowWalletView(world, getEscrowWallet(world, params.id))),

  listEscrowWalletsByNetwork: ({ world, params, query }) =>
    ok(paginate(listEscrowWallets(world, params.network), query).map((e) => escrowWalletView(world, e))),
};
