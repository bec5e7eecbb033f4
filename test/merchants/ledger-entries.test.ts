// The ledger's journal of a P2P transfer and of an order's vendor lock: exact 8-place deltas (a debit and a credit
// that cancel out, a lock that moves no money), and balances that change by exactly the amount.
import Decimal from 'decimal.js';
import { describe, expect, test } from 'vitest';
import { useSeededServer } from '../support/server.ts';
import { balance, fiatFor } from '../support/seeded.ts';
import { ledgerEntries } from '../../src/domain/ledger.ts';

const { ctx, t, fx } = useSeededServer();

const entriesAbout = (reference: string) => [...ledgerEntries(ctx.server.sandbox.world).values()]
  .filter((e) => e.reference === reference).map(({ wallet_id, currency, delta, kind }) => ({ wallet_id, currency, delta, kind }));

describe('ledger entries', () => {
  test('a P2P transfer journals a debit and a credit of the exact amount and moves exactly that much', async () => {
    const [from, to] = [fx.wallet('vendor', 'tron').id, fx.wallet('alice', 'tron').id];
    const [fromBefore, toBefore] = [balance(ctx.server, from), balance(ctx.server, to)];
    const r = await ctx.api.call('POST', '/api/v1/auth/transfers/p2p', { token: t.vendor,
      body: { to_user_id: fx.user('alice').id, amount: '0.12345678', network: 'tron' } });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body.transfer.crypto_amount).toBe('0.12345678');
    expect(entriesAbout(`transfer:${r.body.transfer.id}`)).toEqual([
      { wallet_id: from, currency: 'USDT', delta: '-0.12345678', kind: 'debit' },
      { wallet_id: to, currency: 'USDT', delta: '0.12345678', kind: 'credit' },
    ]);
    expect(balance(ctx.server, from)).toEqual({ amount: new Decimal(fromBefore.amount).minus('0.12345678').toFixed(8), locked: fromBefore.locked });
    expect(balance(ctx.server, to)).toEqual({ amount: new Decimal(toBefore.amount).plus('0.12345678').toFixed(8), locked: toBefore.locked });
  });

  test("an on-ramp order's vendor lock journals a zero delta and raises locked_amount only", async () => {
    const wallet = fx.wallet('vendor', 'tron').id;
    const before = balance(ctx.server, wallet);
    const offer = fx.offer('vendor_sell_usdt');
    const r = await ctx.api.call('POST', '/api/v1/auth/orders', { token: t.alice, body: {
      customer_id: fx.user('alice').id, vendor_id: offer.vendor_id, offer_id: offer.id, crypto_amount: '12.5', fiat_amount: fiatFor(offer, '12.5'),
      fiat_currency: 'KES', wallet_address: fx.wallet('alice', 'tron').address, payment_method: 'mpesa', order_type: 'ON_RAMP_BUY' } });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    expect(entriesAbout(`order ${r.body.id}`)).toEqual([{ wallet_id: wallet, currency: 'USDT', delta: '0.00000000', kind: 'lock' }]);
    expect(balance(ctx.server, wallet)).toEqual({ amount: before.amount, locked: new Decimal(before.locked).plus('12.5').toFixed(8) });
  });
});
