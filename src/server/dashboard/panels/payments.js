// The simulated outside world waiting for a click: STK prompts, B2C payouts and on-chain sends, each with the
// outcome buttons the control API offers.
import { el, cell, tablePanel, badge, amountCell } from '../ui.js';

const label = (o) => o.label.replace(/_/g, ' ').replace(/\bpin\b/, 'PIN');

export function stkPanel(tab) {
  let outcomes = [];
  return tablePanel({
    id: 'stk', tab, title: 'STK prompts', hint: 'pending prompts wait for an outcome', reads: { stk: '/__sandbox/mpesa/stk' },
    async init(ctx) { outcomes = (await ctx.call('GET', '/__sandbox/mpesa/stk/outcomes')).filter((o) => o.result_code !== null); },
    columns: (ctx) => [
      { key: 'checkout_request_id', label: 'checkout request' }, { key: 'status' },
      { key: 'resolve', render: (p) => p.status !== 'pending' ? el('td', { class: 'muted' }, '') : el('td', { class: 'outcomes' }, outcomes.map((o) =>
        el('button', { type: 'button', 'data-outcome': o.label, title: `ResultCode ${o.result_code}: ${o.result_desc}`,
          class: o.result_code === 0 ? 'ok' : '',
          onclick: () => ctx.act(`resolved ${p.checkout_request_id} as ${o.label}`,
            () => ctx.call('POST', `/__sandbox/mpesa/stk/${encodeURIComponent(p.checkout_request_id)}/resolve`, { result_code: o.result_code })) },
        label(o)))) },
      { key: 'phone_number', label: 'phone' },
      { key: 'amount', num: true, render: (p) => amountCell(`KES ${p.amount}`) }, { key: 'purpose' }, { key: 'reference_id', label: 'reference' },
      { key: 'result', render: (p) => el('td', {}, p.result_code === null ? '' : `${p.result_code} ${p.result_desc}`) },
      { key: 'resolves_at', label: 'resolves at' },
    ],
    tableOptions: { rowAttrs: (p) => ({ 'data-checkout': p.checkout_request_id }), empty: 'no STK prompt yet: POST /api/v1/auth/orders/payment starts one' },
    rows: ({ stk }) => [...stk].reverse(),
    pending: ({ stk }) => stk.filter((p) => p.status === 'pending').length,
  });
}

export function b2cPanel(tab) {
  let outcomes = [];
  return tablePanel({
    id: 'b2c', tab, title: 'M-Pesa payouts (B2C)', reads: { b2c: '/__sandbox/mpesa/b2c' },
    async init(ctx) { outcomes = (await ctx.call('GET', '/__sandbox/mpesa/b2c/outcomes')).filter((o) => o.result_code !== null); },
    columns: (ctx) => [
      { key: 'payout_id', label: 'payout' }, { key: 'status' },
      { key: 'resolve', render: (p) => p.status !== 'processing' ? el('td', { class: 'muted' }, '') : el('td', { class: 'outcomes' }, outcomes.map((o) =>
        el('button', { type: 'button', 'data-outcome': o.label, title: `ResultCode ${o.result_code}: ${o.result_desc}`, class: o.result_code === 0 ? 'ok' : '',
          onclick: () => ctx.act(`resolved payout ${p.payout_id} as ${o.label}`,
            () => ctx.call('POST', `/__sandbox/mpesa/b2c/${encodeURIComponent(p.payout_id)}/resolve`, { result_code: o.result_code })) },
        `${o.label.replace(/_/g, ' ')}${o.result_code ? ` (${o.result_code})` : ''}`))) },
      { key: 'destination' },
      { key: 'amount', num: true, render: (p) => amountCell(`${p.currency} ${p.amount}`) }, { key: 'purpose' }, { key: 'reference_id', label: 'reference' },
      { key: 'result', render: (p) => el('td', {}, p.result_code === null ? '' : `${p.result_code} ${p.result_desc}`) },
      // A payout to a number ending 9999 never reports by itself: say so rather than show an empty time.
      { key: 'resolves_at', label: 'resolves at', render: (p) => p.resolves_at === null
        ? el('td', { class: 'muted' }, p.status === 'processing' ? 'never (waits for a button)' : '∅') : cell(p.resolves_at) },
    ],
    tableOptions: { rowAttrs: (p) => ({ 'data-payout': p.payout_id }), empty: 'no payout yet: off-ramp orders and OTC withdrawals start them' },
    rows: ({ b2c }) => [...b2c].reverse(),
    pending: ({ b2c }) => b2c.filter((p) => p.status === 'processing' && p.resolves_at === null).length,
  });
}

export function chainPanel(tab) {
  return tablePanel({
    id: 'chain', tab, title: 'On-chain sends', hint: 'pending sends confirm on the sandbox clock, or fail by a click', reads: { chain: '/__sandbox/chain/transactions' },
    columns: (ctx) => [
      { key: 'tx_hash', label: 'tx hash' }, { key: 'network' }, { key: 'asset' }, { key: 'amount', num: true },
      { key: 'from → to', render: (s) => el('td', { class: 'nowrap' }, cell(s.from_address).firstChild, ' → ', cell(s.to_address).firstChild) },
      { key: 'belongs to', render: (s) => el('td', { class: 'nowrap', 'data-reference': `${s.reference_type} ${s.reference_id}` }, `${s.reference_type} `, cell(s.reference_id).firstChild) },
      { key: 'status', render: (s) => el('td', {}, badge(s.status)) }, { key: 'confirms_at', label: 'confirms at' },
      { key: 'failure_reason', label: 'failure', render: (s) => el('td', { class: s.failure_reason ? '' : 'muted' }, s.failure_reason ?? '') },
      { key: 'fail', render: (s) => s.status !== 'pending' ? el('td', { class: 'muted' }, '') : el('td', { class: 'outcomes' },
        // No prompt for a reason: one click, like the STK buttons; the API keeps this one as failure_reason.
        el('button', { type: 'button', 'data-action': 'fail', class: 'danger',
          onclick: () => ctx.act(`failed ${s.tx_hash}`,
            () => ctx.call('POST', `/__sandbox/chain/transactions/${encodeURIComponent(s.tx_hash)}/fail`, { reason: 'failed from the dashboard' })) }, 'fail')) },
    ],
    tableOptions: { rowAttrs: (s) => ({ 'data-tx': s.tx_hash }), empty: 'no on-chain send yet' },
    rows: ({ chain }) => [...chain].reverse(),
    pending: ({ chain }) => chain.filter((s) => s.status === 'pending').length,
  });
}
