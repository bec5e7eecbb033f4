// The dashboard's world picker: which world of this sandbox the dashboard shows and acts on. The choice lives in the
// page's URL (?world=ID, so a link opens the dashboard on a world); every dashboard request then carries
// X-Sandbox-World (none for the default world). Changing the choice reloads the page on the other world.
const UNLOGGED = { 'x-sandbox-unlogged': '1' };
const fromUrl = new URLSearchParams(location.search).get('world');
const chosen = fromUrl && fromUrl !== 'default' ? fromUrl : null;

/** Headers that address the chosen world. */
export const worldHeaders = () => (chosen ? { 'x-sandbox-world': chosen } : {});

const kb = (bytes) => `${Math.max(1, Math.round(bytes / 1024))} kB`;

/** Renders the picker into `container` and keeps its list fresh. */
export function mountWorldPicker(container, refreshMs = 5000) {
  const select = document.createElement('select');
  select.id = 'world-select';
  select.setAttribute('aria-label', 'world');
  const label = document.createElement('label');
  label.append('world ', select);
  const docs = document.createElement('a');
  docs.href = chosen ? `/docs?world=${encodeURIComponent(chosen)}` : '/docs';
  docs.textContent = 'try it in this world';
  container.append(label, ' ', docs);
  select.addEventListener('change', () => {
    const url = new URL(location.href);
    if (select.value === 'default') url.searchParams.delete('world'); else url.searchParams.set('world', select.value);
    location.href = url.toString();
  });

  async function refresh() {
    const res = await fetch('/__sandbox/worlds', { headers: UNLOGGED });
    if (!res.ok) return;
    const { worlds } = await res.json();
    const options = worlds.map((w) => {
      const option = document.createElement('option');
      option.value = w.id;
      option.textContent = `${w.default ? 'default world' : w.id}${w.label ? ` · ${w.label}` : ''} · ${w.memory.rows} rows, ${kb(w.memory.estimated_bytes)}`;
      return option;
    });
    if (chosen && !worlds.some((w) => w.id === chosen)) {
      const gone = document.createElement('option');
      gone.value = chosen;
      gone.textContent = `${chosen} (gone: deleted or expired)`;
      options.push(gone);
    }
    select.replaceChildren(...options);
    select.value = chosen ?? 'default';
  }
  void refresh();
  setInterval(() => { void refresh(); }, refreshMs);
}
