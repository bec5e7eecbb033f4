// The sandbox dashboard. It reads and acts only through the /__sandbox control API; its polling reads carry the
// x-sandbox-unlogged header so that they do not fill the request log they display.
import { worldHeaders, mountWorldPicker } from './worlds-picker.js';

const REFRESH_MS = 2000;
const $ = (id) => document.getElementById(id);

async function call(method, path, body) {
  const headers = { ...worldHeaders(), ...(method === 'GET' ? { 'x-sandbox-unlogged': '1' } : {}) };
  if (body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await res.text();
  const data = text ? JSON.parse(text) : null;
  if (!res.ok) throw new Error(`${method} ${path} → ${res.status}: ${data?.error ?? text}`);
  return data;
}

function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k === 'onclick') node.addEventListener('click', v);
    else if (v !== undefined && v !== null) node.setAttribute(k, v);
  }
  for (const c of children.flat()) node.append(c instanceof Node ? c : document.createTextNode(String(c ?? '')));
  return node;
}

/** Go's sql.Null* wrappers ({String, Valid}, {Time, Valid}, ...) show as their value, or ∅ when not valid. */
function plain(value) {
  if (value && typeof value === 'object' && 'Valid' in value && Object.keys(value).length === 2) {
    const inner = Object.entries(value).find(([k]) => k !== 'Valid')[1];
    return value.Valid ? inner : '∅';
  }
  return value;
}

function cell(value) {
  const v = plain(value);
  if (v === null || v === undefined) return el('td', { class: 'muted' }, '∅');
  if (typeof v === 'object') {
    const json = JSON.stringify(v);
    return el('td', { title: json }, el('code', {}, json.length > 80 ? `${json.slice(0, 77)}…` : json));
  }
  return el('td', {}, String(v));
}

function table(columns, rows, render = (row, col) => cell(row[col]), attrs = () => ({})) {
  if (!rows.length) return el('p', { class: 'muted' }, 'none');
  return el('div', { style: 'overflow-x:auto' }, el('table', {},
    el('thead', {}, el('tr', {}, columns.map((c) => el('th', {}, c)))),
    el('tbody', {}, rows.map((row) => el('tr', attrs(row), columns.map((c) => render(row, c)))))));
}

function renderClock(clock) {
  $('clock-now').textContent = clock.now;
  $('clock-state').textContent = clock.frozen ? 'frozen' : 'running';
}

/**
 * The tables a partner follows most come first, open, and are shown even while empty (so "no transfers yet" is visible);
 * every other table is folded, since ledger entries and quotes would push the request log far down the page.
 */
const HEADLINE = [['offers', 'Offers'], ['orders', 'Orders'], ['otc_deposits', 'OTC deposits'], ['transfers', 'Transfers']];
/** Which folded tables the user opened: the 2 s refresh rebuilds them and must not close them again. */
const opened = new Set(HEADLINE.map(([name]) => name));

function renderWorld(world) {
  $('users-body').replaceChildren(table(['email', 'role', 'kyc_status', 'phone_number', 'is_active', 'id'], world.users));
  const rows = world.wallets.map((w) => ({ ...w, balances: w.balances.map((b) => `${b.currency} ${b.amount}${Number(b.locked_amount) ? ` (locked ${b.locked_amount})` : ''}`).join(' · ') }));
  $('wallets-body').replaceChildren(table(['owner_email', 'network', 'address', 'wallet_type', 'is_default', 'balances', 'id'], rows,
    (row, col) => (col === 'balances' ? el('td', { 'data-wallet': row.id }, row.balances) : cell(row[col]))));
  const byName = new Map(world.collections.map((c) => [c.name, c]));
  const headline = HEADLINE.map(([name, title]) => ({ name, title, count: 0, rows: [], ...byName.get(name) }));
  const others = world.collections.filter((c) => !HEADLINE.some(([name]) => name === c.name)).map((c) => ({ ...c, title: c.name }));
  $('collections-body').replaceChildren(...[...headline, ...others].map(collection));
}

const GOOD = new Set(['completed', 'delivered', 'succeeded', 'settled', 'confirmed', 'approved']);
const BAD = new Set(['failed', 'cancelled', 'expired', 'rejected', 'reversed']);
const tone = (status) => (GOOD.has(status) ? 'good' : BAD.has(status) ? 'bad' : '');

