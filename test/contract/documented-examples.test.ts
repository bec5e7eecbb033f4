// The docs' example requests work word for word against the sandbox: no seeded user holds an email or a phone number
// that a documented example uses (alice used to hold the docs' +254712345678, so the docs' register example answered
// 409), and every documented example request of the catalog, sent as written with only ids, tokens and values the
// server keeps unique replaced, answers the documented success status.
//
// Data-driven from the contract: every operation whose request body documents an example (each named example too).
// The state each needs (users, wallets, offers, orders, deposits, quotes...) is built by the contract runner's flows
// (verify, in process, against a fresh sandbox). An example the flows already sent as written is proven by that
// exchange; any other is then sent as written, its ids, tokens and unique values taken from the flows' own successful
// call of that operation (a fresh object first where the flows' one was used up: SETUP below, keyed by operationId).
// The sandbox starts on 2026-06-09 at 08:00 in Nairobi, the day the OTC examples were written for (a negotiated FX
// reference's agreed_transaction_date may not be past). EXAMPLES_REPORT=1 prints what was replaced, per example.
import { beforeAll, describe, expect, test } from 'vitest';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { Sandbox } from '../../src/sandbox.ts';
import { verify } from '../../src/contract-runner/verify.ts';
import { loadContract, mediaExample, successStatuses } from '../../src/contract-runner/contract.ts';
import type { OperationSpec } from '../../src/contracts/operations.ts';
import Decimal from 'decimal.js';
import { FIXTURE_USERS } from '../../fixtures/default-world.ts';

const BASE = 'https://crypto.westminister.tech';
const contract = loadContract();
const doc = contract.compiled.document as any;
const SHARED = '../shared/api-reference';
const docsText = existsSync(SHARED) ? readdirSync(SHARED).filter((f) => f.endsWith('.md')).map((f) => readFileSync(`${SHARED}/${f}`, 'utf8')).join('\n') : '';
const digits = (phone: string) => phone.replace(/\D/g, '');

interface Example { op: OperationSpec; name: string; body: unknown }
/** Every documented request example of the catalog: each operation's `example`, or each of its named `examples`. */
const examples: Example[] = contract.compiled.operations.flatMap((op) => {
  const media = op.requestBody?.content['application/json'] as any;
  if (!media) return [];
  if (media.examples) return Object.entries(media.examples as Record<string, any>).map(([name, e]) => ({ op, name, body: (e.$ref ? mediaExample(doc, { examples: { e } }) : e.value) }));
  const body = mediaExample(doc, media);
  return body === undefined ? [] : [{ op, name: 'example', body }];
});

/** A leaf of a body that may differ from the documented example: ids, tokens, and values the server keeps unique
 *  (emails, phone numbers, idempotency keys, a creator's name) or that name the caller's own objects (addresses). */
const REPLACEABLE = /(^|\/)(id|[a-z_]*_ids?(\/\d+)?|[a-z_]*token|email|phone_number|idempotency_key|name|signer_addresses\/\d+|tron_address|[a-z_]*wallet_address)$/;
/** Replaceable leaves that must be fresh on every call (the server keeps them unique). */
const UNIQUE = /(^|\/)(email|phone_number|idempotency_key|name)$/;
let counter = 0;
const fresh = (path: string, example: unknown): unknown => {
  const n = ++counter;
  if (/email$/.test(path)) return `docs.example.${n}@example.com`;
  if (/phone_number$/.test(path)) return `+25479${String(9000000 + n).slice(-7)}`;
  if (/idempotency_key$/.test(path)) return `${String(example)}-${n}`;
  return `${String(example)} ${n}`;
};
/** The latest value each replaceable field had in a request or an answer the server accepted (ids the flows made). */
const seen = new Map<string, unknown>();
const remember = (v: unknown, key = ''): void => {
  if (Array.isArray(v)) v.forEach((x) => remember(x, key));
  else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) remember(x, k);
  else if (key && key !== 'id' && REPLACEABLE.test(`/${key}`) && !UNIQUE.test(`/${key}`) && typeof v === 'string') seen.set(key, v);
};

