// Every forbidden transition (409 naming the current status) and every forbidden role or foreign row (403 / 404),
// with nothing changed by a refused call; proof uploads (not a PDF, empty, too large, wrong state) and the download.
import { beforeAll, describe, expect, test } from 'vitest';
import { useServer } from '../support/server.ts';
import { tokens, fixtures, upload, PDF, pendingBankDeposit, pricedDraft } from './support.ts';

const ctx = useServer();
let t: Awaited<ReturnType<typeof tokens>>;
let fx: Awaited<ReturnType<typeof fixtures>>;
const path = (id: string, tail = '') => `/api/v1/auth/otc/deposits/${id}${tail}`;

beforeAll(async () => {
  t = await tokens(ctx.api);
  fx = await fixtures(ctx.api);
});

describe('state machine', () => {
  test('each action outside its states is a 409 with current_status, and changes nothing', async () => {
    const { api } = ctx;
    const pending = await pendingBankDeposit(api, t.vendor);
    const cases: [string, string, string, unknown][] = [
      ['PATCH', '/draft', t.vendor, { fiat_amount: '1.00' }],
      ['PATCH', '/quote', t.vendor, { pricing_profile_id: fx.lane('b2b_deposit_usdt_kes_tron').profile, fx_rate_quote_id: fx.lane('b2b_deposit_usdt_kes_tron').quote, requested_asset: 'USDT', requested_network: 'tron' }],
      ['POST', '/submit', t.vendor, { payment_reference: 'X', transfer_date: '2026-11-21' }],
      ['POST', '/credit', t.admin, { asset: 'USDT', network: 'tron', crypto_amount: '1000' }],
    ];
    for (const [method, tail, token, body] of cases) {
      const r = await api.call(method, path(pending.id, tail), { token, body });
      expect([tail, r.status, r.body.current_status]).toEqual([tail, 409, 'pending']);
    }
    const draft = (await api.call('POST', '/api/v1/auth/otc/deposits/draft', { token: t.vendor,
      body: { fiat_amount: '100.00', fiat_currency: 'KES', requested_asset: 'USDT', requested_network: 'tron' } })).body.deposit;
    for (const [tail, token] of [['/claim', t.officer], ['/confirm', t.officer], ['/submit', t.vendor]] as const) {
      const body = tail === '/submit' ? { payment_reference: 'X', transfer_date: '2026-11-21' } : undefined;
      const r = await api.call('POST', path(draft.id, tail), { token, body });
      expect([tail, r.status, r.body.current_status]).toEqual([tail, 409, 'draft']);
    }
    const rejected = await api.call('POST', path(pending.id, '/reject'), { token: t.admin, body: { rejection_reason: 'No funds seen' } });
    expect(rejected.body.deposit).toMatchObject({ status: 'rejected', rejection_reason: 'No funds seen', rejected_by: fx.user('admin@coinpool.test').id });
    for (const tail of ['/confirm', '/reject', '/claim']) {
      const r = await api.call('POST', path(pending.id, tail), { token: t.admin, body: tail === '/reject' ? { rejection_reason: 'again' } : undefined });
      expect([tail, r.status, r.body.current_status]).toEqual([tail, 409, 'rejected']);
    }
    const after = await api.call('GET', path(pending.id), { token: t.vendor });
    expect(after.body).toMatchObject({ status: 'rejected', rejection_reason: 'No funds seen', assignee_user_id: null });
    const audit = await api.call('GET', path(pending.id, '/audit'), { token: t.officer });
    expect(audit.body.entries.map((e: any) => e.action)).toEqual(['created', 'rejected']);
  });

  test('claim and assign: a held deposit is the holder\'s; an admin reassigns', async () => {
    const { api } = ctx;
    const d = await pendingBankDeposit(api, t.vendor);
    expect((await api.call('POST', path(d.id, '/claim'), { token: t.admin })).status).toBe(200);
    const taken = await api.call('POST', path(d.id, '/claim'), { token: t.officer });
    expect(taken.status).toBe(409);
    // an officer may not confirm a deposit held by someone else
    expect((await api.call('POST', path(d.id, '/confirm'), { token: t.officer })).status).toBe(403);
    expect((await api.call('POST', path(d.id, '/assign'), { token: t.admin, body: { assignee_user_id: fx.user('vendor@coinpool.test').id } })).status).toBe(422);
    expect((await api.call('POST', path(d.id, '/assign'), { token: t.admin, body: { assignee_user_id: '00000000-0000-4000-8000-000000000000' } })).status).toBe(404);
    const assigned = await api.call('POST', path(d.id, '/assign'), { token: t.admin, body: { assignee_user_id: fx.user('officer@coinpool.test').id } });
    expect(assigned.body.deposit.assignee_user_id).toBe(fx.user('officer@coinpool.test').id);
    expect((await api.call('POST', path(d.id, '/claim'), { token: t.officer })).status).toBe(200); // own: no-op
    const confirmed = await api.call('POST', path(d.id, '/confirm'), { token: t.officer });
    expect(confirmed.body.deposit.status).toBe('confirmed');
  });
});

