// Small DOM helpers shared by the dashboard's panels: elements, the filterable table, short ids with a copy button,
// aligned amounts and status colours. No framework: the page is a few tables refreshed every 2 s.

/** el('td', { class: 'num', onclick }, child, 'text', [more]) */
export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k.startsWith('on') && typeof v === 'function') node.addEventListener(k.slice(2), v);
    else if (v === true) node.setAttribute(k, '');
    else if (v !== undefined && v !== null && v !== false) node.setAttribute(k, v);
  }
  for (const c of children.flat()) if (c !== undefined && c !== null) node.append(c instanceof Node ? c : document.createTextNode(String(c)));
  return node;
}

/** Go's sql.Null* wrappers ({String, Valid}, {Time, Valid}, ...) show as their value, or null when not valid. */
export function plain(value) {
  if (value && typeof value === 'object' && 'Valid' in value && Object.keys(value).length === 2) {
    const inner = Object.entries(value).find(([k]) => k !== 'Valid')[1];
    return value.Valid ? inner : null;
  }
  return value;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const LONG_HEX = /^(0x)?[0-9a-fA-F]{40,}$|^T[1-9A-HJ-NP-Za-km-z]{33}$/;
const DECIMAL = /^-?\d+\.\d+$/;
const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;

async function copyText(text) {
  try { await navigator.clipboard.writeText(text); return; } catch { /* not a secure context: fall back */ }
  const area = el('textarea', { style: 'position:fixed;opacity:0' }, text);
  document.body.append(area);
  area.select();
  document.execCommand('copy');
  area.remove();
}

// Icons drawn inline: system fonts lack a reliable "copy" glyph.
const COPY_ICON = '<svg viewBox="0 0 16 16" width="12" height="12" aria-hidden="true"><rect x="5" y="5" width="9" height="9" rx="1.5" fill="none" stroke="currentColor" stroke-width="1.5"/><path d="M3 11V3.5A1.5 1.5 0 0 1 4.5 2H11" fill="none" stroke="currentColor" stroke-width="1.5"/></svg>';
const DONE_ICON = '<svg viewBox="0 0 16 16" width="12" height="12" aria-hidden="true"><path d="M3 8.5l3 3 7-7" fill="none" stroke="currentColor" stroke-width="2"/></svg>';

/** A long identifier shown short (first 8 characters) with its full value in the tooltip and a copy button. */
export function shortId(value) {
  const text = String(value);
  const short = UUID.test(text) ? text.slice(0, 8) : `${text.slice(0, 10)}…${text.slice(-4)}`;
  const button = el('button', { type: 'button', class: 'copy', title: `copy ${text}`, 'data-copy': text, 'aria-label': `copy ${text}` });
  button.innerHTML = COPY_ICON;
  button.addEventListener('click', async (event) => {
    event.stopPropagation();
    await copyText(text);
    button.innerHTML = DONE_ICON;
    button.dataset.copied = 'true';
    setTimeout(() => { button.innerHTML = COPY_ICON; delete button.dataset.copied; }, 1500);
  });
  return el('span', { class: 'id' }, el('code', { title: text }, short), button);
}

export const isLongId = (v) => typeof v === 'string' && (UUID.test(v) || LONG_HEX.test(v));

const GOOD = new Set(['completed', 'delivered', 'succeeded', 'settled', 'confirmed', 'approved', 'active', 'credited']);
const BAD = new Set(['failed', 'cancelled', 'expired', 'rejected', 'reversed']);
export const tone = (status) => (GOOD.has(status) ? 'good' : BAD.has(status) ? 'bad' : status === 'pending' || status === 'processing' ? 'warn' : '');

/** A badge for a status word. */
export const badge = (status) => el('span', { class: `badge ${tone(status)}` }, status);

/** The default cell: ids short with copy, decimals right-aligned, statuses as badges, objects as folded JSON. */
export function cell(value, key = '') {
  const v = plain(value);
  if (v === null || v === undefined || v === '') return el('td', { class: 'muted' }, '∅');
  if (key === 'status' && typeof v === 'string') return el('td', {}, badge(v));
  if (isLongId(v)) return el('td', { class: 'nowrap' }, shortId(v));
  if (typeof v === 'number' || (typeof v === 'string' && DECIMAL.test(v))) return el('td', { class: 'num' }, String(v));
  if (typeof v === 'string' && ISO_TIME.test(v)) return el('td', { class: 'nowrap time' }, v);
  if (typeof v === 'boolean') return el('td', { class: v ? '' : 'muted' }, v ? 'yes' : 'no');
  if (typeof v === 'object') {
    const json = JSON.stringify(v);
    return el('td', { title: json }, el('code', {}, json.length > 60 ? `${json.slice(0, 57)}…` : json));
  }
  return el('td', {}, String(v));
}

/** What the filter box searches: every value of the row (not its key names), flattened. */
function rowText(row) {
  const parts = [];
  const walk = (v) => { if (v && typeof v === 'object') Object.values(v).forEach(walk); else if (v !== null && v !== undefined) parts.push(String(v)); };
  walk(row);
  return parts.join(' ').toLowerCase();
}

/** Filter words typed by the user, by table key: the 2 s refresh rebuilds the rows, never the box. */
const filters = new Map();

/**
 * A table with a filter box. Its shell (box, counter, header) is built once per key; `update(rows)` replaces only the
 * rows, so typing is never interrupted by the refresh. Columns: [{ key, label?, render?(row) → td }].
 */
/**
 * A panel that is one filterable table: `columns(ctx)` (ctx for the rows' action buttons), `tableOptions` as dataTable
 * takes them, and `rows(data)` picking and ordering the rows from the panel's reads; the rest is the panel as given.
 */
export function tablePanel({ columns, tableOptions, rows, ...panel }) {
  let table;
  return {
    ...panel,
    mount(body, ctx) {
      table = dataTable(panel.id, columns(ctx), tableOptions);
      body.append(table.root);
    },
    update(data) { table.update(rows(data)); },
  };
}

export function dataTable(key, columns, { rowAttrs = () => ({}), empty = 'none yet' } = {}) {
  const input = el('input', { type: 'search', class: 'filter', placeholder: 'filter… (words, "a phrase")', 'aria-label': `filter ${key}`, 'data-filter': key });
  const count = el('span', { class: 'count muted' });
  const tbody = el('tbody');
  const none = el('p', { class: 'muted empty' }, empty);
  const table = el('table', {}, el('thead', {}, el('tr', {}, columns.map((c) => el('th', { class: c.num ? 'num' : '' }, c.label ?? c.key)))), tbody);
  const root = el('div', { class: 'data-table', 'data-table': key }, el('div', { class: 'toolbar' }, input, count), el('div', { class: 'scroll' }, table), none);
  let rows = [];
  const draw = () => {
    // Every word must match (AND); "a quoted phrase" matches as a whole.
    const words = [...(filters.get(key) ?? '').toLowerCase().matchAll(/"([^"]+)"|(\S+)/g)].map((m) => m[1] ?? m[2]);
    const shown = rows.filter((r) => words.every((w) => rowText(r).includes(w)));
    tbody.replaceChildren(...shown.map((row) => el('tr', rowAttrs(row), columns.map((c) => (c.render ? c.render(row) : cell(row[c.key], c.key))))));
    count.textContent = words.length ? `${shown.length} of ${rows.length}` : `${rows.length}`;
    table.hidden = shown.length === 0;
    none.hidden = shown.length !== 0;
    none.textContent = rows.length ? 'nothing matches the filter' : empty;
  };
  input.addEventListener('input', () => { filters.set(key, input.value); draw(); });
  input.value = filters.get(key) ?? '';
  // Rows are redrawn only when they changed: an unchanged row keeps its DOM (and a button under the mouse) across refreshes.
  let last = '';
  return {
    root,
    update(next) {
      const json = JSON.stringify(next);
      if (json === last) return;
      last = json;
      rows = next;
      draw();
    },
  };
}

/** A right-aligned amount cell. */
export const amountCell = (text) => el('td', { class: 'num' }, text);