type Leaves = Map<string, unknown>;
const leaves = (v: unknown, p = '', out: Leaves = new Map()): Leaves => {
  if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) leaves(x, `${p}/${k}`, out); else out.set(p, v);
  return out;
};
/** The leaves where `sent` differs from `example` (added, removed or changed). */
const differences = (example: unknown, sent: unknown): string[] => {
  const a = leaves(example), b = leaves(sent);
  return [...new Set([...a.keys(), ...b.keys()])].filter((k) => JSON.stringify(a.get(k)) !== JSON.stringify(b.get(k)));
};
/** The differences that are not a replacement: a leaf added or dropped, or a value that is not an id, token or unique. */
const notReplacements = (example: unknown, sent: unknown): string[] => {
  const a = leaves(example), b = leaves(sent);
  return differences(example, sent).filter((k) => !REPLACEABLE.test(k) || !a.has(k) || !b.has(k));
};
/** Per example: sent by the flows or replayed here, and which leaves were replaced (the report's table). */
const coverage = new Map<string, { how: 'flows' | 'replayed'; replaced: string[]; setup: boolean }>();
/** The example with its replaceable leaves taken from a body the server accepted. */
/** `chosen`: `from` was made for this example by a setup, so even its unique values are kept (a login's phone). */
const withReplacements = (example: unknown, from: unknown, chosen: boolean, path = ''): unknown => {
  if (Array.isArray(example)) return example.map((x, i) => withReplacements(x, (from as unknown[] | undefined)?.[i], chosen, `${path}/${i}`));
  if (example && typeof example === 'object') {
    return Object.fromEntries(Object.entries(example).map(([k, x]) => [k, withReplacements(x, (from as Record<string, unknown> | undefined)?.[k], chosen, `${path}/${k}`)]));
  }
  if (!REPLACEABLE.test(path)) return example;
  if (UNIQUE.test(path) && !(chosen && from !== undefined)) return fresh(path, example);
  if (from !== undefined && typeof from !== 'object') return from;
  return seen.get(path.split('/').filter((k) => !/^\d+$/.test(k)).pop()!) ?? example;
};

interface Sent { method: string; path: string; search: string; headers: Record<string, string>; body: unknown; status: number }
const pattern = (op: OperationSpec) => new RegExp(`^${op.path.replace(/\{[^}]+\}/g, '[^/]+')}$`);

let sandbox: Sandbox;
/** Who each access token the flows received belongs to. */
const owners = new Map<string, string>();
const log: Sent[] = [];
const send = async (method: string, path: string, headers: Record<string, string>, body: unknown): Promise<{ status: number; body: any }> => {
  const res = await sandbox.handle(new Request(BASE + path, { method, headers: { ...headers, 'content-type': 'application/json' }, body: JSON.stringify(body) }));
  return { status: res.status, body: await res.json().catch(() => null) };
};

beforeAll(async () => {
  sandbox = new Sandbox({ start: new Date('2026-06-09T05:00:00Z') });
  const report = await verify({
    baseUrl: BASE, world: false,
    fetch: (async (url: string | URL, init: RequestInit) => {
      const res = await sandbox.handle(new Request(url, init));
      if (res.status < 300) {
        const answer = await res.clone().json().catch(() => null);
        remember(typeof init.body === 'string' ? JSON.parse(init.body) : undefined);
        remember(answer);
        if (answer?.access_token && answer.user?.id) owners.set(answer.access_token, answer.user.id);
      }
      const u = new URL(String(url));
      log.push({ method: init.method ?? 'GET', path: u.pathname, search: u.search, headers: { ...(init.headers as Record<string, string>) }, body: typeof init.body === 'string' ? JSON.parse(init.body) : undefined, status: res.status });
      return res;
    }) as typeof fetch,
  });
  expect(report.summary.failed).toBe(0);
}, 60_000);

