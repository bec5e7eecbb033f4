// The handlers' inputs and outputs are typed from the contract (src/http/types.ts over contracts/generated/types.d.ts),
// and so is who calls them (contracts/generated/access.d.ts). These checks run in the type-check that `npm test` does
// before vitest: a handler map that drifts from the contract, a generated type that stops describing the request, a
// handler answering a shape the contract does not allow, or a principal typed wider than who may call, fails `tsc`.
import { describe, it, expectTypeOf, expect } from 'vitest';
import type { ProductHandlers, ControlHandlers, OperationContext, ResultOf, ResponseBodyOf } from '../../src/http/types.ts';
import { ok, created } from '../../src/http/types.ts';
import type { Admin, Principal, PrincipalWithRole } from '../../src/auth/principal.ts';
import type {
  B2bTransferRequest, ConfirmMultisigProposalRequest, CreateOfferRequest, CreateOrderRequest, CreateOtcDepositDraftRequest, SubmitOtcDepositRequest,
  User, operations,
} from '../../contracts/generated/types.js';
import type { CreateOfferInput } from '../../src/domain/marketplace/offers.ts';
import type { CreateOrderInput } from '../../src/domain/marketplace/orders.ts';
import type { ConfirmInput } from '../../src/domain/multisig.ts';
import type { createB2bTransfer } from '../../src/domain/merchants/transfer-create.ts';
import type { createDraftDeposit } from '../../src/domain/otc/deposit-create.ts';
import type { Fault as ControlFault } from '../../contracts/generated/control-types.js';
import { productHandlers } from '../../src/http/operations/index.ts';
import contract from '../../contracts/openapi.json';

type Ctx<H> = H extends (ctx: infer C) => unknown ? C : never;
type ProductCtx<Id extends keyof ProductHandlers> = Ctx<NonNullable<ProductHandlers[Id]>>;
type ControlCtx<Id extends keyof ControlHandlers> = Ctx<NonNullable<ControlHandlers[Id]>>;

describe('handlers typed from the contract', () => {
  it('a JSON request body is the generated schema type, and a domain input that is that body is the same type (not restated)', () => {
    expectTypeOf<ProductCtx<'createOffer'>['body']>().toEqualTypeOf<CreateOfferRequest>();
    expectTypeOf<ProductCtx<'submitOtcDeposit'>['body']>().toEqualTypeOf<SubmitOtcDepositRequest>();
    expectTypeOf<CreateOfferInput>().toEqualTypeOf<CreateOfferRequest>();
    expectTypeOf<CreateOrderInput>().toEqualTypeOf<CreateOrderRequest>();
    expectTypeOf<ConfirmInput>().toEqualTypeOf<ConfirmMultisigProposalRequest>();
    expectTypeOf<Parameters<typeof createB2bTransfer>[2]>().toEqualTypeOf<B2bTransferRequest>();
    expectTypeOf<Parameters<typeof createDraftDeposit>[3]>().toEqualTypeOf<CreateOtcDepositDraftRequest>();
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

  it('a handler returns one of its operation\'s documented responses, the body typed by that status\'s schema', () => {
    type Result = ReturnType<NonNullable<ProductHandlers['getUserById']>>;
    expectTypeOf<Result>().toEqualTypeOf<ResultOf<operations['getUserById']>>();
    expectTypeOf<ResponseBodyOf<operations['getUserById'], 200>>().toEqualTypeOf<User>();
    expectTypeOf<Extract<Result, { status: 200 }>['body']>().toEqualTypeOf<User>();
    // The proof download documents a PDF, not JSON: its result carries bytes.
    expectTypeOf<Extract<ReturnType<NonNullable<ProductHandlers['downloadOtcDepositProof']>>, { status: 200 }>['bytes']>().toEqualTypeOf<Uint8Array>();
    const user: User = { id: 'u', email: 'a@b.c', phone_number: '+254700000000', first_name: 'A', last_name: 'B', role: 'customer', kyc_status: 'pending' };
    const wrong: ProductHandlers = {
      getUserById: () => ok(user),
      // @ts-expect-error a body the contract does not allow for that status
      getUserByEmail: () => ok({ ...user, role: 'superuser' }),
      // @ts-expect-error a status the operation does not document
      getUserByPhone: () => created(user),
      // @ts-expect-error a response missing a required field (email)
      checkUserEmailExists: () => ok({ exists: true }),
    };
    expect(Object.keys(wrong)).toHaveLength(4);
  });

  it('a control handler returns one of its operation\'s documented responses too, free-form objects as unknown records', () => {
    type ControlOps = import('../../contracts/generated/control-types.js').operations;
    type Result = ReturnType<NonNullable<ControlHandlers['cancelMultisigProposal']>>;
    expectTypeOf<Result>().toEqualTypeOf<ResultOf<ControlOps['cancelMultisigProposal']>>();
    expectTypeOf<ResponseBodyOf<ControlOps['cancelMultisigProposal'], 200>['status']>().toEqualTypeOf<'cancelled'>();
    // emptyObjectsUnknown (scripts/build-types.mjs): a schema's free-form object is a record of unknowns, not of nevers.
    expectTypeOf<ControlFault['body']>().toEqualTypeOf<unknown>();
    expectTypeOf<NonNullable<ResponseBodyOf<ControlOps['listStkPrompts'], 200>[number]['callback']>>().toEqualTypeOf<Record<string, unknown>>();
    const state = { now: '2026-01-01T00:00:00.000Z', frozen: false };
    const wrong: ControlHandlers = {
      getClock: () => ok(state),
      // @ts-expect-error a body the control contract does not allow for that status (frozen is a boolean)
      freezeClock: () => ok({ ...state, frozen: 'yes' }),
      // @ts-expect-error a fault kind the control contract does not list
      listFaults: () => ok([{ id: 'flt_1', match: { operation_id: 'getUserById' }, kind: 'explode', created_at: state.now, matched: 0, fired: 0 }]),
      // @ts-expect-error a status the operation does not document
      unfreezeClock: () => created(state),
    };
    expect(Object.keys(wrong)).toHaveLength(4);
  });

  it('the principal is narrowed to who may call the operation: none when public, the x-roles, or any caller', () => {
    expectTypeOf<ProductCtx<'loginUser'>['principal']>().toEqualTypeOf<null>();
    expectTypeOf<ProductCtx<'getUserById'>['principal']>().toEqualTypeOf<Principal>();
    expectTypeOf<ProductCtx<'listUsers'>['principal']>().toEqualTypeOf<Admin>();
    expectTypeOf<ProductCtx<'createOtcDeposit'>['principal']>().toEqualTypeOf<PrincipalWithRole<'vendor' | 'subvendor' | 'merchant'>>();
    expectTypeOf<ControlCtx<'getClock'>['principal']>().toEqualTypeOf<null>();
    // A shared helper that does not know its operation sees any principal or none.
    expectTypeOf<OperationContext['principal']>().toEqualTypeOf<Principal | null>();
  });

  it('the product handler map is keyed by the contract\'s operationIds', () => {
    const ids = Object.values(contract.paths).flatMap((item) => Object.values(item as Record<string, { operationId?: string }>))
      .map((op) => op.operationId).filter((id): id is string => typeof id === 'string');
    const unknown = Object.keys(productHandlers).filter((id) => !ids.includes(id));
    expect(unknown).toEqual([]);
    expect(Object.keys(productHandlers).sort()).toEqual([...new Set(ids)].sort());
  });
});
