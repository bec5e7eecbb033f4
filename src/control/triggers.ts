// POST /__sandbox/events/trigger: produces a webhook event on demand by running the real flow that leads to it (like
// `stripe trigger`): the seeded customer Alice orders from the seeded vendor, pays by STK push, receives her USDT;
// sells USDT for an M-Pesa payout; a payer's C2B payment reaches the vendor; the vendor's OTC deposit is drafted,
// priced, proven, submitted, confirmed and credited through the treasury multisig. Each step is a product operation
// run by FlowDriver (validated like a request), or what the outside world does (an STK callback, a B2C result,
// sandbox time passing). All in the control request's store transaction: a flow that cannot finish writes nothing.
import type { ControlledSandbox } from './controlled-sandbox.ts';
import type { World, DomainEvent } from '../kernel/world.ts';
import type { ControlHandlers } from '../http/types.ts';
import { created } from '../http/types.ts';
import { unprocessable, invalidField } from '../kernel/errors.ts';
import { operationHandlers } from '../http/operations/index.ts';
import { FlowDriver } from './flow-driver.ts';
import { resolveStkPrompt } from '../simulation/mpesa.ts';
import { resolveFiatPayout } from '../simulation/mpesa-b2c.ts';
import { fiatPayouts } from '../simulation/mpesa-b2c.ts';
import { nairobiStamp } from '../simulation/daraja-time.ts';
import type { Fixtures } from '../domain/seeders/types.ts';
import { EVENT_TYPES } from '../contracts/events.ts';

const ALICE = 'alice@coinpool.test';
const VENDOR = 'vendor@coinpool.test';
const SIGNATURE = `0x${'ab'.repeat(65)}`;

/** Events emitted while a flow runs (one listener per world, recording only during a trigger). */
const recorders = new WeakMap<World, { events: DomainEvent[] | null }>();
function record<R>(world: World, fn: () => R): { result: R; events: DomainEvent[] } {
  let rec = recorders.get(world);
  if (!rec) {
    const fresh = { events: null as DomainEvent[] | null };
    world.onEvent((e) => fresh.events?.push(e));
    recorders.set(world, (rec = fresh));
  }
  rec.events = [];
  try { return { result: fn(), events: rec.events }; } finally { rec.events = null; }
}

interface Flow { d: FlowDriver; world: World; fx: Fixtures }
type Objects = Record<string, unknown>;

const seededUser = (fx: Fixtures, email: string) => {
  const u = fx.users.find((x) => x.email === email);
  if (!u) throw unprocessable(`the seeded user ${email} is missing`);
  return u;
};
const keyed = <T extends { key?: string }>(rows: T[] | undefined, key: string, what: string): T => {
  const row = rows?.find((r) => r.key === key);
  if (!row) throw unprocessable(`the seeded ${what} ${key} is missing`);
  return row;
};
const tronAddress = (fx: Fixtures, email: string) => seededUser(fx, email).wallets.find((w) => w.network === 'tron')!.address;
const tronWalletId = (fx: Fixtures, email: string) => seededUser(fx, email).wallets.find((w) => w.network === 'tron')!.id;
const orderOf = (f: Flow, id: string, who = f.d.as(ALICE)) => f.d.call('GET', `/api/v1/auth/order/id/${id}/details`, who);

/** Plays sandbox time forward in steps until `done`, so jobs run in their order (at most `limit` seconds). */
function advanceUntil(f: Flow, done: () => boolean, limit: number, step = 5): void {
  for (let s = 0; s < limit && !done(); s += step) f.d.advance(step);
  if (!done()) throw unprocessable(`the flow did not reach its state within ${limit} s of sandbox time`);
}

// --- on-ramp: order → STK push → callback → crypto sent → confirmed ---
const ON_RAMP_STATUSES = ['pending', 'cancelled', 'processing', 'confirming', 'completed'];
const OFF_RAMP_STATUSES = ['awaiting_crypto', 'crypto_received', 'failed'];