describe('roles and ownership', () => {
  test('wrong roles are 403s; another merchant\'s deposit is a 404', async () => {
    const { api } = ctx;
    const d = await pendingBankDeposit(api, t.vendor);
    const forbidden: [string, string, string, unknown?][] = [
      ['POST', '/api/v1/auth/otc/deposits', t.admin, { method: 'bank', fiat_amount: '1.00', fiat_currency: 'KES', payment_reference: 'x', transfer_date: '2026-11-21' }],
      ['POST', path(d.id, '/claim'), t.vendor], ['POST', path(d.id, '/confirm'), t.vendor], ['POST', path(d.id, '/assign'), t.officer, { assignee_user_id: d.merchant_id }],
      ['POST', path(d.id, '/credit'), t.vendor, { asset: 'USDT', network: 'tron', crypto_amount: '1' }],
      ['GET', '/api/v1/auth/otc/deposits/queue/pending', t.treasury], ['GET', '/api/v1/auth/otc/deposits', t.alice],
      ['GET', '/api/v1/auth/otc/deposits/queue/ready-to-credit', t.vendor],
    ];
    for (const [method, p, token, body] of forbidden) {
      expect([method, p, (await api.call(method, p, { token, body })).status]).toEqual([method, p, 403]);
    }
    // a second master merchant
    const reg = await api.call('POST', '/api/v1/auth/users/provision', { token: t.admin, body: { email: 'other-vendor@example.com',
      phone_number: '+254799000111', first_name: 'Other', last_name: 'Vendor', password: 'sandbox-password', role: 'vendor', kyc_status: 'approved' } });
    expect(reg.status).toBe(201);
    const other = await api.login('other-vendor@example.com');
    for (const tail of ['', '/audit', '/settlement']) expect((await api.call('GET', path(d.id, tail), { token: other })).status).toBe(404);
    expect((await api.call('PATCH', path(d.id, '/draft'), { token: other, body: { fiat_amount: '1.00' } })).status).toBe(404);
    const list = await api.call('GET', '/api/v1/auth/otc/deposits', { token: other });
    expect(list.body.deposits).toEqual([]);
    const staffList = await api.call('GET', '/api/v1/auth/otc/deposits?limit=100', { token: t.treasury });
    expect(staffList.body.deposits.map((x: any) => x.id)).toContain(d.id);
  });

  test('bad input is a 400 naming the field; an inactive fiat currency too', async () => {
    const r = await ctx.api.call('POST', '/api/v1/auth/otc/deposits', { token: t.vendor, body: { method: 'bank', fiat_amount: '10.00', fiat_currency: 'XYZ' } });
    expect(r.status).toBe(400);
    const pointers = r.body.details.map((x: any) => x.pointer);
    expect(pointers).toEqual(expect.arrayContaining(['/payment_reference', '/transfer_date']));
    const fiat = await ctx.api.call('POST', '/api/v1/auth/otc/deposits', { token: t.vendor, body: { method: 'bank', fiat_amount: '10.00',
      fiat_currency: 'XYZ', payment_reference: 'a', transfer_date: '2026-11-21' } });
    expect(fiat.status).toBe(400);
    expect(fiat.body.details[0].pointer).toBe('/fiat_currency');
    const cents = await ctx.api.call('POST', '/api/v1/auth/otc/deposits', { token: t.vendor, body: { method: 'bank', fiat_amount: '10.001',
      fiat_currency: 'KES', payment_reference: 'a', transfer_date: '2026-11-21' } });
    expect(cents.status).toBe(400);
  });
});