describe('documented examples against the seeded world', () => {
  test('no seeded user holds an email or phone number of a documented example (docs pages and contract examples)', () => {
    const contractText = JSON.stringify(examples.map((e) => e.body));
    const clashes = FIXTURE_USERS.flatMap((u) => [u.email, u.phone_number].filter((value) =>
      contractText.includes(value) || docsText.includes(value) || (value.startsWith('+') && (contractText.includes(`"${digits(value)}"`) || docsText.includes(digits(value))))));
    expect(clashes).toEqual([]);
  });

  test('the catalog documents examples for every operation with a JSON body', () => {
    const withBody = contract.compiled.operations.filter((op) => op.requestBody?.content['application/json']);
    expect(new Set(examples.map((e) => e.op.operationId)).size).toBe(withBody.length);
  });

  /** What was replaced, per example (printed by the test name's reporter on failure, and kept for the report). */
  test.each(examples.map((e) => [`${e.op.operationId} (${e.name})`, e] as const))('%s: sent as documented, answers the documented success status', async (_n, e) => {
    // A creator documents 201 (created) beside 200 (an idempotent replay): the example creates.
    const statuses = successStatuses(e.op);
    const success = Number(statuses.includes('201') ? '201' : statuses[0]);
    const re = pattern(e.op);
    const calls = log.filter((s) => s.method === e.op.method && re.test(s.path) && s.status === success);
    expect(calls.length, `the flows never reached ${e.op.operationId}`).toBeGreaterThan(0);
    const ranked = calls.map((s) => ({ s, kept: notReplacements(e.body, s.body) })).sort((a, b) => a.kept.length - b.kept.length);
    const best = ranked[0];
    const key = `${e.op.operationId} (${e.name})`;
    if (best.kept.length === 0) { // the flows sent the documented example as written (ids, tokens, unique values aside)
      coverage.set(key, { how: 'flows', replaced: differences(e.body, best.s.body), setup: false });
      return;
    }
    // Send the documented example as written, with the ids, tokens and unique values of the flows' accepted call.
    const setup = SETUP[e.op.operationId];
    const made = setup ? await setup(best.s) : {};
    const request = { ...best.s, ...made };
    const body = withReplacements(e.body, request.body, made.body !== undefined);
    const headers = Object.fromEntries(Object.entries(request.headers).filter(([k]) => /^(authorization|idempotency-key)$/i.test(k)));
    const r = await send(e.op.method, request.path + request.search, headers, body);
    expect(r.status, `${JSON.stringify(body)} → ${JSON.stringify(r.body)}`).toBe(success);
    expect(notReplacements(e.body, body)).toEqual([]);
    coverage.set(key, { how: 'replayed', replaced: differences(e.body, body), setup: !!setup });
  });

  test('every documented example was sent, changed only where an id, a token or a unique value had to be', () => {
    const rows = examples.map((e) => [`${e.op.operationId} (${e.name})`, coverage.get(`${e.op.operationId} (${e.name})`)] as const);
    expect(rows.filter(([, c]) => !c).map(([k]) => k)).toEqual([]);
    for (const [k, c] of rows) expect(c!.replaced.filter((leaf) => !REPLACEABLE.test(leaf)), k).toEqual([]);
    if (process.env.EXAMPLES_REPORT) {
      for (const [k, c] of rows) console.log(`${k}\t${c!.how}${c!.setup ? '+setup' : ''}\t${c!.replaced.join(' ') || '(verbatim)'}`);
    }
  });
});