function onRamp(f: Flow, to: string, stkResult = 0): Objects {
  const alice = f.d.as(ALICE);
  const offer = keyed(f.fx.offers as { key?: string; id: string; vendor_id: string }[], 'vendor_sell_usdt', 'offer');
  let order = f.d.call('POST', '/api/v1/auth/orders', alice, { body: {
    customer_id: alice.userId, vendor_id: offer.vendor_id, offer_id: offer.id, usdt_amount: '10', fiat_amount: '1310.00', fiat_currency: 'KES',
    wallet_address: tronAddress(f.fx, ALICE), payment_method: 'mpesa', order_type: 'ON_RAMP_BUY' } });
  if (to === 'pending') return { order };
  if (to === 'cancelled') return { order: f.d.call('PUT', `/api/v1/auth/order/id/${order.id}/cancel`, alice) };
  const push = f.d.call('POST', '/api/v1/auth/orders/payment', alice, { body: { order_id: order.id, phone_number: seededUser(f.fx, ALICE).phone_number } });
  const prompt = resolveStkPrompt(f.world, push.checkout_request_id, stkResult);
  const payment = { checkout_request_id: prompt.id, status: prompt.status, result_code: prompt.result_code, mpesa_receipt_number: prompt.mpesa_receipt_number };
  if (stkResult !== 0 || to === 'processing') return { order: orderOf(f, order.id), payment };
  advanceUntil(f, () => ((order = orderOf(f, order.id)).status === to), 600);
  return { order, payment };
}

// --- off-ramp: order → in-app USDT to escrow → confirmed → M-Pesa B2C payout → result ---
function offRamp(f: Flow, to: string, payoutResult = 0): Objects {
  const alice = f.d.as(ALICE);
  const offer = keyed(f.fx.offers as { key?: string; id: string; vendor_id: string }[], 'vendor_buy_usdt_tron', 'offer');
  let order = f.d.call('POST', '/api/v1/auth/orders', alice, { body: {
    customer_id: alice.userId, vendor_id: offer.vendor_id, offer_id: offer.id, crypto_amount: '10', fiat_amount: '1293.50', fiat_currency: 'KES',
    wallet_address: tronAddress(f.fx, ALICE), payment_method: 'mpesa', order_type: 'OFF_RAMP_SELL', payout_phone: seededUser(f.fx, ALICE).phone_number } });
  if (to === 'awaiting_crypto') return { order };
  f.d.call('POST', `/api/v1/auth/orders/${order.id}/send-payment`, alice, { body: { wallet_id: tronWalletId(f.fx, ALICE), confirm: true } });
  const at = (status: string) => () => ((order = orderOf(f, order.id)).status === status);
  advanceUntil(f, at('crypto_received'), 600);
  if (to === 'crypto_received') return { order };
  advanceUntil(f, at('processing'), 600, 1);
  const payout = fiatPayouts(f.world).find((p) => p.reference_id === order.id);
  if (!payout) throw unprocessable('the off-ramp order started no payout');
  if (to === 'processing') return { order, payout };
  const resolved = resolveFiatPayout(f.world, payout.id, payoutResult);
  return { order: orderOf(f, order.id), payout: resolved };
}

// --- C2B: a payer's M-Pesa Paybill payment to the vendor's account reference ---
function c2b(f: Flow): Objects {
  const account = (f.fx.c2b_accounts as { account_reference: string; merchant_id: string }[] | undefined)?.[0];
  if (!account) throw unprocessable('the seeded C2B account is missing');
  const transId = `SB${f.world.random.alnumUpper(8)}`;
  const confirmation = { TransactionType: 'Pay Bill', TransID: transId, TransTime: nairobiStamp(f.world), TransAmount: '500',
    BusinessShortCode: '600984', BillRefNumber: account.account_reference, InvoiceNumber: '', OrgAccountBalance: '125000.00',
    ThirdPartyTransID: '', MSISDN: '254712345678', FirstName: 'Alice', MiddleName: '', LastName: 'Wanjiru' };
  const answer = f.d.call('POST', '/api/v1/mpesa/c2b/confirmation', null, { body: confirmation });
  return { confirmation, answer };
}

