// A multisig proposal cannot lock its amount forever (issue 17): it expires 72 h of sandbox time after creation
// (cancelled, the lock released, its transfer cancelled), and the control API cancels one by hand.
import { beforeAll, describe, expect, test } from 'vitest';
import { useServer } from '../support/server.ts';
import { advance, balance, fixtures, logins } from '../support/seeded.ts';

const ctx = useServer();
let t: Awaited<ReturnType<typeof logins>>;
let fx: Awaited<ReturnType<typeof fixtures>>;
beforeAll(async () => { t = await logins(ctx.api); fx = await fixtures(ctx.api); });
const call = (method: string, path: string, token: string, body?: unknown) => ctx.api.call(method, `/api/v1/auth${path}`, { token, body });

async function propose(amount: string) {
  t = await logins(ctx.api);
  const ms = fx.merchantMultisig('vendor_tron_2of2');
  const created = await call('POST', '/transfers/b2b', t.vendor, { to_vendor_id: fx.user('subvendor').id, amount, network: 'tron', from_wallet_id: ms.wallet_id });
  expect(created.status, JSON.stringify(created.body)).toBe(202);
  return { ms, id: created.body.proposal_id as string, transferId: created.body.transfer.id as string };
}

describe('multisig proposals expire', () => {
  test('a pending proposal is cancelled after 72 h of sandbox time: the lock is released, the transfer cancelled', async () => {
    const { ms, id, transferId } = await propose('40');
    const locked = balance(ctx.server, ms.wallet_id).locked;
    await advance(ctx.api, 72 * 3600 - 1);
    t = await logins(ctx.api); // access tokens live 900 s of the same clock
    expect((await call('GET', `/multisig/proposals/${id}`, t.vendor)).body.status).toBe('pending');
    await advance(ctx.api, 1);
    t = await logins(ctx.api);
    expect((await call('GET', `/multisig/proposals/${id}`, t.vendor)).body.status).toBe('cancelled');
    expect(Number(balance(ctx.server, ms.wallet_id).locked)).toBeCloseTo(Number(locked) - 40, 8);
    expect((await call('GET', `/transfers/${transferId}`, t.vendor)).body.status).toBe('cancelled');
    const late = await call('POST', `/multisig/proposals/${id}/confirm`, t.vendor, { signature: `0x${'ab'.repeat(65)}` });
    expect(late.status).toBe(409);
  });

  test('POST /__sandbox/multisig/proposals/{id}/cancel releases it at once; twice is a 409, unknown a 404', async () => {
    const { ms, id, transferId } = await propose('25');
    const locked = balance(ctx.server, ms.wallet_id).locked;
    const r = await ctx.api.call('POST', `/__sandbox/multisig/proposals/${id}/cancel`);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body).toEqual({ proposal_id: id, status: 'cancelled', asset: 'USDT', amount: '25.00000000', reference_type: 'transfer', reference_id: transferId });
    expect(Number(balance(ctx.server, ms.wallet_id).locked)).toBeCloseTo(Number(locked) - 25, 8);
    expect((await call('GET', `/transfers/${transferId}`, t.vendor)).body.status).toBe('cancelled');
    const again = await ctx.api.call('POST', `/__sandbox/multisig/proposals/${id}/cancel`);
    expect(again.status).toBe(409);
    expect(again.body.current_status).toBe('cancelled');
    expect((await ctx.api.call('POST', '/__sandbox/multisig/proposals/3c90c3cc-0d44-4b50-8888-8dd25736052a/cancel')).status).toBe(404);
  });
});