function collection(c) {
  const columns = [...new Set(c.rows.flatMap((r) => Object.keys(r)))];
  const first = ['id', 'status'].filter((k) => columns.includes(k));
  const details = el('details', { 'data-collection': c.name, ...(opened.has(c.name) ? { open: '' } : {}) },
    el('summary', {}, el('h2', {}, `${c.title} (${c.count})`)),
    table([...first, ...columns.filter((k) => !first.includes(k))], [...c.rows].reverse(),
      (row, col) => (col === 'status' && typeof row.status === 'string' ? el('td', { class: tone(row.status) }, row.status) : cell(row[col])), (row) => ({ 'data-id': row.id })));
  details.addEventListener('toggle', () => { if (details.open) opened.add(c.name); else opened.delete(c.name); });
  return details;
}

let outcomes = [];
function renderStk(prompts) {
  const newestFirst = [...prompts].reverse();
  $('stk-body').replaceChildren(table(['checkout_request_id', 'status', 'phone_number', 'amount', 'purpose', 'reference_id', 'result', 'resolves_at', 'resolve'], newestFirst,
    (p, col) => {
      if (col === 'result') return el('td', {}, p.result_code === null ? '' : `${p.result_code} ${p.result_desc}`);
      if (col === 'status') return el('td', { class: p.status === 'succeeded' ? 'good' : p.status === 'failed' ? 'bad' : '' }, p.status);
      if (col !== 'resolve') return cell(p[col]);
      if (p.status !== 'pending') return el('td', { class: 'muted' }, '');
      return el('td', { class: 'outcomes' }, outcomes.map((o) => el('button', {
        type: 'button', 'data-outcome': o.label, title: `ResultCode ${o.result_code}: ${o.result_desc}`,
        onclick: () => act(`resolved ${p.checkout_request_id} as ${o.label}`,
          () => call('POST', `/__sandbox/mpesa/stk/${encodeURIComponent(p.checkout_request_id)}/resolve`, { result_code: o.result_code })),
      }, o.label.replace(/_/g, ' ').replace(/\bpin\b/, 'PIN'))));
    }, (p) => ({ 'data-checkout': p.checkout_request_id })));
}

/** Daraja B2C outcomes, from GET /__sandbox/mpesa/b2c/outcomes (the one that never reports has no button). */
let b2cOutcomes = [];

function renderB2c(payouts) {
  $('b2c-body').replaceChildren(table(['payout_id', 'status', 'destination', 'amount', 'purpose', 'reference_id', 'result', 'resolves_at', 'resolve'], [...payouts].reverse(),
    (p, col) => {
      if (col === 'amount') return el('td', {}, `${p.currency} ${p.amount}`);
      if (col === 'result') return el('td', {}, p.result_code === null ? '' : `${p.result_code} ${p.result_desc}`);
      if (col === 'status') return el('td', { class: tone(p.status) }, p.status);
      // A payout to a number ending 9999 never reports by itself: say so rather than show an empty time.
      if (col === 'resolves_at' && p.resolves_at === null) return el('td', { class: 'muted' }, p.status === 'processing' ? 'never (waits for a button)' : '∅');
      if (col !== 'resolve') return cell(p[col]);
      if (p.status !== 'processing') return el('td', { class: 'muted' }, '');
      return el('td', { class: 'outcomes' }, b2cOutcomes.map((o) => el('button', {
        type: 'button', 'data-outcome': o.label, title: `ResultCode ${o.result_code}: ${o.result_desc}`,
        onclick: () => act(`resolved payout ${p.payout_id} as ${o.label}`,
          () => call('POST', `/__sandbox/mpesa/b2c/${encodeURIComponent(p.payout_id)}/resolve`, { result_code: o.result_code })),
      }, `${o.label.replace(/_/g, ' ')}${o.result_code ? ` (${o.result_code})` : ''}`)));
    }, (p) => ({ 'data-payout': p.payout_id })));
}

