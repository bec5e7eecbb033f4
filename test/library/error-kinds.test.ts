// The error catalogue (src/kernel/errors.ts): a refusal thrown by the domain carries a stable `kind`, so in-process
// callers can assert what went wrong without matching message text, while the HTTP answer to the same refusal stays
// the API's plain `{"error": ...}` body (the kind is never serialized).
import { beforeAll, describe, expect, test } from 'vitest';
import { Sandbox } from '../../src/sandbox.ts';
import { ApiError, type ErrorKind } from '../../src/kernel/errors.ts';
import { assertContactFree, findUserByEmail, getUser } from '../../src/domain/users.ts';
import { defaultWallet } from '../../src/domain/wallets.ts';
import { lock } from '../../src/domain/ledger.ts';
import { requireTransition } from '../../src/domain/marketplace/order-machine.ts';
import { orders } from '../../src/domain/marketplace/tables.ts';
import { inProcess } from '../support/in-process.ts';
import { aliceOrder } from '../support/seeded.ts';

const sandbox = new Sandbox({ start: new Date('2026-11-22T09:00:00Z'), frozen: true });
const api = inProcess(sandbox);
const world = () => sandbox.world;

/** The ApiError a domain call throws, run as a request would run it: in a transaction that rolls back. */
function refusal(call: () => unknown): ApiError {
  try {
    world().transaction(call);
  } catch (error) {
    if (error instanceof ApiError) return error;
    throw error;
  }
  throw new Error('the call was not refused');
}

const expectKind = (error: ApiError, kind: ErrorKind, status: number) => expect({ kind: error.kind, status: error.status }).toEqual({ kind, status });

let alice: string;
let fixtures: any;
beforeAll(async () => {
  alice = await api.login('alice@coinpool.test');
  fixtures = (await api.call('GET', '/__sandbox/fixtures')).body;
});

describe('domain refusals carry their kind', () => {
  test('a taken email is already_exists, and the register endpoint answers the same message with no kind on the wire', async () => {
    const error = refusal(() => assertContactFree(world(), { email: 'alice@coinpool.test' }));
    expectKind(error, 'already_exists', 409);
    const r = await api.call('POST', '/api/v1/users/register', { body: {
      email: 'alice@coinpool.test', phone_number: '+254712300999', first_name: 'A', last_name: 'B',
      password: 'your-secure-password', role: 'customer', kyc_status: 'pending', pin: '123456' } });
    expect(r.status).toBe(409);
    expect(r.body).toEqual({ error: error.body.error });
  });

  test('locking more than a wallet holds is insufficient_balance, and nothing is locked', () => {
    const user = findUserByEmail(world(), 'alice@coinpool.test')!;
    const wallet = defaultWallet(world(), user.id, 'tron')!;
    const error = refusal(() => lock(world(), wallet.id, 'USDT', '1000000000', 'error-kinds test'));
    expectKind(error, 'insufficient_balance', 422);
    expect(error.body).toEqual({ error: expect.stringMatching(/^insufficient balance: USDT available /) });
  });

  test('cancelling a cancelled order is illegal_transition, over HTTP a 409 naming current_status', async () => {
    const id = (await aliceOrder(api, alice, fixtures)).id;
    expect((await api.call('PUT', `/api/v1/auth/order/id/${id}/cancel`, { token: alice })).status).toBe(200);
    const again = await api.call('PUT', `/api/v1/auth/order/id/${id}/cancel`, { token: alice });
    expect(again.status).toBe(409);
    expect(again.body).toEqual({ error: 'order is cancelled; cannot cancel', current_status: 'cancelled' });
    const error = refusal(() => requireTransition(orders(world()).get(id)!, 'cancel'));
    expectKind(error, 'illegal_transition', 409);
    expect(error.body).toEqual(again.body);
  });

  test('an unknown user is not_found; a status-only builder takes its kind from the status', () => {
    expectKind(refusal(() => getUser(world(), '00000000-0000-4000-8000-000000000000')), 'not_found', 404);
    expectKind(new ApiError(415, { error: 'x' }), 'unsupported_media_type', 415);
  });
});
