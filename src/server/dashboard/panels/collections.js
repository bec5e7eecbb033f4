// The world's tables (GET /__sandbox/world `collections`): the ones a partner follows get a panel in their area's tab,
// shown even while empty; every other table sits folded under "All tables".
import { el, cell, dataTable } from '../ui.js';

/** Columns of a collection: id and status first, then every key the rows have. */
function columnsOf(rows) {
  const keys = [...new Set(rows.flatMap((r) => Object.keys(r)))].filter((k) => k !== 'seq');
  const first = ['id', 'status'].filter((k) => keys.includes(k));
  return [...first, ...keys.filter((k) => !first.includes(k))];
}

/** A table whose columns follow its rows: rebuilt when the set of columns changes, else only its rows. */
function collectionTable(name) {
  let shape = '';
  let table = null;
  const holder = el('div', { 'data-collection': name });
  return {
    holder,
    update(rows) {
      const columns = columnsOf(rows);
      const next = columns.join(',');
      if (next !== shape || !table) {
        shape = next;
        table = dataTable(name, columns.map((key) => ({ key, num: /amount|rate|fee|balance|_order$/.test(key) })),
          { rowAttrs: (row) => ({ 'data-id': row.id }) });
        holder.replaceChildren(table.root);
      }
      table.update([...rows].reverse());
    },
  };
}

export function collectionPanel(name, title, tab) {
  const t = collectionTable(name);
  let heading;
  return {
    id: `collection-${name}`, tab, title: null, reads: { world: '/__sandbox/world' },
    mount(body) {
      heading = el('h2', {}, title);
      body.append(heading, t.holder);
    },
    update({ world }) {
      const c = world.collections.find((x) => x.name === name) ?? { count: 0, rows: [] };
      heading.textContent = `${title} (${c.count})`;
      t.update(c.rows);
    },
  };
}

export function otherTablesPanel(tab, headline) {
  const tables = new Map();
  /** Which folded tables the user opened: the refresh must not close them again. */
  const opened = new Set();
  let list;
  return {
    id: 'other-tables', tab, title: 'Every other table', hint: 'newest rows first; click a name to open it', reads: { world: '/__sandbox/world' },
    mount(body) { list = el('div'); body.append(list); },
    update({ world }) {
      const shown = world.collections.filter((c) => !headline.includes(c.name));
      const nodes = shown.map((c) => {
        let entry = tables.get(c.name);
        if (!entry) {
          const t = collectionTable(c.name);
          const summary = el('summary', {});
          const details = el('details', { 'data-collection-group': c.name }, summary, t.holder);
          details.addEventListener('toggle', () => { if (details.open) opened.add(c.name); else opened.delete(c.name); });
          entry = { t, details, summary };
          tables.set(c.name, entry);
        }
        entry.summary.replaceChildren(el('h3', {}, c.name), ' ', el('span', { class: 'muted' }, `${c.count} rows`));
        entry.details.open = opened.has(c.name);
        entry.t.update(c.rows);
        return entry.details;
      });
      list.replaceChildren(...nodes);
    },
  };
}

