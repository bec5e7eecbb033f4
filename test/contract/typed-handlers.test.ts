// The handlers' inputs are typed from the contract (src/http/types.ts over contracts/generated/types.d.ts). These
// checks run in the type-check that `npm test` does before vitest: a handler map that drifts from the contract, or a
// generated type that stops describing the request, fails `tsc --noEmit`.
import { describe, it, expectTypeOf, expect } from 'vitest';
import type { ProductHandlers, ControlHandlers, OperationContext } from '../../src/http/types.ts';
import type { CreateOfferRequest, SubmitOtcDepositRequest, operations } from '../../contracts/generated/types.js';
import type { CreateOfferInput } from '../../src/domain/marketplace/offers.ts';
import { productHandlers } from '../../src/http/operations/index.ts';
import contract from '../../contracts/openapi.json';

type Ctx<H> = H extends (ctx: infer C) => unknown ? C : never;
type ProductCtx<Id extends keyof ProductHandlers> = Ctx<NonNullable<ProductHandlers[Id]>>;
type ControlCtx<Id extends keyof ControlHandlers> = Ctx<NonNullable<ControlHandlers[Id]>>;

describe('handlers typed from the contract', () => {
  it('a JSON request body is the generated schema type, and a domain input that is that body is the same type', () => {
    expectTypeOf<ProductCtx<'createOffer'>['body']>().toEqualTypeOf<CreateOfferRequest>();
    expectTypeOf<ProductCtx<'submitOtcDeposit'>['body']>().toEqualTypeOf<SubmitOtcDepositRequest>();
    expectTypeOf<CreateOfferInput>().toEqualTypeOf<CreateOfferRequest>();
    // An optional request body may be absent; an operation without one has none.
    expectTypeOf<ProductCtx<'softDeleteUser'>['body']>().toMatchTypeOf<{ is_active?: boolean } | undefined>();
    expectTypeOf<ProductCtx<'getUserById'>['body']>().toEqualTypeOf<undefined>();
  });

  it('path and query parameters are the generated (coerced) types', () => {
    expectTypeOf<ProductCtx<'getUserById'>['params']>().toEqualTypeOf<operations['getUserById']['parameters']['path']>();
    expectTypeOf<ProductCtx<'listCustomerTransactions'>['query']['page_size']>().toEqualTypeOf<number | undefined>();
    expectTypeOf<ControlCtx<'advanceClock'>['body']['seconds']>().toBeNumber();
    // @ts-expect-error a field the contract does not have is a type error, not `any`
    expectTypeOf<ProductCtx<'createOffer'>['body']['no_such_field']>();
  });

  it('the shared helpers context keeps the untyped defaults out of handlers', () => {
    expectTypeOf<OperationContext['body']>().toEqualTypeOf<undefined>();
  });

  it('the product handler map is keyed by the contract\'s operationIds', () => {
    const ids = Object.values(contract.paths).flatMap((item) => Object.values(item as Record<string, { operationId?: string }>))
      .map((op) => op.operationId).filter((id): id is string => typeof id === 'string');
    const unknown = Object.keys(productHandlers).filter((id) => !ids.includes(id));
    expect(unknown).toEqual([]);
    expect(Object.keys(productHandlers).sort()).toEqual([...new Set(ids)].sort());
  });
});