// --- OTC bank deposit: draft → quote → proof → submit → claim → confirm → credit → two treasury signatures ---
function otcDeposit(f: Flow, until: 'proof' | 'submitted' | 'credited'): Objects {
  const vendor = f.d.as(VENDOR);
  const path = (id: string, rest = '') => `/api/v1/auth/otc/deposits/${id}${rest}`;
  const profile = keyed(f.fx.pricing_profiles as { key?: string; id: string }[], 'b2b_deposit_usdt_kes_tron', 'pricing profile');
  const quote = keyed(f.fx.fx_rate_quotes as { key?: string; id: string }[], 'b2b_deposit_usdt_kes_tron', 'FX quote');
  const draft = f.d.call('POST', '/api/v1/auth/otc/deposits/draft', vendor, { body: { fiat_amount: '1300000.00', fiat_currency: 'KES',
    requested_asset: 'USDT', requested_network: 'tron', to_wallet_id: tronWalletId(f.fx, VENDOR), sender_bank_name: 'Example Bank' } }).deposit;
  f.d.call('PATCH', path(draft.id, '/quote'), vendor, { body: { pricing_profile_id: profile.id, fx_rate_quote_id: quote.id, requested_asset: 'USDT', requested_network: 'tron' } });
  const bytes = new TextEncoder().encode(`%PDF-1.7\nbank advice for ${draft.id}\n`);
  let deposit = f.d.call('POST', path(draft.id, '/proof'), vendor, { form: { file: { name: 'bank_advice.pdf', type: 'application/pdf', bytes } } }).deposit;
  if (until === 'proof') return { deposit };
  const yesterday = new Date(f.world.clock.nowMs() - 86_400_000).toISOString().slice(0, 10);
  deposit = f.d.call('POST', path(draft.id, '/submit'), vendor, { body: { payment_reference: `FT${f.world.random.alnumUpper(10)}`, transfer_date: yesterday } }).deposit;
  if (until === 'submitted') return { deposit };
  const officer = f.d.as('officer@coinpool.test');
  f.d.call('POST', path(draft.id, '/claim'), officer);
  f.d.call('POST', path(draft.id, '/confirm'), officer, { body: { internal_note: 'Funds seen on the KES account (triggered)' } });
  const credit = f.d.call('POST', path(draft.id, '/credit'), f.d.as('treasury@coinpool.test'),
    { body: { asset: 'USDT', network: 'tron', crypto_amount: deposit.requested_crypto_amount } });
  for (const signer of ['treasury@coinpool.test', 'admin@coinpool.test']) {
    f.d.call('POST', `/api/v1/auth/multisig/proposals/${credit.proposal_id}/confirm`, f.d.as(signer), { body: { signature: SIGNATURE } });
  }
  return { deposit: f.d.call('GET', path(draft.id), vendor), settlement: f.d.call('GET', path(draft.id, '/settlement'), vendor) };
}

/** Event type → the statuses `to` may name (the first is the default) and the flow that reaches one. */
const TRIGGERS: Record<string, { to: string[]; run: (f: Flow, to: string) => Objects }> = {
  'order.status_changed': {
    to: ['completed', ...ON_RAMP_STATUSES.filter((s) => s !== 'completed'), ...OFF_RAMP_STATUSES],
    run: (f, to) => to === 'failed' ? offRamp(f, 'completed', 2040)
      : OFF_RAMP_STATUSES.includes(to) ? offRamp(f, to) : onRamp(f, to),
  },
  'payment.status_changed': { to: ['succeeded', 'failed'], run: (f, to) => onRamp(f, 'processing', to === 'failed' ? 1032 : 0) },
  'payout.status_changed': { to: ['completed', 'failed'], run: (f, to) => offRamp(f, 'completed', to === 'failed' ? 2040 : 0) },
  'c2b.payment.settled': { to: [], run: (f) => c2b(f) },
  'otc.deposit.proof_attached': { to: [], run: (f) => otcDeposit(f, 'proof') },
  'otc.deposit.submitted_for_review': { to: [], run: (f) => otcDeposit(f, 'submitted') },
  'otc.deposit.settlement_completed': { to: [], run: (f) => otcDeposit(f, 'credited') },
};

/** Every event type of contracts/events has a flow (checked when the module loads, so a new type cannot be forgotten). */
for (const type of EVENT_TYPES) if (!TRIGGERS[type]) throw new Error(`no trigger flow for the event type ${type}`);

export function triggerControlHandlers(sandbox: ControlledSandbox): ControlHandlers {
  return {
    triggerEvent: ({ world, body }) => {
      const type = body.type as string;
      const trigger = TRIGGERS[type];
      if (!trigger) throw invalidField('/type', `cannot be triggered; types: ${Object.keys(TRIGGERS).join(', ')}`);
      const to = (body.to as string | undefined) ?? trigger.to[0];
      if (body.to !== undefined && !trigger.to.includes(to)) {
        throw invalidField('/to', trigger.to.length ? `must be one of: ${trigger.to.join(', ')} for ${type}` : `is not taken by ${type}`);
      }
      const driver = new FlowDriver(world, sandbox.contract, operationHandlers, `the ${type} flow`);
      const { result: objects, events } = record(world, () => trigger.run({ d: driver, world, fx: sandbox.fixtures }, to));
      // Webhook deliveries of the events are due now: start them rather than waiting for the next request.
      world.scheduler.runDue();
      const produced = events.filter((e) => e.type === type && (!trigger.to.length || e.data.status === to));
      if (!produced.length) throw unprocessable(`the ${type} flow ran but emitted no ${type} event${trigger.to.length ? ` with status ${to}` : ''}`);
      return created({ type, ...(to ? { to } : {}), events, objects });
    },
  };
}

export const TRIGGERABLE_EVENT_TYPES = Object.keys(TRIGGERS);
