// Injected faults (/__sandbox/faults): a form to add one, the faults with how often each matched and fired, a button
// to remove each (or all), and the latest requests a fault acted on (from the request log's `faults`).
import { el, cell, dataTable, tablePanel } from '../ui.js';

const KINDS = ['status', 'delay', 'reset', 'timeout', 'malformed'];
const NUMBERS = ['delay_ms', 'times', 'after', 'probability'];

const matchText = (m) => (m.operation_id ? m.operation_id : `${m.method.toUpperCase()} ${m.path}`);
const detailText = (f) => [
  f.kind === 'status' ? `status ${f.status ?? 503}` : f.kind,
  f.delay_ms !== undefined ? `delay ${f.delay_ms} ms` : '',
  f.after !== undefined ? `after ${f.after}` : '',
  f.times !== undefined ? `times ${f.times}` : '',
  f.probability !== undefined ? `p=${f.probability}` : '',
].filter(Boolean).join(', ');

/** "createOrder" → by operation id; "POST /api/v1/..." → by method and path. Empty fields are left to the API's defaults. */
function specOf(inputs) {
  const target = inputs.target.value.trim();
  const m = /^([A-Za-z]+)\s+(\/\S*)$/.exec(target);
  const spec = { match: m ? { method: m[1].toUpperCase(), path: m[2] } : { operation_id: target }, kind: inputs.kind.value };
  if (spec.kind === 'status' && inputs.status.value !== '') spec.status = Number(inputs.status.value);
  for (const name of NUMBERS) if (inputs[name].value !== '') spec[name] = Number(inputs[name].value);
  return spec;
}

export function faultsPanel(tab) {
  const inputs = {
    target: el('input', { name: 'target', placeholder: 'createOrder or POST /api/v1/…', size: 30, required: true, 'aria-label': 'match' }),
    kind: el('select', { name: 'kind', 'aria-label': 'kind' }, KINDS.map((k) => el('option', { value: k }, k))),
    status: el('input', { name: 'status', type: 'number', min: 200, max: 599, value: 503, 'aria-label': 'status' }),
    delay_ms: el('input', { name: 'delay_ms', type: 'number', min: 0, 'aria-label': 'delay ms' }),
    times: el('input', { name: 'times', type: 'number', min: 1, 'aria-label': 'times' }),
    after: el('input', { name: 'after', type: 'number', min: 0, 'aria-label': 'after' }),
    probability: el('input', { name: 'probability', type: 'number', min: 0, max: 1, step: 0.05, 'aria-label': 'probability' }),
  };
  // The status field only means something for kind=status.
  const statusLabel = el('label', {}, 'status ', inputs.status);
  inputs.kind.addEventListener('change', () => { statusLabel.hidden = inputs.kind.value !== 'status'; });
  let table;
  let removeAll;
  return {
    id: 'faults', tab, title: 'Faults',
    hint: 'make product requests fail on purpose; per request, the Prefer header forces a documented answer (Prefer: code=404, example=NAME, delay=1500)',
    reads: { faults: '/__sandbox/faults' },
    mount(body, ctx) {
      const field = (label, input, title) => el('label', { title }, `${label} `, input);
      const form = el('form', { id: 'faults-form', class: 'inline-form fault-form' },
        field('match', inputs.target, 'an operation id, or a method and path (a concrete path or the contract\'s template)'),
        field('kind', inputs.kind), statusLabel,
        field('delay ms', inputs.delay_ms, 'wait this long first (kind delay: then answer normally)'),
        field('times', inputs.times, 'act on this many requests, then stop (empty: every one)'),
        field('after', inputs.after, 'let this many matching requests through first'),
        field('probability', inputs.probability, 'act on each matching request with this probability (0 to 1)'),
        el('button', { type: 'submit', class: 'primary' }, 'Add fault'));
      form.addEventListener('submit', (event) => {
        event.preventDefault();
        ctx.act((f) => `added fault ${f.id}: ${matchText(f.match)} → ${detailText(f)}`, () => ctx.call('POST', '/__sandbox/faults', specOf(inputs)));
      });
      table = dataTable('faults', [
        { key: 'id' }, { key: 'match', render: (f) => el('td', { class: 'path' }, matchText(f.match)) },
        { key: 'fault', render: (f) => el('td', {}, detailText(f)) }, { key: 'matched', num: true }, { key: 'fired', num: true },
        { key: 'created_at', label: 'added' },
        { key: 'remove', label: '', render: (f) => el('td', { class: 'outcomes' }, el('button', { type: 'button', class: 'danger',
          onclick: () => ctx.act(`removed fault ${f.id}`, () => ctx.call('DELETE', `/__sandbox/faults/${encodeURIComponent(f.id)}`)) }, 'Remove')) },
      ], { rowAttrs: (f) => ({ 'data-fault': f.id }), empty: 'no faults: every request is answered normally' });
      removeAll = el('button', { type: 'button', class: 'danger', hidden: true,
        onclick: () => ctx.act('removed every fault', () => ctx.call('DELETE', '/__sandbox/faults')) }, 'Remove all');
      body.append(form, el('div', { id: 'faults-list' }, table.root), removeAll);
    },
    update({ faults }) {
      table.update(faults);
      removeAll.hidden = faults.length === 0;
    },
  };
}

export function faultedRequestsPanel(tab) {
  return tablePanel({
    id: 'faults-affected', tab, title: 'Requests a fault acted on', hint: 'the latest 20, newest first', reads: { requests: '/__sandbox/requests?limit=200' },
    columns: () => [
      { key: 'at' }, { key: 'request', render: (r) => el('td', { class: 'path' }, `${r.method} ${r.path}`) },
      { key: 'status', render: (r) => (r.status === 0 ? el('td', { class: 'bad' }, 'no answer') : cell(r.status)) },
      { key: 'faults', render: (r) => el('td', {}, r.faults.map((f) => `${f.id} ${f.kind}`).join(', ')) },
    ],
    tableOptions: { rowAttrs: (r) => ({ 'data-request': r.id }), empty: 'none yet' },
    rows: ({ requests }) => requests.filter((r) => r.faults?.length).slice(-20).reverse(),
  });
}
