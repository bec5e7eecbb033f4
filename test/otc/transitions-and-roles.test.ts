// Every forbidden transition and every forbidden role, exhaustively: each deposit action tried from every status it
// may not start from is a 409 naming that status and changes nothing (row and audit trail); each OTC operation called
// by each seeded role outside its contract x-roles is a 403 naming the role, without a token a 401.
import { beforeAll, describe, expect, test } from 'vitest';
import { useServer } from '../support/server.ts';
import { productDocument } from '../../src/contracts/document.ts';
import { tokens, fixtures, sign, upload, PDF, pendingBankDeposit, pricedDraft } from './support.ts';

const ctx = useServer();
let t: Awaited<ReturnType<typeof tokens>>;
let fx: Awaited<ReturnType<typeof fixtures>>;
beforeAll(async () => { t = await tokens(ctx.api); fx = await fixtures(ctx.api); });

const path = (id: string, tail = '') => `/api/v1/auth/otc/deposits/${id}${tail}`;

type Action = 'update_draft' | 'quote' | 'attach_proof' | 'submit' | 'claim' | 'assign' | 'confirm' | 'reject' | 'credit';
type State = 'draft' | 'priced' | 'pending' | 'confirmed' | 'crediting' | 'credited' | 'rejected';

/** Where the issue lets each action start ("crediting" = confirmed with a pending credit proposal). */
const ALLOWED: Record<Action, State[]> = {
  update_draft: ['draft'], quote: ['draft', 'priced'], attach_proof: ['draft', 'priced', 'pending'], submit: ['priced'],
  claim: ['pending'], assign: ['pending'], confirm: ['pending'], reject: ['pending'], credit: ['confirmed'],
};
const STATUS_OF: Record<State, string> = {
  draft: 'draft', priced: 'priced', pending: 'pending', confirmed: 'confirmed', crediting: 'confirmed', credited: 'credited', rejected: 'rejected',
};

function attempt(action: Action, id: string) {
  const lane = fx.lane('b2b_deposit_usdt_kes_tron');
  switch (action) {
    case 'update_draft': return ctx.api.call('PATCH', path(id, '/draft'), { token: t.vendor, body: { sender_bank_name: 'Other Bank' } });
    case 'quote': return ctx.api.call('PATCH', path(id, '/quote'), { token: t.vendor,
      body: { pricing_profile_id: lane.profile, fx_rate_quote_id: lane.quote, requested_asset: 'USDT', requested_network: 'tron' } });
    case 'attach_proof': return upload(ctx.api, t.vendor, id, PDF(), 'late.pdf');
    case 'submit': return ctx.api.call('POST', path(id, '/submit'), { token: t.vendor,
      body: { payment_reference: 'FT9', transfer_date: '2026-11-21', proof_url: 'https://example.com/p.pdf' } });
    case 'claim': return ctx.api.call('POST', path(id, '/claim'), { token: t.admin });
    case 'assign': return ctx.api.call('POST', path(id, '/assign'), { token: t.admin, body: { assignee_user_id: fx.user('officer@coinpool.test').id } });
    case 'confirm': return ctx.api.call('POST', path(id, '/confirm'), { token: t.admin, body: { internal_note: 'x' } });
    case 'reject': return ctx.api.call('POST', path(id, '/reject'), { token: t.admin, body: { rejection_reason: 'x' } });
    case 'credit': return ctx.api.call('POST', path(id, '/credit'), { token: t.admin,
      body: { asset: 'USDT', network: 'tron', crypto_amount: '1000', override_reason: 'test' } });
  }
}

