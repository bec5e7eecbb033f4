// A custodial remittance's chain send failing on chain, over HTTP: the send is on GET /__sandbox/chain/transactions;
// failing it fails the order (signed order.status_changed webhook, reason chain_send_failed), puts the amount back from
// the escrow into the custodial wallet and the offer reservation back, leaves the draft retryable, and the retry (a new
// send) completes the same order; a draft past expires_at expires instead. The books' total never changes.
import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import Decimal from 'decimal.js';
import { useServer } from '../support/server.ts';
import { startWebhookReceiver, type WebhookReceiver } from '../support/webhook-receiver.ts';
import { advance, balance, fixtures, logins, orderStatus, totalOf } from './support.ts';
import { remittanceDrafts } from '../../src/domain/marketplace/tables.ts';
import { escrowWallets } from '../../src/domain/escrow.ts';

const ctx = useServer();
let t: Awaited<ReturnType<typeof logins>>;
let fx: Awaited<ReturnType<typeof fixtures>>;
let receiver: WebhookReceiver;
const SECRET = 'whsec_chain_failure';
beforeAll(async () => {
  t = await logins(ctx.api);
  fx = await fixtures(ctx.api);
  receiver = await startWebhookReceiver();
  await ctx.api.call('POST', '/__sandbox/webhooks', { body: { url: `${receiver.base}/hooks`, secret: SECRET, events: ['order.status_changed'] } });
});
afterAll(() => receiver.close());

const AMOUNT = '50.38654813'; // (6467.50 + 50 KES fee) / 129.35, rounded up
const draftBody = () => {
  const lane = fx.lane('offramp_usdt_kes_tron');
  return {
    custodial_wallet_id: fx.wallet('alice@coinpool.test', 'tron').id, beneficiary_fiat_amount: '6467.50', fiat_currency: 'KES',
    pricing_profile_id: lane.profile, fx_rate_quote_id: lane.quote, sender_name: 'Alice', sender_country: 'GB', sender_phone: '+447700900123',
    beneficiary_country: 'KE', beneficiary_phone: '254727648169',
  };
};
const newDraft = async () => {
  const d = await ctx.api.call('POST', '/api/v1/auth/remittance/custodial/drafts', { token: t.alice, body: draftBody() });
  expect(d.status, JSON.stringify(d.body)).toBe(201);
  return d.body.draft;
};
const confirm = (id: string) => ctx.api.call('POST', `/api/v1/auth/remittance/custodial/drafts/${id}/confirm`, { token: t.alice });
const sendOf = async (hash: string) => (await ctx.api.call('GET', '/__sandbox/chain/transactions')).body.find((s: any) => s.tx_hash === hash);
const offerAvailable = async () => (await ctx.api.call('GET', '/api/v1/auth/offers/type/BUY?page_id=1&page_size=10', { token: t.alice })).body
  .find((x: any) => x.id === fx.offer('vendor_buy_usdt_tron').id).available_amount as string;
const verified = (h: { headers: Record<string, unknown>; body: string }) => {
  const [, ts, sig] = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(String(h.headers['coinpool-signature'])) ?? [];
  return !!ts && createHmac('sha256', SECRET).update(`${ts}.${h.body}`).digest('hex') === sig;
};
const waitFor = async (pred: () => boolean, what: string) => {
  for (let i = 0; i < 200 && !pred(); i++) await new Promise((r) => setTimeout(r, 10));
  if (!pred()) throw new Error(`timed out waiting for ${what}`);
};

