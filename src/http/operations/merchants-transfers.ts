// P2P and B2B transfers: rows 97–103 of ENDPOINTS.md.
import type { OperationContext, ProductHandlers, ProductResult } from '../types.ts';
import { ok } from '../types.ts';
import { notFound } from '../../kernel/errors.ts';
import { paginate } from './paging.ts';
import {
  createB2bExternalTransfer, createB2bTransfer, createP2pExternalTransfer, createP2pTransfer, type CreatedTransfer,
} from '../../domain/merchants/transfer-create.ts';
import { getTransfer, listTransfers, requireTransferAccess, type TransferRow } from '../../domain/merchants/transfers.ts';
import { transferPricing } from '../../domain/merchants/transfer-pricing.ts';
import { transferPricingView, transferView } from '../views/merchants.ts';

/** The request's X-Request-ID when it fits the documented 1–128 characters, else a fresh one. */
function correlationId(ctx: Pick<OperationContext, 'world' | 'headers'>): string {
  const sent = ctx.headers['x-request-id']?.trim();
  return sent && sent.length <= 128 ? sent : `req-${ctx.world.random.hex(20)}`;
}

/** A transfer that moved (or is on its way on chain): 200. */
function settled(ctx: Pick<OperationContext, 'world' | 'headers'>, transfer: TransferRow, messages: { done: string; pending?: string }) {
  const correlation_id = correlationId(ctx);
  const message = transfer.status === 'pending' && messages.pending ? messages.pending : messages.done;
  return { status: 200 as const, headers: { 'X-Request-ID': correlation_id }, body: { transfer: transferView(transfer), message, correlation_id } };
}

/** A B2B transfer: settled, or 202 when its self-managed multisig source made a proposal that must be signed first. */
function answer(ctx: Pick<OperationContext, 'world' | 'headers'>, { transfer, proposal }: CreatedTransfer,
  messages: { done: string; pending?: string }): ProductResult<'createB2bTransfer' | 'createB2bExternalTransfer'> {
  if (proposal) {
    const correlation_id = correlationId(ctx);
    return {
      status: 202, headers: { 'X-Request-ID': correlation_id },
      body: {
        transfer: transferView(transfer), multisig_required: true, proposal_id: proposal.id, required_signatures: proposal.threshold,
        current_signatures: proposal.signatures.length, correlation_id,
        message: `B2B transfer proposal created; ${proposal.threshold} signatures are required before the funds move`,
      },
    };
  }
  return settled(ctx, transfer, messages);
}

/** P2P sources are custodial wallets, never multisig (p2pSource), so a P2P transfer has no proposal to wait for. */
const p2pAnswer = (ctx: Pick<OperationContext, 'world' | 'headers'>, { transfer }: CreatedTransfer, messages: { done: string; pending?: string }) =>
  settled(ctx, transfer, messages);

const pendingExternal = (kind: string) => `${kind} external transfer submitted; waiting for blockchain confirmation`;

export const transferHandlers: ProductHandlers = {
  createP2pTransfer: (ctx) => p2pAnswer(ctx, createP2pTransfer(ctx.world, ctx.principal, ctx.body), { done: 'P2P transfer completed successfully' }),

  createP2pExternalTransfer: (ctx) => p2pAnswer(ctx, createP2pExternalTransfer(ctx.world, ctx.principal, ctx.body),
    { done: 'P2P external transfer completed successfully', pending: pendingExternal('P2P') }),

  createB2bTransfer: (ctx) => answer(ctx, createB2bTransfer(ctx.world, ctx.principal, ctx.body), { done: 'B2B transfer completed successfully' }),

  createB2bExternalTransfer: (ctx) => answer(ctx, createB2bExternalTransfer(ctx.world, ctx.principal, ctx.body),
    { done: 'B2B external transfer completed successfully', pending: pendingExternal('B2B') }),

  listTransfers: ({ world, query, principal }) => ok(paginate(listTransfers(world, principal), query).map(transferView)),

  getTransferById: ({ world, params, principal }) => {
    const t = getTransfer(world, params.id);
    requireTransferAccess(principal, t);
    return ok(transferView(t));
  },

  getTransferPricing: ({ world, params, principal }) => {
    const t = getTransfer(world, params.id);
    requireTransferAccess(principal, t);
    const row = transferPricing(world).get(t.id);
    if (!row) throw notFound(`transfer ${t.id} was created without pricing`);
    return ok(transferPricingView(t, row));
  },
};