const api = async (method: string, path: string, token: string | null, body?: unknown): Promise<{ status: number; body: any }> => {
  const headers: Record<string, string> = token ? { authorization: `Bearer ${token}` } : {};
  const r = await send(method, path, headers, body);
  if (r.status >= 300) throw new Error(`setup ${method} ${path} answered ${r.status}: ${JSON.stringify(r.body)}`);
  return r;
};
const fixtures = () => sandbox.fixtures as any;
const user = (email: string) => fixtures().users.find((u: any) => u.email === email);
const wallet = (email: string, network: string) => user(email).wallets.find((w: any) => w.network === network);
const token = async (email: string) => (await api('POST', '/api/v1/users/login', null, { email, password: user(email).password })).body.access_token as string;
const pricing = (key: string) => ({ pricing_profile_id: fixtures().pricing_profiles.find((p: any) => p.key === key).id, fx_rate_quote_id: fixtures().fx_rate_quotes.find((q: any) => q.key === key).id });
const pick = (o: unknown, ...keys: string[]) => Object.fromEntries(keys.map((k) => [k, (o as Record<string, unknown>)[k]]));
const faucet = (wallet_id: string, asset: string, amount: string) => api('POST', '/__sandbox/faucet', null, { wallet_id, asset, amount });
/** Funds every wallet the caller holds on a network (the sandbox picks the paying wallet itself). */
const walletsOf = async (caller: string, network: string): Promise<any[]> => {
  const world = (await api('GET', '/__sandbox/world?limit=1000', null)).body;
  return (world.wallets as any[]).filter((w) => w.user_id === owners.get(caller) && w.network === network);
};
const faucetAll = async (caller: string, network: string, asset: string) => {
  for (const w of await walletsOf(caller, network)) await faucet(w.id, asset, '100000');
};
/** The flows' accepted call of an operation (its token, path and body are reused to rebuild an object). */
const accepted = (operationId: string): Sent => {
  const op = contract.byId.get(operationId)!;
  return log.find((s) => s.method === op.method && pattern(op).test(s.path) && s.status < 300)!;
};
const auth = (s: Sent) => (s.headers.authorization ?? '').replace(/^Bearer /, '');
/** A fresh OTC deposit walked through the flows' own calls up to (not including) `before`. */
const newDraft = async (fiat_amount?: string): Promise<string> => {
  const draft = accepted('createOtcDepositDraft');
  const body = { ...(draft.body as object), idempotency_key: `docs-${++counter}`, ...(fiat_amount ? { fiat_amount } : {}) };
  return (await api('POST', draft.path, auth(draft), body)).body.deposit.id as string;
};
/** The draft's fiat amount at which the seeded deposit quote prices the example's requested_crypto_amount (9,970 USDT):
 *  the docs' example amounts come from a rate of their own, and the sandbox checks an amount against its pricing. */
let fiatForExample: string | undefined;
const exampleFiat = async (): Promise<string> => {
  if (fiatForExample) return fiatForExample;
  const quote = accepted('quoteOtcDeposit');
  const probe = await newDraft();
  const priced = (await api('PATCH', quote.path.replace(/deposits\/[^/]+/, `deposits/${probe}`), auth(quote), quote.body)).body.deposit;
  const wanted = (examples.find((e) => e.op.operationId === 'quoteOtcDeposit')!.body as any).requested_crypto_amount;
  return (fiatForExample = new Decimal(priced.fiat_amount).mul(wanted).div(priced.requested_crypto_amount).toFixed(2));
};
const depositUpTo = async (before: string): Promise<string> => {
  const id = await newDraft(await exampleFiat());
  for (const step of ['quoteOtcDeposit', 'submitOtcDeposit', 'assignOtcDeposit', 'claimOtcDeposit', 'confirmOtcDeposit']) {
    if (step === before) break;
    const s = accepted(step);
    // The flows uploaded their proof (multipart); here the submit names one by URL, as their second deposit does.
    const body = step === 'submitOtcDeposit' ? { ...(s.body as object), payment_reference: `FT${++counter}`, proof_url: 'https://files.example.com/docs/bank-advice.pdf' } : s.body;
    await api(s.method, s.path.replace(/deposits\/[^/]+/, `deposits/${id}`), auth(s), body);
  }
  return id;
};
const onDeposit = (operationId: string) => async (s: Sent) => ({ path: s.path.replace(/deposits\/[^/]+/, `deposits/${await depositUpTo(operationId)}`) });

/** Operations whose example needs an object the flows did not leave (or used up): keyed by operationId, each makes
 *  one and returns what replaces the ids of the flows' accepted call (path, body ids). */
