// Determinism of the OTC desk: the same script against two sandboxes of the same seed (in one process) and against a
// reset sandbox gives the same responses, ids, ordering and stored rows. Row order inside a frozen instant comes from
// world sequences (World.nextSequence), which live in the world: a second sandbox or a reset starts them again.
import { describe, expect, test } from 'vitest';
import { Sandbox } from '../../src/sandbox.ts';
import { PDF } from './support.ts';

const START = new Date('2026-11-22T09:00:00Z');
const BASE = 'http://sandbox';

async function call(s: Sandbox, method: string, path: string, token?: string, body?: unknown | FormData) {
  const headers: Record<string, string> = {};
  if (token) headers.authorization = `Bearer ${token}`;
  let payload: BodyInit | undefined;
  if (body instanceof FormData) payload = body;
  else if (body !== undefined) { headers['content-type'] = 'application/json'; payload = JSON.stringify(body); }
  const res = await s.handle(new Request(BASE + path, { method, headers, body: payload }));
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null };
}

/** A day at the desk: drafts, pricing, proofs, review, credits signed through, mobile money, a code, a withdrawal. */
async function script(s: Sandbox): Promise<unknown[]> {
  const out: unknown[] = [];
  const record = async (p: Promise<{ status: number; body: any }>) => { const r = await p; out.push(r); return r.body; };
  const login = async (who: string) => (await call(s, 'POST', '/api/v1/users/login', undefined, { email: `${who}@coinpool.test`, password: 'sandbox-password' })).body.access_token;
  const [vendor, officer, admin, treasury] = [await login('vendor'), await login('officer'), await login('admin'), await login('treasury')];
  const lane = (key: string) => ({ profile: s.fixtures.pricing_profiles.find((p) => p.key === key)!.id, quote: s.fixtures.fx_rate_quotes.find((q) => q.key === key)!.id });
  const deposit = lane('b2b_deposit_usdt_kes_tron');

  const ids: string[] = [];
  for (const fiat of ['129760.00', '259520.00', '64880.00']) { // three drafts in the same frozen instant
    const d = await record(call(s, 'POST', '/api/v1/auth/otc/deposits/draft', vendor, { idempotency_key: `k-${fiat}`, fiat_amount: fiat,
      fiat_currency: 'KES', requested_asset: 'USDT', requested_network: 'tron' }));
    ids.push(d.deposit.id);
  }
  await record(call(s, 'POST', '/api/v1/auth/otc/deposits/draft', vendor, { idempotency_key: 'k-129760.00', fiat_amount: '129760.00',
    fiat_currency: 'KES', requested_asset: 'USDT', requested_network: 'tron' }));
  for (const id of ids.slice(0, 2)) {
    await record(call(s, 'PATCH', `/api/v1/auth/otc/deposits/${id}/quote`, vendor, { pricing_profile_id: deposit.profile,
      fx_rate_quote_id: deposit.quote, requested_asset: 'USDT', requested_network: 'tron' }));
    const form = new FormData();
    form.append('file', new Blob([PDF(300) as BlobPart], { type: 'application/pdf' }), 'advice.pdf');
    await record(call(s, 'POST', `/api/v1/auth/otc/deposits/${id}/proof`, vendor, form));
    await record(call(s, 'POST', `/api/v1/auth/otc/deposits/${id}/submit`, vendor, { payment_reference: `FT-${id.slice(0, 4)}`, transfer_date: '2026-11-21' }));
  }
  await record(call(s, 'POST', `/api/v1/auth/otc/deposits/${ids[0]}/claim`, officer));
  await record(call(s, 'POST', `/api/v1/auth/otc/deposits/${ids[0]}/confirm`, officer));
  await record(call(s, 'POST', `/api/v1/auth/otc/deposits/${ids[1]}/reject`, admin, { rejection_reason: 'no funds' }));
  const priced = (await call(s, 'GET', `/api/v1/auth/otc/deposits/${ids[0]}`, admin)).body;
  const credit = await record(call(s, 'POST', `/api/v1/auth/otc/deposits/${ids[0]}/credit`, treasury,
    { asset: 'USDT', network: 'tron', crypto_amount: priced.requested_crypto_amount }));
  for (const token of [treasury, admin]) {
    await record(call(s, 'POST', `/api/v1/auth/multisig/proposals/${credit.proposal_id}/confirm`, token, { signer_private_key: 'ab'.repeat(32) }));
  }
  const mpesa = await record(call(s, 'POST', '/api/v1/auth/otc/deposits', vendor, { method: 'mpesa', fiat_amount: '5000', fiat_currency: 'KES',
    phone_number: '+254712340000' }));
  await record(call(s, 'POST', '/__sandbox/clock/advance', undefined, { seconds: 6 }));
  await record(call(s, 'GET', `/api/v1/auth/otc/deposits/${mpesa.id}`, vendor));
  await record(call(s, 'POST', '/api/v1/auth/otc/negotiated-fx/references', treasury, { merchant_id: priced.merchant_id,
    agreed_transaction_date: '2026-11-22', fiat_currency: 'KES', agreed_amount: '1300000.00', reference_fx_rate: '129.20', agreed_fx_rate: '128.75' }));
  const w = await record(call(s, 'POST', '/api/v1/auth/otc/withdrawals', vendor, { asset: 'USDT', network: 'tron', crypto_amount: '50',
    fiat_currency: 'KES', method: 'bank', payout_bank_account: '0110', payout_bank_name: 'Example Bank' }));
  await record(call(s, 'POST', `/api/v1/auth/otc/withdrawals/${w.withdrawal.id}/execute`, admin));
  // the orderings a client sees
  await record(call(s, 'GET', '/api/v1/auth/otc/deposits?limit=100', admin));
  for (const id of ids) await record(call(s, 'GET', `/api/v1/auth/otc/deposits/${id}/audit`, admin));
  await record(call(s, 'GET', `/api/v1/auth/otc/deposits/${mpesa.id}/audit`, admin));
  return out;
}

