// Two sandboxes in one process keep their hooks apart: what one area registers for another (who gets an STK result,
// who undoes a failed chain send) lives on each sandbox's world, so a callback in one sandbox is handled there, a
// reset of the other (a new world, its hooks registered again) changes nothing for it, and the other sees nothing of it.
import { afterAll, expect, test } from 'vitest';
import { createSandbox } from '../../src/index.ts';
import { inProcess } from '../support/in-process.ts';
import { aliceOrder } from '../support/seeded.ts';

const options = { start: new Date('2026-11-22T09:00:00Z'), frozen: true };
const a = createSandbox({ ...options, baseUrl: 'https://a.sandbox.test' });
const b = createSandbox({ ...options, baseUrl: 'https://b.sandbox.test' });
afterAll(() => { a.close(); b.close(); });
const apiA = inProcess(a.sandbox, a.baseUrl);
const apiB = inProcess(b.sandbox, b.baseUrl);

test('an STK result is handled by the sandbox that started the push, after the other sandbox was reset', async () => {
  const token = await apiA.login('alice@coinpool.test');
  const order = await aliceOrder(apiA, token, await a.control.fixtures());
  const pay = await apiA.call('POST', '/api/v1/auth/orders/payment', { token, body: { order_id: order.id, phone_number: '+254711000222' } });
  expect(pay.status, JSON.stringify(pay.body)).toBe(200);
  b.reset();
  await a.control.clock.advance(5);

  const details = await apiA.call('GET', `/api/v1/auth/order/id/${order.id}/details`, { token });
  expect(details.body.status).toBe('processing');
  const [prompt] = await a.control.mpesa.stkPrompts();
  expect(prompt).toMatchObject({ reference_id: order.id, status: 'succeeded' });
  expect(await b.control.mpesa.stkPrompts()).toEqual([]);
  expect((await apiB.call('GET', `/api/v1/auth/order/id/${order.id}/details`, { token: await apiB.login('alice@coinpool.test') })).status).toBe(404);
});

test('a failed chain send is undone in its own sandbox only', async () => {
  const token = await apiB.login('alice@coinpool.test');
  const seeded = await b.control.fixtures();
  const wallet = seeded.users.find((u: { email: string }) => u.email === 'alice@coinpool.test').wallets.find((w: { network: string }) => w.network === 'tron');
  const sent = await apiB.call('POST', '/api/v1/auth/transfers/p2p/external', { token, body: {
    to_address: 'TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t', asset: 'USDT', amount: '1.5', network: 'tron', from_wallet_id: wallet.id } });
  expect(sent.status, JSON.stringify(sent.body)).toBe(200);

  const failed = await b.control.chain.fail(sent.body.transfer.tx_hash);
  expect(failed).toMatchObject({ status: 'failed', reference_type: 'transfer', reference_id: sent.body.transfer.id });
  const rows = b.sandbox.world.snapshot().transfers as { id: string; status: string }[];
  expect(rows.find((r) => r.id === sent.body.transfer.id)?.status).toBe('failed');
  expect(await a.control.chain.transactions()).toEqual([]);
});