describe('a custodial remittance send that fails on chain', () => {
  test('fails the order with everything given back; confirming again retries the same order, which completes', async () => {
    const books = totalOf(ctx.server);
    const aliceTron = fx.wallet('alice@coinpool.test', 'tron');
    const before = balance(ctx.server, aliceTron.id);
    const available0 = await offerAvailable();
    const draft = await newDraft();
    const c = await confirm(draft.id);
    expect(c.status, JSON.stringify(c.body)).toBe(200);
    const order = c.body.order;
    const hash: string = c.body.custodial_transfer.transaction_hash;
    expect(order.status).toBe('confirming');
    expect(await sendOf(hash)).toMatchObject({ status: 'pending', network: 'tron', from_address: aliceTron.address, to_address: draft.escrow_wallet_address,
      asset: 'USDT', amount: AMOUNT, reference_type: 'order', reference_id: order.id, failure_reason: null });
    expect(new Decimal(available0).minus(await offerAvailable()).toFixed(8)).toBe(AMOUNT);

    await advance(ctx.api, 20);
    const f = await ctx.api.call('POST', `/__sandbox/chain/transactions/${hash}/fail`, { body: { reason: 'bandwidth exhausted' } });
    expect(f.status, JSON.stringify(f.body)).toBe(200);
    expect(f.body).toMatchObject({ status: 'failed', failure_reason: 'bandwidth exhausted', reference_id: order.id });
    expect(await orderStatus(ctx.api, t.alice, order.id)).toBe('failed');
    expect(balance(ctx.server, aliceTron.id)).toEqual(before);
    const row = remittanceDrafts(ctx.server.sandbox.world).get(draft.id)!;
    expect(balance(ctx.server, row.escrow_wallet_id).amount).toBe('0.00000000');
    expect(await offerAvailable()).toBe(available0);
    expect(remittanceDrafts(ctx.server.sandbox.world).get(draft.id)!.status).toBe('draft');
    expect(totalOf(ctx.server)).toBe(books);

    // The signed order webhook says why.
    const hookOf = (status: string) => receiver.received.find((h) => JSON.parse(h.body).data.order_id === order.id && JSON.parse(h.body).data.status === status);
    await waitFor(() => !!hookOf('failed'), 'the failed order webhook');
    const hook = hookOf('failed')!;
    expect(verified(hook)).toBe(true);
    expect(JSON.parse(hook.body).data).toMatchObject({ previous_status: 'confirming', status: 'failed', reason: 'chain_send_failed', deposit_tx_hash: hash });

    // The confirmation that was due never comes.
    await advance(ctx.api, 120);
    t = await logins(ctx.api);
    expect(await orderStatus(ctx.api, t.alice, order.id)).toBe('failed');
    expect((await ctx.api.call('POST', `/__sandbox/chain/transactions/${hash}/fail`)).body.current_status).toBe('failed');

    // Retry: the same order, a new send, which confirms and completes the order.
    const retry = await confirm(draft.id);
    expect(retry.status, JSON.stringify(retry.body)).toBe(200);
    expect(retry.body.order).toMatchObject({ id: order.id, status: 'confirming' });
    const second: string = retry.body.custodial_transfer.transaction_hash;
    expect(second).not.toBe(hash);
    expect(await sendOf(second)).toMatchObject({ status: 'pending', reference_id: order.id });
    expect(balance(ctx.server, aliceTron.id).amount).toBe(new Decimal(before.amount).minus(AMOUNT).toFixed(8));
    await advance(ctx.api, 80);
    expect(await orderStatus(ctx.api, t.alice, order.id)).toBe('completed');
    expect(await sendOf(second)).toMatchObject({ status: 'confirmed', settled_at: expect.any(String) });
    expect(await sendOf(hash)).toMatchObject({ status: 'failed' });
    const late = await ctx.api.call('POST', `/__sandbox/chain/transactions/${second}/fail`);
    expect(late.status).toBe(409);
    expect(late.body.current_status).toBe('confirmed');
    expect(totalOf(ctx.server)).toBe(books); // the escrowed amount went to the vendor, still on the books
  });

  test('a retry right after the failure gets its own full 60 s: the failed send\'s confirmation was dropped', async () => {
    t = await logins(ctx.api);
    const draft = await newDraft();
    const c = await confirm(draft.id);
    await advance(ctx.api, 10);
    expect((await ctx.api.call('POST', `/__sandbox/chain/transactions/${c.body.custodial_transfer.transaction_hash}/fail`)).status).toBe(200);
    await advance(ctx.api, 10);
    const retry = await confirm(draft.id);
    expect(retry.body.order.status).toBe('confirming');
    await advance(ctx.api, 45); // past the failed send's confirmation time (+60 s), 45 s into the retry's
    expect(await orderStatus(ctx.api, t.alice, c.body.order.id)).toBe('confirming');
    expect((await sendOf(retry.body.custodial_transfer.transaction_hash)).status).toBe('pending');
    await advance(ctx.api, 15);
    expect(await orderStatus(ctx.api, t.alice, c.body.order.id)).toBe('crypto_received');
    expect((await sendOf(retry.body.custodial_transfer.transaction_hash)).status).toBe('confirmed');
  });

  test('a send failing after the draft expired expires the draft instead; it cannot be confirmed again', async () => {
    t = await logins(ctx.api);
    const aliceTron = fx.wallet('alice@coinpool.test', 'tron');
    const before = balance(ctx.server, aliceTron.id);
    const draft = await newDraft();
    await advance(ctx.api, 14 * 60 + 30);
    t = await logins(ctx.api);
    const c = await confirm(draft.id);
    expect(c.status, JSON.stringify(c.body)).toBe(200);
    await advance(ctx.api, 40); // expires_at passes while the send is pending; the draft is confirmed, so it does not expire
    const f = await ctx.api.call('POST', `/__sandbox/chain/transactions/${c.body.custodial_transfer.transaction_hash}/fail`);
    expect(f.status, JSON.stringify(f.body)).toBe(200);
    expect(await orderStatus(ctx.api, t.alice, c.body.order.id)).toBe('failed');
    expect(balance(ctx.server, aliceTron.id)).toEqual(before);
    expect(remittanceDrafts(ctx.server.sandbox.world).get(draft.id)!.status).toBe('expired');
    const row = remittanceDrafts(ctx.server.sandbox.world).get(draft.id)!;
    expect(escrowWallets(ctx.server.sandbox.world).get(row.escrow_id)!.status).toBe('inactive');
    const again = await confirm(draft.id);
    expect(again.status).toBe(409);
    expect(again.body.current_status).toBe('expired');
  });

  test('no response or event broke the contract', async () => {
    expect((await ctx.api.call('GET', '/__sandbox/problems')).body).toEqual([]);
    expect((await ctx.api.call('GET', '/__sandbox/violations')).body.requests.filter((r: any) => r.status >= 500)).toEqual([]);
  });
});