/** The stored rows of the OTC desk and the sequences that order them. */
const otcTables = (s: Sandbox) => Object.fromEntries(Object.entries(s.world.snapshot())
  .filter(([name]) => name.startsWith('otc_') || name === 'sequences' || name === 'transfers' || name === 'transfer_pricing'));

describe('determinism of the OTC desk', () => {
  test('two sandboxes of one seed: same responses, ids, orderings and stored rows', async () => {
    const a = new Sandbox({ start: START, frozen: true });
    const runA = await script(a);
    const b = new Sandbox({ start: START, frozen: true });
    const runB = await script(b);
    expect(runA.every((r: any) => r.status < 300)).toBe(true);
    expect(runB).toEqual(runA);
    expect(otcTables(b)).toEqual(otcTables(a));
    // the sequences count from 1 in each world (a process-wide counter would have gone on from the first sandbox)
    const seqs = (s: Sandbox) => (s.world.snapshot().otc_deposits as unknown as { seq: number }[]).map((d) => d.seq).sort((x, y) => x - y);
    expect(seqs(b)).toEqual([1, 2, 3, 4]);
    // newest first: all four deposits share one frozen instant, so creation order (reversed) decides
    const list = runA.at(-5) as { body: { deposits: { id: string; status: string }[] } };
    expect(list.body.deposits.map((d) => d.status)).toEqual(['confirmed', 'draft', 'rejected', 'credited']);
  });

  test('a reset sandbox replays the script identically', async () => {
    const a = new Sandbox({ start: START, frozen: true });
    const first = await script(a);
    const rows = otcTables(a);
    a.reset();
    expect(a.world.snapshot().otc_deposits ?? []).toEqual([]);
    expect(await script(a)).toEqual(first);
    expect(otcTables(a)).toEqual(rows);
  });
});
