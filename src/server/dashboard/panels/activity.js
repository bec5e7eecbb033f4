// What the sandbox did for the app under test: webhook deliveries with every attempt, and the request log with each
// request's contract violations folded under it.
import { el, tablePanel, badge } from '../ui.js';

export function webhooksPanel(tab) {
  return tablePanel({
    id: 'webhooks', tab, title: 'Webhook deliveries', hint: 'register endpoints with POST /__sandbox/webhooks', reads: { deliveries: '/__sandbox/webhooks/deliveries' },
    columns: () => [
      { key: 'event_type', label: 'event', render: (d) => el('td', {}, d.event_type) }, { key: 'url' },
      { key: 'status', render: (d) => el('td', {}, badge(d.status)) },
      { key: 'attempts', render: (d) => el('td', {}, d.attempts.length
        ? d.attempts.map((a, i) => el('div', {}, `#${i + 1} ${a.at} → ${a.status ?? a.error} (${Math.round(a.duration_ms)} ms)`)) : 'none yet') },
      { key: 'next_attempt_at', label: 'next attempt' }, { key: 'created_at', label: 'created' },
    ],
    tableOptions: { empty: 'no delivery yet' },
    rows: ({ deliveries }) => [...deliveries].reverse(),
  });
}

/** Which requests' violation lists the user unfolded (the refresh redraws the rows). */
const unfolded = new Set();

function violations(r) {
  const list = [...r.request_violations.map((v) => ['request', v]), ...r.response_violations.map((v) => ['response', v])];
  if (!list.length) return el('td', { class: 'muted' }, '');
  const details = el('details', { 'data-violations': r.id, open: unfolded.has(r.id) },
    el('summary', { class: r.response_violations.length ? 'bad' : 'warn' }, `${list.length} violation${list.length > 1 ? 's' : ''}`),
    list.map(([side, v]) => el('div', { class: `violation ${side === 'response' ? 'bad' : ''}` }, `${side} ${v.location} ${v.pointer}: ${v.reason}`)));
  details.addEventListener('toggle', () => { if (details.open) unfolded.add(r.id); else unfolded.delete(r.id); });
  return el('td', {}, details);
}

export function requestsPanel(tab) {
  return tablePanel({
    id: 'requests', tab, title: 'Request log', hint: 'newest first; the dashboard\'s own polling is not logged', reads: { requests: '/__sandbox/requests?limit=200' },
    columns: () => [
      { key: 'id' }, { key: 'at' }, { key: 'method' }, { key: 'path', render: (r) => el('td', { class: 'path' }, r.path) },
      { key: 'operation_id', label: 'operation' },
      { key: 'status', render: (r) => el('td', { class: `num ${r.status >= 500 ? 'bad' : r.status >= 400 ? 'warn' : 'good'}` }, r.status) },
      { key: 'violations', render: violations },
    ],
    tableOptions: { rowAttrs: (r) => ({ 'data-request': r.id }), empty: 'no request yet' },
    rows: ({ requests }) => [...requests].reverse(),
  });
}

