// The complete B2B web deposit over HTTP with three roles: draft → edit → quote → proof → submit (merchant), claim →
// confirm (otc_officer), credit (treasury) → two multisig signatures → credited, with the balances, the settlement,
// the audit trail, the queues and the partner webhooks.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { useServer } from '../support/server.ts';
import { startWebhookReceiver, type WebhookReceiver } from '../support/webhook-receiver.ts';
import { verifySignature } from '../../src/simulation/webhooks.ts';
import { tokens, fixtures, balance, held, sign, upload, PDF } from './support.ts';

const ctx = useServer();
let t: Awaited<ReturnType<typeof tokens>>;
let fx: Awaited<ReturnType<typeof fixtures>>;
let receiver: WebhookReceiver;

beforeAll(async () => {
  t = await tokens(ctx.api);
  fx = await fixtures(ctx.api);
  receiver = await startWebhookReceiver();
  const reg = await ctx.api.call('POST', '/__sandbox/webhooks', { body: { url: `${receiver.base}/hooks`, secret: 'whsec_test', events: ['otc.deposit.*'] } });
  expect(reg.status).toBeLessThan(300);
});
afterAll(() => receiver.close());

const path = (id: string, tail = '') => `/api/v1/auth/otc/deposits/${id}${tail}`;

