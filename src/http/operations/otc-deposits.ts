// OTC deposit handlers (rows 55–72): parse → domain (src/domain/otc) → wire shape (views/otc.ts).
import type { OperationContext, ProductHandlers } from '../types.ts';
import type { Principal } from '../../auth/principal.ts';
import { ok, created } from '../types.ts';
import { assertVisible } from '../../domain/otc/merchants.ts';
import { otcListScope, seesInternalNotes } from '../../domain/otc/policy.ts';
import { getDeposit, otcDeposits, auditTrail, type OtcDepositRow } from '../../domain/otc/deposits.ts';
import { createOneShotDeposit, createDraftDeposit, updateDraftDeposit, backfillPayoutWallet } from '../../domain/otc/deposit-create.ts';
import { quoteDeposit } from '../../domain/otc/deposit-pricing.ts';
import { attachProof, readProof } from '../../domain/otc/proofs.ts';
import { submitDeposit, claimDeposit, assignDeposit, confirmDeposit, rejectDeposit } from '../../domain/otc/deposit-review.ts';
import { creditDeposit, isReadyToCredit, latestCreditProposal } from '../../domain/otc/deposit-credit.ts';
import { transfers } from '../../domain/merchants/transfers.ts';
import { byCreation } from '../../domain/otc/ordering.ts';
import { depositView, depositsView, auditEntryView } from '../views/otc.ts';
import { proposalView, transferView } from '../views/merchants.ts';
import { sliceOffset } from './paging.ts';

/** The deposit of the path, if the caller may see it (another merchant's deposit is a 404). */
function visibleDeposit(ctx: Pick<OperationContext, 'world'> & { principal: Principal; params: { id: string } }): OtcDepositRow {
  const d = getDeposit(ctx.world, ctx.params.id);
  assertVisible(ctx.world, ctx.principal, d, 'otc deposit', d.id);
  return d;
}

export const otcDepositHandlers: ProductHandlers = {
  createOtcDeposit: ({ world, principal, body }) => created(depositView(world, createOneShotDeposit(world, principal, body))),

  createOtcDepositDraft: ({ world, principal, headers, body }) => {
    const { deposit, replay } = createDraftDeposit(world, principal, headers, body);
    const answer = { deposit: depositView(world, deposit), idempotent_replay: replay };
    return replay ? ok(answer) : created(answer);
  },

  updateOtcDepositDraft: (ctx) => ok({ deposit: depositView(ctx.world, updateDraftDeposit(ctx.world, ctx.principal, visibleDeposit(ctx), ctx.body)) }),

  quoteOtcDeposit: (ctx) => ok({ deposit: depositView(ctx.world, quoteDeposit(ctx.world, ctx.principal, visibleDeposit(ctx),
    // QuoteOtcDepositRequest's "one FX source" rule (oneOf beside the object) makes openapi-typescript's type `unknown`;
    // validation has checked the body is that object.
    ctx.body as Record<string, unknown>)) }),

  uploadOtcDepositProof: (ctx) => ok({ deposit: depositView(ctx.world, attachProof(ctx.world, ctx.principal, visibleDeposit(ctx), ctx.form?.file)) }),

  submitOtcDeposit: (ctx) => ok({ deposit: depositView(ctx.world, submitDeposit(ctx.world, ctx.principal, visibleDeposit(ctx), ctx.body)) }),

  claimOtcDeposit: (ctx) => ok({ deposit: depositView(ctx.world, claimDeposit(ctx.world, ctx.principal, getDeposit(ctx.world, ctx.params.id))) }),

  assignOtcDeposit: (ctx) => ok({ deposit: depositView(ctx.world,
    assignDeposit(ctx.world, ctx.principal, getDeposit(ctx.world, ctx.params.id), ctx.body.assignee_user_id)) }),

  confirmOtcDeposit: (ctx) => ok({ deposit: depositView(ctx.world,
    confirmDeposit(ctx.world, ctx.principal, getDeposit(ctx.world, ctx.params.id), ctx.body?.internal_note)) }),

  rejectOtcDeposit: (ctx) => ok({ deposit: depositView(ctx.world,
    rejectDeposit(ctx.world, ctx.principal, getDeposit(ctx.world, ctx.params.id), ctx.body.rejection_reason, ctx.body.internal_note)) }),

  creditOtcDeposit: (ctx) => {
    const { world } = ctx;
    const { deposit, proposal, transferId } = creditDeposit(world, ctx.principal, getDeposit(world, ctx.params.id), ctx.body);
    const need = proposal.threshold;
    return {
      status: 202,
      body: {
        deposit: depositView(world, deposit),
        transfer: { id: transferId, status: 'pending', message: `awaiting treasury multisig signatures (0 of ${need})` },
        multisig_required: true, proposal_id: proposal.id, required_signatures: need, current_signatures: proposal.signatures.length,
        message: `Credit proposal created; ${need} treasury signatures are required before the funds move`,
      },
    };
  },

  listOtcDeposits: ({ world, principal, query }) => {
    const mine = otcListScope(world, principal);
    const rows = otcDeposits(world).filter((d) => (!mine || d.merchant_id === mine)
      && (!query.status || d.status === query.status) && (!query.method || d.method === query.method)).sort(byCreation('desc'));
    return ok(depositsView(world, sliceOffset(rows, query).map((d) => backfillPayoutWallet(world, d))));
  },

  getOtcDepositById: (ctx) => ok(depositView(ctx.world, visibleDeposit(ctx))),

  listPendingOtcDeposits: ({ world }) => ok(depositsView(world, otcDeposits(world).filter((d) => d.status === 'pending').sort(byCreation('asc')))),

  listOtcDepositsReadyToCredit: ({ world }) => ok(depositsView(world, otcDeposits(world).filter((d) => isReadyToCredit(world, d))
    .sort((a, b) => (a.confirmed_at ?? '').localeCompare(b.confirmed_at ?? '') || a.seq - b.seq))),

  getOtcDepositSettlement: (ctx) => {
    const d = visibleDeposit(ctx);
    const transfer = d.transfer_id ? transfers(ctx.world).get(d.transfer_id) : undefined;
    const proposal = latestCreditProposal(ctx.world, d);
    return ok({ deposit: depositView(ctx.world, d), transfer: transfer ? transferView(transfer) : null,
      proposal: proposal ? proposalView(ctx.world, proposal) : null });
  },

  listOtcDepositAuditEntries: (ctx) => {
    const d = visibleDeposit(ctx);
    const showNotes = seesInternalNotes(ctx.principal);
    return ok({ entries: auditTrail(ctx.world, d.id).map((a) => auditEntryView(a, showNotes)) });
  },

  downloadOtcDepositProof: ({ world, params }) => {
    const { file, bytes } = readProof(world, params.deposit_id, params.file);
    return { status: 200, bytes, headers: { 'content-type': 'application/pdf', 'content-disposition': `inline; filename="${file.file_name.replace(/["\\\r\n]/g, '_')}"` } };
  },
};
