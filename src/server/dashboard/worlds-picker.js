// The header's world picker: which world of this sandbox the dashboard shows and acts on. The choice lives in the
// page's URL (?world=ID, so a link opens the dashboard on a world); every request the dashboard makes then carries
// X-Sandbox-World (none for the default world). Changing the choice reloads the page on the other world.
import { el } from './ui.js';

const REFRESH_MS = 5000;
const fromUrl = new URLSearchParams(location.search).get('world');
const chosen = fromUrl && fromUrl !== 'default' ? fromUrl : null;

/** Headers that address the chosen world: spread into every dashboard request. */
export const worldHeaders = () => (chosen ? { 'x-sandbox-world': chosen } : {});

/** "the default world" or "world w_abc", for messages. */
export const worldName = () => (chosen ? `world ${chosen}` : 'the default world');

const kb = (bytes) => `${Math.max(1, Math.round(bytes / 1024))} kB`;
const optionText = (w) => `${w.default ? 'default world' : w.id}${w.label ? ` · ${w.label}` : ''} · ${w.memory.rows} rows, ${kb(w.memory.estimated_bytes)}`;

/** Renders the picker into `container` and keeps its list of worlds fresh. */
export function mountWorldPicker(container) {
  const select = el('select', { id: 'world-select', 'aria-label': 'world' }, el('option', { value: chosen ?? 'default' }, chosen ?? 'default world'));
  select.addEventListener('change', () => {
    const url = new URL(location.href);
    if (select.value === 'default') url.searchParams.delete('world'); else url.searchParams.set('world', select.value);
    location.href = url.toString();
  });
  // The header's "API docs" link covers the default world; a chosen one gets its own, with the world as first server.
  container.append(el('label', {}, 'world ', select),
    chosen ? el('a', { href: `/docs?world=${encodeURIComponent(chosen)}`, title: 'the API docs with this world as the first server' }, 'try it in this world') : null);
  document.body.dataset.world = chosen ?? 'default';

  async function refresh() {
    // The list of worlds belongs to the sandbox, not to one world: the only dashboard request without X-Sandbox-World.
    const res = await fetch('/__sandbox/worlds', { headers: { 'x-sandbox-unlogged': '1' } });
    if (!res.ok) return;
    const { worlds } = await res.json();
    const options = worlds.map((w) => el('option', { value: w.id }, optionText(w)));
    if (chosen && !worlds.some((w) => w.id === chosen)) options.push(el('option', { value: chosen }, `${chosen} (gone: deleted or expired)`));
    const key = options.map((o) => `${o.value} ${o.textContent}`).join('\n');
    // Rebuilt only when the list changed, so an open select survives the refresh.
    if (key === select.dataset.key) return;
    select.dataset.key = key;
    select.replaceChildren(...options);
    select.value = chosen ?? 'default';
  }
  const loop = async () => {
    if (document.visibilityState === 'visible') await refresh().catch(() => {});
    setTimeout(loop, REFRESH_MS);
  };
  void loop();
}