describe('B2B deposit, end to end', () => {
  test('draft → priced → pending → confirmed → credited, with the money moving once', async () => {
    const { api } = ctx;
    const lane = fx.lane('b2b_deposit_usdt_kes_tron');
    const vendorTron = fx.wallet('vendor@coinpool.test', 'tron').id;
    const treasuryTron = fx.multisig('tron').wallet_id;
    const usdtBefore = held(ctx.server, 'USDT');
    const vendorBefore = balance(ctx.server, vendorTron, 'USDT');

    // tab 1: the draft (subvendor works on its master's books) and an edit
    const draft = await api.call('POST', '/api/v1/auth/otc/deposits/draft', { token: t.subvendor,
      headers: { 'Idempotency-Key': 'flow-1' },
      body: { fiat_amount: '1000000.00', fiat_currency: 'KES', requested_asset: 'USDT', requested_network: 'tron', to_wallet_id: vendorTron,
        sender_bank_name: 'Example Bank' } });
    expect(draft.status).toBe(201);
    expect(draft.body.idempotent_replay).toBe(false);
    const d = draft.body.deposit;
    expect(d).toMatchObject({ status: 'draft', method: 'bank', merchant_id: fx.user('vendor@coinpool.test').id, to_wallet_id: vendorTron,
      payout_to_wallet_id: vendorTron, payout_network: 'tron', payout_asset: 'USDT', fiat_amount: '1000000.00' });
    const edited = await api.call('PATCH', path(d.id, '/draft'), { token: t.vendor, body: { fiat_amount: '1300000.00', sender_bank_branch: 'Westlands' } });
    expect(edited.status).toBe(200);
    expect(edited.body.deposit).toMatchObject({ status: 'draft', fiat_amount: '1300000.00', sender_bank_branch: 'Westlands', sender_bank_name: 'Example Bank' });

    // tab 2: priced with the seeded b2b deposit lane (applied rate 129.76; 25 bps fee capped between 1000 and 100000 KES)
    const quoted = await api.call('PATCH', path(d.id, '/quote'), { token: t.vendor,
      body: { pricing_profile_id: lane.profile, fx_rate_quote_id: lane.quote, requested_asset: 'USDT', requested_network: 'tron' } });
    expect(quoted.status).toBe(200);
    // fee 1300000 × 0.25% = 3250.00; net fiat 1296750.00 / 129.76 = 9993.44944512
    expect(quoted.body.deposit).toMatchObject({ status: 'priced', requested_crypto_amount: '9993.44944512', pricing_profile_id: lane.profile,
      fx_rate_quote_id: lane.quote, negotiated_fx_reference_id: null });

    // tab 3: proof and submit
    const pdf = PDF(2048);
    const up = await upload(api, t.vendor, d.id, pdf, 'bank_advice.pdf');
    expect(up.status).toBe(200);
    expect(up.body.deposit).toMatchObject({ status: 'priced', proof_file_name: 'bank_advice.pdf', proof_mime_type: 'application/pdf', proof_size_bytes: 2048 });
    expect(up.body.deposit.proof_file_sha256).toMatch(/^[0-9a-f]{64}$/);
    const submitted = await api.call('POST', path(d.id, '/submit'), { token: t.vendor, body: { payment_reference: 'FT26160ABCD1', transfer_date: '2026-11-21' } });
    expect(submitted.status).toBe(200);
    expect(submitted.body.deposit).toMatchObject({ status: 'pending', payment_reference: 'FT26160ABCD1', transfer_date: '2026-11-21T00:00:00Z' });

    // review: the officer sees it in the queue, claims it and confirms it
    const queue = await api.call('GET', '/api/v1/auth/otc/deposits/queue/pending', { token: t.officer });
    expect(queue.status).toBe(200);
    expect(queue.body.deposits.map((x: any) => x.id)).toContain(d.id);
    const claimed = await api.call('POST', path(d.id, '/claim'), { token: t.officer });
    expect(claimed.status).toBe(200);
    expect(claimed.body.deposit.assignee_user_id).toBe(fx.user('officer@coinpool.test').id);
    const confirmed = await api.call('POST', path(d.id, '/confirm'), { token: t.officer, body: { internal_note: 'Funds seen on the KES account' } });
    expect(confirmed.status).toBe(200);
    expect(confirmed.body.deposit).toMatchObject({ status: 'confirmed', confirmed_by: fx.user('officer@coinpool.test').id,
      confirmed_at: '2026-11-22T09:00:00Z', internal_note: 'Funds seen on the KES account' });
    const ready = await api.call('GET', '/api/v1/auth/otc/deposits/queue/ready-to-credit', { token: t.treasury });
    expect(ready.body.deposits.map((x: any) => x.id)).toEqual([d.id]);

    // credit by treasury: a 2-of-2 proposal that reserves the treasury's USDT; nothing reaches the vendor yet
    const treasuryBefore = balance(ctx.server, treasuryTron, 'USDT');
    const credit = await api.call('POST', path(d.id, '/credit'), { token: t.treasury,
      body: { asset: 'USDT', network: 'tron', crypto_amount: '9993.44944512' } });
    expect(credit.status).toBe(202);
    expect(credit.body).toMatchObject({ multisig_required: true, required_signatures: 2, current_signatures: 0,
      transfer: { status: 'pending' }, deposit: { status: 'confirmed', credited_asset: 'USDT', credited_crypto_amount: '9993.44944512',
        credited_by: fx.user('treasury@coinpool.test').id, credited_at: null } });
    const proposalId = credit.body.proposal_id;
    expect(balance(ctx.server, treasuryTron, 'USDT').locked).toBe((Number(treasuryBefore.locked) + 9993.44944512).toFixed(8));
    expect(balance(ctx.server, vendorTron, 'USDT')).toEqual(vendorBefore);
    expect((await api.call('GET', '/api/v1/auth/otc/deposits/queue/ready-to-credit', { token: t.admin })).body.deposits).toEqual([]);
    const again = await api.call('POST', path(d.id, '/credit'), { token: t.admin, body: { asset: 'USDT', network: 'tron', crypto_amount: '9993.44944512' } });
    expect(again.status).toBe(409);

    const pendingSettlement = await api.call('GET', path(d.id, '/settlement'), { token: t.vendor });
    expect(pendingSettlement.status).toBe(200);
    expect(pendingSettlement.body.proposal).toMatchObject({ id: proposalId, status: 'pending', current_signatures: 0, reference_type: 'otc_credit', reference_id: d.id });
    expect(pendingSettlement.body.transfer).toMatchObject({ id: credit.body.transfer.id, transfer_type: 'OTC_CREDIT', status: 'pending', proposal_id: proposalId });

    // signatures through the multisig confirm endpoint by the wallet's real signers: an outsider is refused, one
    // signature is not enough, the second executes the proposal and credits the merchant exactly once
    expect((await sign(api, t.officer, proposalId)).status).toBe(403);
    const first = await sign(api, t.treasury, proposalId);
    expect(first.status).toBe(200);
    expect(first.body.proposal).toMatchObject({ id: proposalId, status: 'pending', current_signatures: 1,
      signatures: [{ signer_user_id: fx.user('treasury@coinpool.test').id }] });
    expect((await sign(api, t.treasury, proposalId)).status).toBe(409); // each signer once
    expect((await api.call('GET', path(d.id), { token: t.vendor })).body.status).toBe('confirmed');
    expect(balance(ctx.server, vendorTron, 'USDT')).toEqual(vendorBefore);
    const second = await sign(api, t.admin, proposalId);
    expect(second.status).toBe(200);
    expect(second.body.proposal).toMatchObject({ status: 'executed', current_signatures: 2 });
    expect(second.body.proposal.tx_hash).toMatch(/^[0-9a-f]{64}$/);
    const credited = await api.call('GET', path(d.id), { token: t.vendor });
    expect(credited.body).toMatchObject({ status: 'credited', credited_at: '2026-11-22T09:00:00Z', usdt_amount: '9993.44944512' });
    expect(balance(ctx.server, vendorTron, 'USDT').amount).toBe((Number(vendorBefore.amount) + 9993.44944512).toFixed(8));
    expect(balance(ctx.server, treasuryTron, 'USDT')).toEqual({
      amount: (Number(treasuryBefore.amount) - 9993.44944512).toFixed(8), locked: treasuryBefore.locked });
    expect(held(ctx.server, 'USDT')).toBe(usdtBefore); // moved within the books, nothing minted
    const late = await sign(api, t.admin, proposalId);
    expect([late.status, late.body.current_status]).toEqual([409, 'executed']);
    expect(balance(ctx.server, vendorTron, 'USDT').amount).toBe((Number(vendorBefore.amount) + 9993.44944512).toFixed(8));

    const settlement = await api.call('GET', path(d.id, '/settlement'), { token: t.officer });
    expect(settlement.body.deposit.status).toBe('credited');
    expect(settlement.body.proposal).toMatchObject({ status: 'executed', current_signatures: 2 });
    expect(settlement.body.transfer).toMatchObject({ status: 'completed', tx_hash: settlement.body.proposal.tx_hash });

    // the audit trail, oldest first; merchants do not see staff notes
    const audit = await api.call('GET', path(d.id, '/audit'), { token: t.admin });
    expect(audit.body.entries.map((e: any) => e.action)).toEqual(['created', 'draft_updated', 'quoted', 'proof_attached', 'submitted',
      'claimed', 'confirmed', 'credit_requested', 'credited']);
    expect(audit.body.entries[6]).toMatchObject({ actor_role: 'otc_officer', from_status: 'pending', to_status: 'confirmed', note: 'Funds seen on the KES account' });
    expect(audit.body.entries[8]).toMatchObject({ actor_user_id: null, from_status: 'confirmed', to_status: 'credited' });
    const merchantAudit = await api.call('GET', path(d.id, '/audit'), { token: t.vendor });
    expect(merchantAudit.body.entries[6].note).toBeNull();

    // the three partner webhooks, with their data
    await ctx.server.sandbox.settle();
    const received = receiver.received.map((h) => JSON.parse(h.body) as { id: string; type: string; data: any });
    const raw = receiver.received.map((h) => ({ body: h.body, signature: String(h.headers['coinpool-signature']) }));
    const types = received.map((e) => e.type);
    expect(types).toEqual(['otc.deposit.proof_attached', 'otc.deposit.submitted_for_review', 'otc.deposit.settlement_completed']);
    expect(received[1].data).toMatchObject({ deposit_id: d.id, status: 'pending', transfer_date: '2026-11-21', requested_crypto_amount: '9993.44944512' });
    expect(received[2].data).toMatchObject({ deposit_id: d.id, status: 'credited', proposal_id: proposalId, credited_crypto_amount: '9993.44944512' });
    expect(received[0].data).toMatchObject({ deposit_id: d.id, proof_file_name: 'bank_advice.pdf', proof_file_sha256: up.body.deposit.proof_file_sha256 });
    // the shared partner-webhook mechanism: each POST signed with the endpoint's secret, each attempt recorded
    for (const r of raw) expect(verifySignature('whsec_test', r.signature, r.body)).toBe(true);
    expect(verifySignature('another-secret', raw[0].signature, raw[0].body)).toBe(false);
    const deliveries: any[] = (await api.call('GET', '/__sandbox/webhooks/deliveries')).body;
    for (const e of received) {
      expect(deliveries.find((x) => x.event_id === e.id)).toMatchObject({ event_type: e.type, status: 'delivered', attempts: [{ status: 204 }] });
    }
  });
});

