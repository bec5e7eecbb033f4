// Shared helpers of the OTC tests: logins, fixtures, balances, a PDF, and signing treasury proposals over HTTP.
import type { Client } from '../support/client.ts';

export const PDF = (size = 64): Uint8Array => {
  const head = new TextEncoder().encode('%PDF-1.7\n');
  const out = new Uint8Array(Math.max(size, head.length));
  out.set(head);
  for (let i = head.length; i < out.length; i++) out[i] = (i * 31) % 251;
  return out;
};

export { logins as tokens, fixtures, balance, held } from '../support/seeded.ts';

/**
 * One signer of the treasury multisig (treasury or admin) confirms a proposal through
 * POST /api/v1/auth/multisig/proposals/{id}/confirm; `extra` adds ethereum_sender on a Safe's first confirmation.
 */
export function sign(api: Client, token: string, proposalId: string, extra: Record<string, unknown> = {}) {
  return api.call('POST', `/api/v1/auth/multisig/proposals/${proposalId}/confirm`, { token, body: { signature: `0x${'ab'.repeat(65)}`, ...extra } });
}

export async function upload(api: Client, token: string, depositId: string, bytes: Uint8Array, name = 'advice.pdf', type = 'application/pdf') {
  const form = new FormData();
  form.append('file', new Blob([bytes as BlobPart], { type }), name);
  return api.call('POST', `/api/v1/auth/otc/deposits/${depositId}/proof`, { token, raw: form });
}

type Api = Client;
/** A bank deposit straight to `pending` (one-shot create) of the vendor, priced at requested_crypto_amount. */
export async function pendingBankDeposit(api: Api, token: string, extra: Record<string, unknown> = {}) {
  const r = await api.call('POST', '/api/v1/auth/otc/deposits', { token, body: { method: 'bank', fiat_amount: '129760.00', fiat_currency: 'KES',
    payment_reference: 'TXN-1', transfer_date: '2026-11-21', requested_asset: 'USDT', requested_network: 'tron',
    requested_crypto_amount: '1000.00000000', ...extra } });
  if (r.status !== 201) throw new Error(`create deposit: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body;
}

/** A draft priced with the seeded b2b deposit lane. */
export async function pricedDraft(api: Api, token: string, lane: { profile: string; quote: string }, fiat = '129760.00') {
  const d = await api.call('POST', '/api/v1/auth/otc/deposits/draft', { token, body: { fiat_amount: fiat, fiat_currency: 'KES',
    requested_asset: 'USDT', requested_network: 'tron' } });
  if (d.status !== 201) throw new Error(`draft: ${d.status} ${JSON.stringify(d.body)}`);
  const q = await api.call('PATCH', `/api/v1/auth/otc/deposits/${d.body.deposit.id}/quote`, { token,
    body: { pricing_profile_id: lane.profile, fx_rate_quote_id: lane.quote, requested_asset: 'USDT', requested_network: 'tron' } });
  if (q.status !== 200) throw new Error(`quote: ${q.status} ${JSON.stringify(q.body)}`);
  return q.body.deposit;
}