const SETUP: Record<string, (s: Sent) => Promise<Partial<Sent>>> = {
  quoteOtcDeposit: onDeposit('quoteOtcDeposit'),
  submitOtcDeposit: onDeposit('submitOtcDeposit'),
  // Credited at the deposit's own pricing (the pair its quote step attached).
  creditOtcDeposit: async (s) => ({ ...await onDeposit('creditOtcDeposit')(s), body: { ...(s.body as object), ...pick(accepted('quoteOtcDeposit').body, 'pricing_profile_id', 'fx_rate_quote_id') } }),
  // Three signers, as the example has: active TRON wallets of the vendor, its sub-vendor and a customer.
  registerMultisigWallet: async (s) => ({
    body: { ...(s.body as object), multisig: { signer_addresses: ['vendor', 'subvendor', 'alice'].map((u) => wallet(`${u}@coinpool.test`, 'tron').address) } },
  }),
  // The example's offer is the documented createOffer example (rate 141.00: 100 USDT = 14,100 KES, the fiat_amount
  // the example sends with its pricing pair); the order pays to the customer's own Ethereum wallet (the example's
  // address is an Ethereum one), priced on the seeded Ethereum on-ramp lane (applied rate 130.65, not 141).
  createOrder: async (s) => {
    const offer = accepted('createOffer');
    const example = examples.find((e) => e.op.operationId === 'createOffer')!.body as object;
    const created = (await api('POST', offer.path, auth(offer), { ...example, vendor_id: (offer.body as any).vendor_id })).body;
    return { body: { ...(s.body as object), vendor_id: (offer.body as any).vendor_id, offer_id: created.offer?.id ?? created.id, wallet_address: wallet('alice@coinpool.test', 'ethereum').address, ...pricing('onramp_usdt_kes_ethereum') } };
  },
  createNegotiatedFxReference: async (s) => ({ body: { ...(s.body as object), pricing_profile_id: pricing('b2b_deposit_usdt_kes_tron').pricing_profile_id } }),
  // From a platform-managed Ethereum multisig of the vendor holding USDC, priced on a b2b USDC lane at the example's
  // rate (2,587,000 KES for 20,000 USDC: 129.35): the seeded world prices b2b transfers in USDT only.
  createB2bExternalTransfer: async (s) => {
    const register = log.find((l) => l.method === 'POST' && l.path === '/api/v1/auth/multisig/wallets' && l.status === 201 && !(l.body as any).multisig)!;
    const multisig = (await api('POST', register.path, auth(register), { ...(register.body as object), network: 'ethereum', name: `docs ethereum ${++counter}` })).body;
    await faucet(multisig.wallet_id, 'USDC', '100000');
    const profile = accepted('createPricingProfile');
    const profileBody = { ...(examples.find((e) => e.op.operationId === 'createPricingProfile')!.body as object), name: `docs b2b USDC ${++counter}`, flow_type: 'b2b', asset: 'USDC', network: 'ethereum' };
    const created = (await api('POST', profile.path, auth(profile), profileBody)).body;
    const quote = accepted('createFxRateQuote');
    const fx = (await api('POST', quote.path, auth(quote), { flow_type: 'b2b', asset: 'USDC', fiat_currency: 'KES', network: 'ethereum', reference_rate: '129.35', applied_rate: '129.35', source: 'manual' })).body;
    return { body: { ...(s.body as object), from_wallet_id: multisig.wallet_id, pricing_profile_id: created.pricing_profile?.id ?? created.profile?.id ?? created.id, fx_rate_quote_id: fx.quote?.id ?? fx.id } };
  },
  // The merchant's own payout wallet on the example's network (the flows let the sandbox pick it).
  createOtcDepositDraft: async (s) => ({ body: { ...(s.body as object), idempotency_key: undefined, to_wallet_id: (await walletsOf(auth(s), 'tron'))[0].id } }),
  // A seeded user's phone number (alice's PIN is the seeded 123456, the example's PIN).
  loginUserWithPin: async () => ({ body: { phone_number: user('alice@coinpool.test').phone_number } }),
  createOtcWithdrawal: async (s) => { await faucetAll(auth(s), 'tron', 'USDT'); return {}; },
  createB2bTransfer: async (s) => { await faucet((s.body as any).from_wallet_id, 'USDT', '100000'); return {}; },
  createP2pExternalTransfer: async (s) => { await faucetAll(auth(s), 'ethereum', 'USDC'); return {}; },
};
