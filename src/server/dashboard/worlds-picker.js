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
// Short, so the header stays one line at 1280 px; the size of each world is in its tooltip.
// Short, so the header stays one line at 1280 px: a created world by its label, else its short id; its full id and
// size are in the tooltip.
const optionText = (w) => (w.default ? 'default' : w.label || w.id.slice(0, 8));
const sizeText = (w) => `${w.default ? 'default world' : w.id}: ${w.memory.rows} rows, ${kb(w.memory.estimated_bytes)}`;

/** Renders the picker, with the header's links to the docs and fixtures of the chosen world, and keeps it fresh. */
export function mountWorldPicker(container) {
  const select = el('select', { id: 'world-select', 'aria-label': 'world' }, el('option', { value: chosen ?? 'default' }, chosen ?? 'default'));
  select.addEventListener('change', () => {
    const url = new URL(location.href);
    if (select.value === 'default') url.searchParams.delete('world'); else url.searchParams.set('world', select.value);
    location.href = url.toString();
  });
  // Links leave the page, so they cannot carry the header: the docs list the chosen world as their first server
  // ("Try it out" reaches it), and the fixtures are read through the world's path prefix.
  const world = chosen ? encodeURIComponent(chosen) : null;
  container.append(el('label', {}, 'world ', select), el('nav', { class: 'links' },
    el('a', { href: world ? `/docs?world=${world}` : '/docs', title: world ? 'the API docs, with this world as the first server' : null }, 'API docs'),
    el('a', { href: world ? `/worlds/${world}/__sandbox/fixtures` : '/__sandbox/fixtures' }, 'fixtures')));
  document.body.dataset.world = chosen ?? 'default';

  async function refresh() {
    // The list of worlds belongs to the sandbox, not to one world: the only dashboard request without X-Sandbox-World.
    const res = await fetch('/__sandbox/worlds', { headers: { 'x-sandbox-unlogged': '1' } });
    if (!res.ok) return;
    const { worlds } = await res.json();
    const options = worlds.map((w) => el('option', { value: w.id, title: sizeText(w) }, optionText(w)));
    if (chosen && !worlds.some((w) => w.id === chosen)) options.push(el('option', { value: chosen }, `${chosen} (gone: deleted or expired)`));
    // Rebuilt only when the list of worlds changed, so an open select survives the refresh; sizes update in place.
    const key = options.map((o) => `${o.value} ${o.textContent}`).join('\n');
    if (key !== select.dataset.key) {
      select.dataset.key = key;
      select.replaceChildren(...options);
      select.value = chosen ?? 'default';
    } else {
      options.forEach((o, i) => { select.options[i].title = o.title; });
    }
    const current = select.selectedOptions[0];
    select.title = current?.title || current?.textContent || '';
  }
  const loop = async () => {
    if (document.visibilityState === 'visible') await refresh().catch(() => {});
    setTimeout(loop, REFRESH_MS);
  };
  void loop();
}
