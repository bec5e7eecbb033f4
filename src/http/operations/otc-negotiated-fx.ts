// Negotiated FX reference handlers (rows 73–78).
import type { ProductHandlers } from '../types.ts';
import { ok, created } from '../types.ts';
import { notFound } from '../../kernel/errors.ts';
import { canSeeNfxReference } from '../../domain/otc/policy.ts';
import { createNfx, listNfx, getNfx, findNfxByCode, cancelNfx, resendNfxEmail } from '../../domain/otc/negotiated-fx.ts';
import { referenceView } from '../views/otc.ts';
import { sliceOffset } from './paging.ts';

export const otcNegotiatedFxHandlers: ProductHandlers = {
  createNegotiatedFxReference: ({ world, principal, body }) => created({ reference: referenceView(world, createNfx(world, principal, body)) }),

  listNegotiatedFxReferences: ({ world, query }) => ok({ references: sliceOffset(listNfx(world, query), query).map((r) => referenceView(world, r)) }),

  getNegotiatedFxReferenceById: ({ world, params }) => ok({ reference: referenceView(world, getNfx(world, params.id)) }),

  getNegotiatedFxReferenceByCode: ({ world, principal, params }) => {
    const r = findNfxByCode(world, params.code);
    if (!r || !canSeeNfxReference(world, principal, r)) throw notFound(`negotiated FX reference ${params.code} not found`);
    return ok({ reference: referenceView(world, r) });
  },

  cancelNegotiatedFxReference: ({ world, principal, params, body }) =>
    ok({ reference: referenceView(world, cancelNfx(world, principal, getNfx(world, params.id), body?.reason)) }),

  resendNegotiatedFxReferenceEmail: ({ world, principal, params }) =>
    ok({ notification: resendNfxEmail(world, principal, getNfx(world, params.id)) }),
};
