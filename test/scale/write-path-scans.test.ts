// The write paths of issue 19 read no table that grows with them (Table.scanned counts whole-table reads): an on-ramp
// order, an off-ramp order (whose chain watcher is found by an index, not by listing every pending job), a P2P
// transfer and an OTC draft visit as many rows with hundreds of orders and expiry jobs pending as in a fresh world
// (only the small fixed fiat catalogue is read whole). The single chain watcher still serves every off-ramp order.
// Operation counts, not timings.
import { beforeAll, describe, expect, test } from 'vitest';
import { seededSandbox } from './support.ts';

const sb = seededSandbox();
let vendor: string, alice: string;
let offer: any;

const offRamp = (amount = '1') => {
  const buy = sb.sandbox.fixtures.offers.find((o: { key?: string }) => o.key === 'vendor_buy_usdt_tron') as { id: string; vendor_id: string; rate: string };
  return sb.call('POST', '/api/v1/auth/orders', { token: alice, body: {
    customer_id: sb.user('alice').id, vendor_id: buy.vendor_id, offer_id: buy.id, crypto_amount: amount,
    fiat_amount: (Number(buy.rate) * Number(amount)).toFixed(2), fiat_currency: 'KES',
    wallet_address: sb.user('alice').wallets.find((w) => w.network === 'tron')!.address, payment_method: 'mpesa',
    order_type: 'OFF_RAMP_SELL', payout_phone: '+254711000222' } });
};

async function scannedBy(fn: () => Promise<{ status: number; body: unknown }>): Promise<number> {
  const before = sb.world().rowsScanned();
  const r = await fn();
  expect(r.status, JSON.stringify(r.body)).toBeLessThan(300);
  return sb.world().rowsScanned() - before;
}

const watchJobs = () => sb.world().scheduler.pending().filter((j) => j.kind === 'marketplace.deposits.watch').length;

const ops = {
  onRamp: () => sb.order(alice, offer),
  offRamp: () => offRamp(),
  transfer: () => sb.call('POST', '/api/v1/auth/transfers/p2p', { token: vendor,
    body: { to_user_id: sb.user('alice').id, amount: '0.01', network: 'tron' } }),
  otcDraft: () => sb.call('POST', '/api/v1/auth/otc/deposits/draft', { token: vendor,
    body: { fiat_amount: '1000000.00', fiat_currency: 'KES', requested_asset: 'USDT', requested_network: 'tron',
      to_wallet_id: sb.user('vendor').wallets.find((w) => w.network === 'tron')!.id, sender_bank_name: 'Example Bank' } }),
};
const fresh: Record<string, number> = {};

beforeAll(async () => {
  [vendor, alice] = [await sb.login('vendor'), await sb.login('alice')];
  offer = await sb.sellOffer(vendor, '1000');
  for (const [name, op] of Object.entries(ops)) fresh[name] = await scannedBy(op);
  for (let i = 0; i < 200; i++) expect((await sb.order(alice, offer)).status).toBe(201);
  for (let i = 0; i < 50; i++) expect((await offRamp()).status).toBe(201);
}, 120_000);

describe('write paths do not scan what they grow', () => {
  test('orders, a transfer and an OTC draft visit as many rows with 250 orders and their jobs pending as in a fresh world', async () => {
    expect(sb.world().footprint().rows.jobs).toBeGreaterThanOrEqual(250);
    for (const [name, op] of Object.entries(ops)) expect(await scannedBy(op), name).toBe(fresh[name]);
    expect(fresh.offRamp).toBeLessThan(20); // a fixed catalogue at most, never the jobs
  });

  test('one chain watcher serves every off-ramp order, and a funded escrow is still detected', async () => {
    expect(watchJobs()).toBe(1);
    const o = (await offRamp('2')).body;
    expect(watchJobs()).toBe(1);
    const funded = await sb.call('POST', '/__sandbox/faucet', { body: { address: o.escrow_wallet_address.String, asset: 'USDT', amount: '2' } });
    expect(funded.status).toBe(200);
    sb.world().clock.advance(3);
    const seen = await sb.call('GET', `/api/v1/auth/order/id/${o.id}/details`, { token: alice });
    expect(seen.body.status).toBe('confirming');
    expect(watchJobs()).toBe(1); // the others still wait: the watcher goes on
  });
});