describe('idempotent drafts', () => {
  const body = { fiat_amount: '5000.00', fiat_currency: 'KES', requested_asset: 'USDT', requested_network: 'tron' };

  test('a replay answers 200 with the first deposit; another body with the same key is a 409', async () => {
    const first = await ctx.api.call('POST', '/api/v1/auth/otc/deposits/draft', { token: t.vendor, headers: { 'Idempotency-Key': 'idem-1' }, body });
    expect(first.status).toBe(201);
    const replay = await ctx.api.call('POST', '/api/v1/auth/otc/deposits/draft', { token: t.vendor, body: { ...body, idempotency_key: 'idem-1' } });
    expect(replay.status).toBe(200);
    expect(replay.body).toMatchObject({ idempotent_replay: true, deposit: { id: first.body.deposit.id } });
    // the subvendor shares its master's key space
    const bySub = await ctx.api.call('POST', '/api/v1/auth/otc/deposits/draft', { token: t.subvendor, headers: { 'Idempotency-Key': 'idem-1' }, body });
    expect(bySub.body.deposit.id).toBe(first.body.deposit.id);
    const other = await ctx.api.call('POST', '/api/v1/auth/otc/deposits/draft', { token: t.vendor, headers: { 'Idempotency-Key': 'idem-1' },
      body: { ...body, fiat_amount: '5001.00' } });
    expect(other.status).toBe(409);
    const drafts = (await ctx.api.call('GET', '/api/v1/auth/otc/deposits?status=draft&limit=100', { token: t.vendor })).body.deposits;
    expect(drafts.filter((x: any) => x.id === first.body.deposit.id)).toHaveLength(1);
    expect(drafts.filter((x: any) => x.fiat_amount === '5001.00')).toHaveLength(0);
  });

  test('keys longer than 128 characters, and header and body disagreeing, are 400s', async () => {
    const long = await ctx.api.call('POST', '/api/v1/auth/otc/deposits/draft', { token: t.vendor, headers: { 'Idempotency-Key': 'k'.repeat(129) }, body });
    expect(long.status).toBe(400);
    const longField = await ctx.api.call('POST', '/api/v1/auth/otc/deposits/draft', { token: t.vendor, body: { ...body, idempotency_key: 'k'.repeat(129) } });
    expect([longField.status, longField.body.details?.[0]?.pointer]).toEqual([400, '/idempotency_key']);
    const edge = await ctx.api.call('POST', '/api/v1/auth/otc/deposits/draft', { token: t.vendor, headers: { 'Idempotency-Key': 'k'.repeat(128) }, body });
    expect(edge.status).toBe(201);
    const clash = await ctx.api.call('POST', '/api/v1/auth/otc/deposits/draft', { token: t.vendor, headers: { 'Idempotency-Key': 'a' },
      body: { ...body, idempotency_key: 'b' } });
    expect(clash.status).toBe(400);
    expect(clash.body.details[0].pointer).toBe('/idempotency_key');
  });

  test('without a key every call makes a new draft', async () => {
    const a = await ctx.api.call('POST', '/api/v1/auth/otc/deposits/draft', { token: t.vendor, body });
    const b = await ctx.api.call('POST', '/api/v1/auth/otc/deposits/draft', { token: t.vendor, body });
    expect(a.status).toBe(201);
    expect(b.status).toBe(201);
    expect(a.body.deposit.id).not.toBe(b.body.deposit.id);
  });
});