describe('proof upload', () => {
  test('PDFs are stored with name, size and SHA-256 and served back unchanged without auth', async () => {
    const d = await pricedDraft(ctx.api, t.vendor, fx.lane('b2b_deposit_usdt_kes_tron'));
    const pdf = PDF(5000);
    const r = await upload(ctx.api, t.vendor, d.id, pdf, 'advice 7788.pdf');
    expect(r.status).toBe(200);
    const digest = [...new Uint8Array(await crypto.subtle.digest('SHA-256', pdf as BufferSource))].map((b) => b.toString(16).padStart(2, '0')).join('');
    expect(r.body.deposit).toMatchObject({ proof_file_name: 'advice 7788.pdf', proof_size_bytes: 5000, proof_file_sha256: digest,
      receipt_uploaded_at: '2026-11-22T09:00:00Z' });
    const url: string = r.body.deposit.proof_url;
    expect(url).toMatch(new RegExp(`^/otc-deposits-proof/${d.id}/[0-9a-f-]{36}\\.pdf$`));
    const res = await fetch(ctx.api.baseUrl + url);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    expect(res.headers.get('content-disposition')).toBe('inline; filename="advice 7788.pdf"');
    expect(new Uint8Array(await res.arrayBuffer())).toEqual(pdf);
    // a second upload replaces the proof on the row; the first file stays downloadable
    const second = await upload(ctx.api, t.vendor, d.id, PDF(100), 'v2.pdf');
    expect(second.body.deposit.proof_url).not.toBe(url);
    expect((await fetch(ctx.api.baseUrl + url)).status).toBe(200);
    expect((await ctx.api.call('GET', `/otc-deposits-proof/${d.id}/00000000-0000-4000-8000-000000000000.pdf`)).status).toBe(404);
  });

  test('not a PDF → 415, empty → 400, too large → 413, wrong state → 409, missing file → 400; the row is untouched', async () => {
    const d = await pricedDraft(ctx.api, t.vendor, fx.lane('b2b_deposit_usdt_kes_tron'));
    const fake = new TextEncoder().encode('GIF89a pretending.pdf');
    expect((await upload(ctx.api, t.vendor, d.id, fake, 'scan.pdf', 'application/pdf')).status).toBe(415);
    expect((await upload(ctx.api, t.vendor, d.id, new Uint8Array(0), 'empty.pdf')).status).toBe(400);
    const big = PDF(10 * 1024 * 1024 + 1);
    expect((await upload(ctx.api, t.vendor, d.id, big, 'big.pdf')).status).toBe(413);
    const form = new FormData();
    form.append('note', 'no file');
    expect((await ctx.api.call('POST', path(d.id, '/proof'), { token: t.vendor, raw: form })).status).toBe(400);
    const row = await ctx.api.call('GET', path(d.id), { token: t.vendor });
    expect(row.body).toMatchObject({ proof_url: null, proof_file_sha256: null, status: 'priced' });
    const pending = await pendingBankDeposit(ctx.api, t.vendor);
    await ctx.api.call('POST', path(pending.id, '/reject'), { token: t.admin, body: { rejection_reason: 'x' } });
    const late = await upload(ctx.api, t.vendor, pending.id, PDF(), 'late.pdf');
    expect([late.status, late.body.current_status]).toEqual([409, 'rejected']);
  });

  test('submit needs a proof (422) and then reaches pending', async () => {
    const d = await pricedDraft(ctx.api, t.vendor, fx.lane('b2b_deposit_usdt_kes_tron'));
    const none = await ctx.api.call('POST', path(d.id, '/submit'), { token: t.vendor, body: { payment_reference: 'R', transfer_date: '2026-11-21' } });
    expect(none.status).toBe(422);
    const ok = await ctx.api.call('POST', path(d.id, '/submit'), { token: t.vendor, body: { payment_reference: 'R', transfer_date: '2026-11-21',
      proof_file_name: 'a.pdf', proof_file_sha256: 'a'.repeat(64) } });
    expect(ok.body.deposit).toMatchObject({ status: 'pending', proof_file_name: 'a.pdf' });
  });
});
