// The hook registries (STK and B2C results, chain failures, multisig proposals, fiat references, pricing listings)
// live on each world (world.hooks), and every hook receives the world it acts on. A registry shared between worlds
// would let the last world created handle every world's callbacks. Here a world created first still gets its own STK
// callback after later worlds installed the same hooks, and the others see nothing of it.
import { expect, test } from 'vitest';
import { Sandbox } from '../../src/sandbox.ts';
import { listingLookupCount } from '../../src/domain/pricing/listings.ts';
import { client } from '../support/client.ts';

const root = new Sandbox({ frozen: true, start: new Date('2026-11-22T09:00:00Z') });
const send: typeof fetch = (input, init) => root.handle(new Request(input, init));
const rootApi = client('http://sandbox.local', send);

test('an order paid by STK in the first world settles there after later worlds installed the same hooks', async () => {
  const first = (await rootApi.call('POST', '/__sandbox/worlds', { body: { frozen: true, clock: '2026-11-22T09:00:00Z' } })).body;
  const lookups = listingLookupCount(root.world);
  const later = [];
  for (let i = 0; i < 2; i++) later.push((await rootApi.call('POST', '/__sandbox/worlds', { body: { frozen: true, clock: '2026-11-22T09:00:00Z' } })).body);
  expect(listingLookupCount(root.world)).toBe(lookups); // installing later worlds does not grow this world's registry

  const api = client(first.base_url, send);
  const f = (await api.call('GET', '/__sandbox/fixtures')).body;
  const vendor = f.users.find((u: any) => u.email === 'vendor@coinpool.test');
  const alice = f.users.find((u: any) => u.email === 'alice@coinpool.test');
  const [vendorToken, aliceToken] = [await api.login('vendor@coinpool.test'), await api.login('alice@coinpool.test')];
  const offer = await api.call('POST', '/api/v1/auth/offers', { token: vendorToken, body: {
    vendor_id: vendor.id, offer_type: 'SELL', asset: 'USDT', crypto_amount: '1000', available_amount: '1000', rate: '141.00', min_order: '10', max_order: '500' } });
  expect(offer.status, JSON.stringify(offer.body)).toBe(201);
  const order = await api.call('POST', '/api/v1/auth/orders', { token: aliceToken, body: {
    customer_id: alice.id, vendor_id: vendor.id, offer_id: offer.body.id, usdt_amount: '100.00', fiat_amount: '14100.00', fiat_currency: 'KES',
    wallet_address: alice.wallets.find((w: any) => w.network === 'tron').address, payment_method: 'mpesa', order_type: 'ON_RAMP_BUY',
    expires_at: '2026-12-31T23:59:59Z' } });
  expect(order.status, JSON.stringify(order.body)).toBe(201);
  const pay = await api.call('POST', '/api/v1/auth/orders/payment', { token: aliceToken, body: { order_id: order.body.id, phone_number: '+254711000222' } });
  expect(pay.status, JSON.stringify(pay.body)).toBe(200);
  await api.call('POST', '/__sandbox/clock/advance', { body: { seconds: 5 } });
  const details = await api.call('GET', `/api/v1/auth/order/id/${order.body.id}/details`, { token: aliceToken });
  expect(details.body.status).toBe('processing');

  for (const other of [...later, { base_url: 'http://sandbox.local' }]) {
    const otherApi = client(other.base_url, send);
    expect((await otherApi.call('GET', '/__sandbox/mpesa/stk')).body).toEqual([]);
    const offersThere = (await otherApi.call('GET', '/__sandbox/world')).body.collections.find((c: any) => c.name === 'orders');
    expect(offersThere?.rows ?? []).toEqual([]);
  }
});

test('a failed on-chain send in the first world is undone there by the chain failure hook (chain.ts registry)', async () => {
  const first = (await rootApi.call('POST', '/__sandbox/worlds', { body: { frozen: true, clock: '2026-11-22T09:00:00Z' } })).body;
  const later = (await rootApi.call('POST', '/__sandbox/worlds', { body: { frozen: true, clock: '2026-11-22T09:00:00Z' } })).body;
  const api = client(first.base_url, send);
  const f = (await api.call('GET', '/__sandbox/fixtures')).body;
  const alice = f.users.find((u: any) => u.email === 'alice@coinpool.test');
  const wallet = alice.wallets.find((w: any) => w.network === 'tron');
  const token = await api.login('alice@coinpool.test');
  const sent = await api.call('POST', '/api/v1/auth/transfers/p2p/external', { token, body: {
    to_address: 'TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t', asset: 'USDT', amount: '1.5', network: 'tron', from_wallet_id: wallet.id } });
  expect(sent.status, JSON.stringify(sent.body)).toBe(200);
  const failed = await api.call('POST', `/__sandbox/chain/transactions/${sent.body.transfer.tx_hash}/fail`, { body: {} });
  expect(failed.status, JSON.stringify(failed.body)).toBe(200);
  expect(failed.body.status).toBe('failed');
  const rows = (await api.call('GET', '/__sandbox/world')).body.collections.find((c: any) => c.name === 'transfers').rows;
  expect(rows.find((r: any) => r.id === sent.body.transfer.id).status).toBe('failed');
  // the later world has no such send
  expect((await client(later.base_url, send).call('GET', '/__sandbox/chain/transactions')).body).toEqual([]);
});