function renderChain(sends) {
  $('chain-body').replaceChildren(table(['tx_hash', 'network', 'asset', 'amount', 'from → to', 'belongs to', 'status', 'confirms_at', 'failure_reason', 'fail'], [...sends].reverse(),
    (s, col) => {
      if (col === 'tx_hash') return el('td', {}, el('code', {}, s.tx_hash));
      if (col === 'from → to') return el('td', {}, el('code', {}, s.from_address), ' → ', el('code', {}, s.to_address));
      if (col === 'belongs to') return el('td', {}, `${s.reference_type} ${s.reference_id}`);
      if (col === 'status') return el('td', { class: tone(s.status) }, s.status);
      if (col !== 'fail') return cell(s[col]);
      if (s.status !== 'pending') return el('td', { class: 'muted' }, '');
      // No prompt for a reason: one click, like the STK buttons; the API keeps this one as failure_reason.
      return el('td', { class: 'outcomes' }, el('button', { type: 'button', 'data-action': 'fail', class: 'danger',
        onclick: () => act(`failed ${s.tx_hash}`,
          () => call('POST', `/__sandbox/chain/transactions/${encodeURIComponent(s.tx_hash)}/fail`, { reason: 'failed from the dashboard' })),
      }, 'fail'));
    }, (s) => ({ 'data-tx': s.tx_hash })));
}

function renderWebhooks(deliveries) {
  $('webhooks-body').replaceChildren(table(['event_type', 'url', 'status', 'attempts', 'next_attempt_at', 'created_at'], [...deliveries].reverse(),
    (d, col) => col === 'attempts'
      ? el('td', {}, d.attempts.length ? d.attempts.map((a, i) => el('div', {}, `#${i + 1} ${a.at} → ${a.status ?? a.error} (${Math.round(a.duration_ms)} ms)`)) : 'none yet')
      : col === 'status' ? el('td', { class: d.status === 'delivered' ? 'good' : d.status === 'failed' ? 'bad' : '' }, d.status) : cell(d[col])));
}

function renderRequests(requests) {
  $('requests-body').replaceChildren(table(['id', 'at', 'method', 'path', 'operation_id', 'status', 'violations'], [...requests].reverse(),
    (r, col) => {
      if (col !== 'violations') return col === 'status' ? el('td', { class: r.status >= 500 ? 'bad' : '' }, r.status) : cell(r[col]);
      const list = [...r.request_violations.map((v) => ['request', v]), ...r.response_violations.map((v) => ['response', v])];
      return el('td', {}, list.map(([side, v]) => el('div', { class: side === 'response' ? 'bad' : '' }, `${side} ${v.location} ${v.pointer}: ${v.reason}`)));
    }));
}

// A refresh started before an action may answer after the action's own refresh: only the latest one renders.
let generation = 0;
async function refresh() {
  const mine = ++generation;
  const [world, prompts, payouts, sends, deliveries, requests] = await Promise.all([
    call('GET', '/__sandbox/world'), call('GET', '/__sandbox/mpesa/stk'), call('GET', '/__sandbox/mpesa/b2c'),
    call('GET', '/__sandbox/chain/transactions'), call('GET', '/__sandbox/webhooks/deliveries'), call('GET', '/__sandbox/requests?limit=100'),
  ]);
  if (mine !== generation) return;
  renderClock(world.clock);
  renderWorld(world);
  renderStk(prompts);
  renderB2c(payouts);
  renderChain(sends);
  renderWebhooks(deliveries);
  renderRequests(requests);
}

async function act(label, fn) {
  try {
    await fn();
    $('status').textContent = label;
    $('status').className = 'good';
  } catch (error) {
    $('status').textContent = error.message;
    $('status').className = 'bad';
  }
  await refresh().catch(() => {});
}

$('clock-freeze').addEventListener('click', () => act('clock frozen', () => call('POST', '/__sandbox/clock/freeze')));
$('clock-unfreeze').addEventListener('click', () => act('clock running', () => call('POST', '/__sandbox/clock/unfreeze')));
$('clock-advance').addEventListener('click', () => {
  const seconds = Number($('clock-seconds').value);
  act(`clock advanced ${seconds} s`, () => call('POST', '/__sandbox/clock/advance', { seconds }));
});
$('reset').addEventListener('click', () => {
  if (confirm('Reset the sandbox to the seeded world? Every change is lost.')) act('world reset', () => call('POST', '/__sandbox/reset'));
});

async function loop() {
  if (document.visibilityState === 'visible') {
    try { await refresh(); } catch (error) { $('status').textContent = error.message; $('status').className = 'bad'; }
  }
  setTimeout(loop, REFRESH_MS);
}
mountWorldPicker($('world-picker'));
outcomes = (await call('GET', '/__sandbox/mpesa/stk/outcomes')).filter((o) => o.result_code !== null);
b2cOutcomes = (await call('GET', '/__sandbox/mpesa/b2c/outcomes')).filter((o) => o.result_code !== null);
await refresh().catch((error) => { $('status').textContent = error.message; });
document.body.dataset.ready = 'true';
setTimeout(loop, REFRESH_MS);
