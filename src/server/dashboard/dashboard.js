// The sandbox dashboard's frame: header (clock, reset, world picker, status line), one tab per area, and the refresh
// loop. What the tabs hold is the list in panels.js; a panel declares the control API reads it needs and renders them.
// Every read and action goes through the /__sandbox control API, to the world chosen in the header (X-Sandbox-World);
// the polling reads carry x-sandbox-unlogged so that they do not fill the request log the page displays.
import { el } from './ui.js';
import { worldHeaders, worldName, mountWorldPicker } from './worlds-picker.js';
import { TABS, PANELS } from './panels.js';

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

function say(message, ok) {
  $('status').textContent = message;
  $('status').className = ok ? 'good' : 'bad';
}

/** Runs an action, reports it in the status line and refreshes the page. */
async function act(label, fn) {
  try {
    const result = await fn();
    say(typeof label === 'function' ? label(result) : label, true);
  } catch (error) {
    say(error.message, false);
  }
  await refresh().catch(() => {});
}

const ctx = { call, act, refresh: () => refresh() };

// ---- tabs ----------------------------------------------------------------------------------------------------------
const tabButtons = new Map();
const tabSections = new Map();

function buildTabs() {
  const nav = $('tabs');
  const main = $('main');
  for (const tab of TABS) {
    const button = el('button', { type: 'button', role: 'tab', 'data-tab': tab.id, id: `tab-${tab.id}`, onclick: () => showTab(tab.id) },
      tab.title, el('span', { class: 'pill', hidden: true }));
    const section = el('section', { role: 'tabpanel', 'data-tab-panel': tab.id, 'aria-labelledby': `tab-${tab.id}`, hidden: true });
    tabButtons.set(tab.id, button);
    tabSections.set(tab.id, section);
    nav.append(button);
    main.append(section);
  }
  for (const panel of PANELS) {
    const body = el('div', { id: `${panel.id}-body`, class: 'panel-body' });
    const section = el('section', { class: 'panel', id: panel.id, 'data-panel': panel.id },
      panel.title ? el('h2', {}, panel.title, panel.hint ? el('small', { class: 'muted' }, ` ${panel.hint}`) : null) : null, body);
    (tabSections.get(panel.tab) ?? tabSections.get(TABS[0].id)).append(section);
    panel.mount?.(body, ctx);
  }
}

function showTab(id) {
  if (!tabSections.has(id)) id = TABS[0].id;
  for (const [tab, section] of tabSections) section.hidden = tab !== id;
  for (const [tab, button] of tabButtons) button.setAttribute('aria-selected', String(tab === id));
  if (location.hash !== `#${id}`) history.replaceState(null, '', `#${id}`);
  document.body.dataset.tab = id;
}

/** An old anchor (#stk, #world) or a panel id opens the tab that holds it. */
function tabOfHash() {
  const id = location.hash.slice(1);
  if (tabSections.has(id)) return id;
  return PANELS.find((p) => p.id === id || p.aliases?.includes(id))?.tab ?? TABS[0].id;
}

// ---- refresh -------------------------------------------------------------------------------------------------------
const READS = Object.assign({}, ...PANELS.map((p) => p.reads ?? {}));

// A refresh started before an action may answer after the action's own refresh: only the latest one renders.
let generation = 0;
async function refresh() {
  const mine = ++generation;
  const names = Object.keys(READS);
  const values = await Promise.all(names.map((n) => call('GET', READS[n])));
  if (mine !== generation) return;
  const data = Object.fromEntries(names.map((n, i) => [n, values[i]]));
  if (data.world) {
    $('clock-now').textContent = data.world.clock.now;
    $('clock-state').textContent = data.world.clock.frozen ? 'frozen' : 'running';
    $('clock').dataset.frozen = String(data.world.clock.frozen);
  }
  const pending = new Map();
  for (const panel of PANELS) {
    panel.update?.(data, ctx);
    const n = panel.pending?.(data) ?? 0;
    pending.set(panel.tab, (pending.get(panel.tab) ?? 0) + n);
  }
  for (const [tab, button] of tabButtons) {
    const pill = button.querySelector('.pill');
    const n = pending.get(tab) ?? 0;
    pill.hidden = n === 0;
    pill.textContent = String(n);
    pill.title = `${n} waiting for an action`;
  }
}

// ---- header --------------------------------------------------------------------------------------------------------
$('clock-freeze').addEventListener('click', () => act('clock frozen', () => call('POST', '/__sandbox/clock/freeze')));
$('clock-unfreeze').addEventListener('click', () => act('clock running', () => call('POST', '/__sandbox/clock/unfreeze')));
$('clock-advance').addEventListener('click', () => {
  const seconds = Number($('clock-seconds').value);
  act(`clock advanced ${seconds} s`, () => call('POST', '/__sandbox/clock/advance', { seconds }));
});
$('reset').addEventListener('click', () => {
  if (confirm(`Reset ${worldName()} to its seeded state? Every change is lost.`)) act('world reset', () => call('POST', '/__sandbox/reset'));
});
window.addEventListener('hashchange', () => showTab(tabOfHash()));

let refreshes = 0;
async function loop() {
  if (document.visibilityState === 'visible') {
    try { await refresh(); } catch (error) { say(error.message, false); }
    // How many timed refresh rounds have ended: a test waits for the next one instead of sleeping past it.
    document.body.dataset.refreshes = String(++refreshes);
  }
  setTimeout(loop, REFRESH_MS);
}

mountWorldPicker($('world-picker'));
buildTabs();
showTab(tabOfHash());
await Promise.all(PANELS.map((p) => p.init?.(ctx))).catch((error) => say(error.message, false));
await refresh().catch((error) => say(error.message, false));
document.body.dataset.ready = 'true';
setTimeout(loop, REFRESH_MS);