async function depositIn(state: State): Promise<string> {
  const ok = (r: { status: number }) => expect(r.status).toBeLessThan(300);
  if (state === 'draft') {
    const r = await ctx.api.call('POST', '/api/v1/auth/otc/deposits/draft', { token: t.vendor,
      body: { fiat_amount: '129760.00', fiat_currency: 'KES', requested_asset: 'USDT', requested_network: 'tron' } });
    ok(r);
    return r.body.deposit.id;
  }
  if (state === 'priced') return (await pricedDraft(ctx.api, t.vendor, fx.lane('b2b_deposit_usdt_kes_tron'))).id;
  const id = (await pendingBankDeposit(ctx.api, t.vendor)).id;
  if (state === 'pending') return id;
  if (state === 'rejected') { ok(await attempt('reject', id)); return id; }
  ok(await attempt('confirm', id));
  if (state === 'confirmed') return id;
  const credit = await attempt('credit', id);
  ok(credit);
  if (state === 'crediting') return id;
  ok(await sign(ctx.api, t.treasury, credit.body.proposal_id));
  ok(await sign(ctx.api, t.admin, credit.body.proposal_id));
  return id;
}

describe('forbidden transitions', () => {
  const states = Object.keys(STATUS_OF) as State[];
  test.each(states)('from %s: every action not allowed there is a 409 with current_status, and nothing changes', async (state) => {
    const id = await depositIn(state);
    const before = (await ctx.api.call('GET', path(id), { token: t.admin })).body;
    expect(before.status).toBe(STATUS_OF[state]);
    const trail = (await ctx.api.call('GET', path(id, '/audit'), { token: t.admin })).body.entries;
    const refused = (Object.keys(ALLOWED) as Action[]).filter((a) => !ALLOWED[a].includes(state) || (a === 'credit' && state === 'crediting'));
    expect(refused.length).toBeGreaterThan(0);
    for (const action of refused) {
      const r = await attempt(action, id);
      expect([action, r.status, r.body.current_status]).toEqual([action, 409, STATUS_OF[state]]);
      expect(r.body.error).toContain(STATUS_OF[state]);
    }
    expect((await ctx.api.call('GET', path(id), { token: t.admin })).body).toEqual(before);
    expect((await ctx.api.call('GET', path(id, '/audit'), { token: t.admin })).body.entries).toEqual(trail);
  });
});

describe('forbidden roles', () => {
  const SEEDED: Record<string, keyof Awaited<ReturnType<typeof tokens>>> = {
    vendor: 'vendor', subvendor: 'subvendor', admin: 'admin', otc_officer: 'officer', treasury: 'treasury', customer: 'alice',
  };
  const operations = Object.entries(productDocument.paths).filter(([p]) => p.startsWith('/api/v1/auth/otc/'))
    .flatMap(([p, item]) => Object.entries(item).map(([method, op]) => ({ path: p, method: method.toUpperCase(), op: op as any })))
    .filter((o) => o.op?.operationId);

  test('the contract lists the 27 authenticated OTC operations', () => {
    expect(operations).toHaveLength(27);
  });

  test('each OTC operation refuses every seeded role outside its x-roles (403) and a missing token (401)', async () => {
    const deposit = await pendingBankDeposit(ctx.api, t.vendor);
    let checked = 0;
    for (const { path: template, method, op } of operations) {
      const url = template.replace('{id}', deposit.id).replace('{code}', 'NFX-20261122-AB12');
      const content = op.requestBody?.content ?? {};
      const send = (token?: string) => {
        if (content['multipart/form-data']) {
          const form = new FormData();
          form.append('file', new Blob([PDF() as BlobPart], { type: 'application/pdf' }), 'p.pdf');
          return ctx.api.call(method, url, { token, raw: form });
        }
        return ctx.api.call(method, url, { token, body: content['application/json']?.example });
      };
      expect([op.operationId, (await send()).status]).toEqual([op.operationId, 401]);
      const roles: string[] | undefined = op['x-roles'];
      if (!roles) continue; // any signed-in user (by-code answers 404 for codes that are not theirs)
      for (const [role, who] of Object.entries(SEEDED)) {
        if (roles.includes(role)) continue;
        const r = await send(t[who]);
        expect([op.operationId, role, r.status]).toEqual([op.operationId, role, 403]);
        expect(r.body.error).toContain(`role ${role}`);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(60);
    // nothing a refused caller sent reached the deposit
    const after = (await ctx.api.call('GET', path(deposit.id, '/audit'), { token: t.admin })).body.entries;
    expect(after.map((e: any) => e.action)).toEqual(['created']);
  });
});
