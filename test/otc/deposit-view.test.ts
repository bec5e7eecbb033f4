// The deposit's wire shape (depositView names each wire column): internal columns never leave the sandbox, payout_*
// mirror the payout wallet, and an unkeyed draft keeps no fingerprint while a keyed one still
// recognises its replay.
import { beforeAll, describe, expect, test } from 'vitest';
import { useServer } from '../support/server.ts';
import { fixtures, tokens } from './support.ts';

const ctx = useServer();
let t: Awaited<ReturnType<typeof tokens>>;
let fx: Awaited<ReturnType<typeof fixtures>>;

beforeAll(async () => {
  t = await tokens(ctx.api);
  fx = await fixtures(ctx.api);
});

const draft = (body: Record<string, unknown>, headers: Record<string, string> = {}) =>
  ctx.api.call('POST', '/api/v1/auth/otc/deposits/draft', { token: t.vendor, headers, body: { fiat_amount: '2500.5', fiat_currency: 'KES', requested_asset: 'USDT', requested_network: 'tron', ...body } });

describe('deposit wire shape', () => {
  test('a draft with a payout wallet: every wire column, payout_* mirroring the wallet, no internal column', async () => {
    const wallet = fx.wallet('vendor', 'tron');
    const r = await draft({ to_wallet_id: wallet.id, sender_bank_name: 'Example Bank' });
    expect(r.status).toBe(201);
    const d = r.body.deposit;
    expect(d).toMatchObject({ status: 'draft', method: 'bank', fiat_amount: '2500.50', fiat_currency: 'KES', sender_bank_name: 'Example Bank',
      to_wallet_id: wallet.id, credited_to_address: wallet.address, payout_to_address: wallet.address, payout_to_wallet_id: wallet.id,
      payout_network: 'tron', payout_asset: 'USDT', transfer_id: null, internal_note: null });
    for (const hidden of ['idempotency_key', 'idempotency_fingerprint', 'seq']) expect(d).not.toHaveProperty(hidden);
    // read back: the same view
    const again = await ctx.api.call('GET', `/api/v1/auth/otc/deposits/${d.id}`, { token: t.vendor });
    expect(again.status).toBe(200);
    expect(again.body.deposit ?? again.body).toEqual(d);
  });

  test('unkeyed drafts are always new; a keyed one replays its body and refuses another body', async () => {
    const a = await draft({ sender_bank_name: 'Same' });
    const b = await draft({ sender_bank_name: 'Same' });
    expect([a.status, b.status]).toEqual([201, 201]);
    expect(a.body.deposit.id).not.toBe(b.body.deposit.id);
    const first = await draft({ sender_bank_name: 'Keyed', requested_asset: 'USDC' }, { 'Idempotency-Key': 'view-k1' });
    // same body, keys in another order: still the same request
    const replay = await draft({ requested_asset: 'USDC', sender_bank_name: 'Keyed' }, { 'Idempotency-Key': 'view-k1' });
    expect([first.status, replay.status]).toEqual([201, 200]);
    expect(replay.body).toMatchObject({ idempotent_replay: true, deposit: { id: first.body.deposit.id } });
    const other = await draft({ sender_bank_name: 'Other', requested_asset: 'USDC' }, { 'Idempotency-Key': 'view-k1' });
    expect(other.status).toBe(409);
  });
});
