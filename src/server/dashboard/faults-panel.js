// The dashboard's faults panel: injected faults with how often each fired, a form to add one, a button to remove
// each (or all), and the latest requests a fault acted on. Its own module, talking only to /__sandbox/faults and
// /__sandbox/requests; page.html only holds its <section> and loads this file.
const REFRESH_MS = 2000;
const root = document.getElementById('faults');

async function call(method, path, body) {
  const headers = method === 'GET' ? { 'x-sandbox-unlogged': '1' } : {};
  if (body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await res.text();
  const data = text ? JSON.parse(text) : null;
  if (!res.ok) throw new Error(`${method} ${path} → ${res.status}: ${data?.error ?? text}`);
  return data;
}

function h(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k === 'onclick') node.addEventListener('click', v);
    else if (k === 'onsubmit') node.addEventListener('submit', v);
    else if (v !== undefined && v !== null && v !== false) node.setAttribute(k, v === true ? '' : v);
  }
  for (const c of children.flat()) node.append(c instanceof Node ? c : document.createTextNode(String(c ?? '')));
  return node;
}

const matchText = (m) => (m.operation_id ? m.operation_id : `${m.method.toUpperCase()} ${m.path}`);
const detailText = (f) => [
  f.kind === 'status' ? `status ${f.status ?? 503}` : f.kind,
  f.delay_ms !== undefined ? `delay ${f.delay_ms} ms` : '',
  f.after !== undefined ? `after ${f.after}` : '',
  f.times !== undefined ? `times ${f.times}` : '',
  f.probability !== undefined ? `p=${f.probability}` : '',
].filter(Boolean).join(', ');

const message = h('p', { class: 'muted', role: 'status', id: 'faults-message' });
const list = h('div', { id: 'faults-list' });
const affected = h('div', { id: 'faults-affected' });

function field(label, input) { return h('label', {}, `${label} `, input); }
const inputs = {
  target: h('input', { name: 'target', placeholder: 'createOrder or POST /api/v1/auth/orders', size: 34, required: true }),
  kind: h('select', { name: 'kind' }, ['status', 'delay', 'reset', 'timeout', 'malformed'].map((k) => h('option', { value: k }, k))),
  status: h('input', { name: 'status', type: 'number', min: 200, max: 599, value: 503, size: 4 }),
  delay_ms: h('input', { name: 'delay_ms', type: 'number', min: 0, size: 6 }),
  times: h('input', { name: 'times', type: 'number', min: 1, size: 4 }),
  after: h('input', { name: 'after', type: 'number', min: 0, size: 4 }),
  probability: h('input', { name: 'probability', type: 'number', min: 0, max: 1, step: 0.05, size: 4 }),
};

/** "createOrder" → by operation id; "POST /api/v1/..." → by method and path. */
function specFromForm() {
  const target = inputs.target.value.trim();
  const m = /^([A-Za-z]+)\s+(\/\S*)$/.exec(target);
  const spec = { match: m ? { method: m[1].toUpperCase(), path: m[2] } : { operation_id: target }, kind: inputs.kind.value };
  if (spec.kind === 'status' && inputs.status.value) spec.status = Number(inputs.status.value);
  for (const name of ['delay_ms', 'times', 'after', 'probability']) if (inputs[name].value !== '') spec[name] = Number(inputs[name].value);
  return spec;
}

const form = h('form', { id: 'faults-form', onsubmit: async (event) => {
  event.preventDefault();
  try {
    const fault = await call('POST', '/__sandbox/faults', specFromForm());
    message.textContent = `added ${fault.id}`;
    await refresh();
  } catch (error) { message.textContent = error.message; }
} },
field('match', inputs.target), field('kind', inputs.kind), field('status', inputs.status), field('delay ms', inputs.delay_ms),
field('times', inputs.times), field('after', inputs.after), field('probability', inputs.probability),
h('button', { type: 'submit' }, 'Add fault'));

async function remove(path) {
  try { await call('DELETE', path); await refresh(); } catch (error) { message.textContent = error.message; }
}

function renderFaults(faults) {
  if (!faults.length) { list.replaceChildren(h('p', { class: 'muted' }, 'no faults: every request is answered normally')); return; }
  list.replaceChildren(h('table', {},
    h('thead', {}, h('tr', {}, ['id', 'match', 'fault', 'matched', 'fired', ''].map((c) => h('th', {}, c)))),
    h('tbody', {}, faults.map((f) => h('tr', { 'data-fault': f.id },
      h('td', {}, f.id), h('td', {}, matchText(f.match)), h('td', {}, detailText(f)), h('td', {}, f.matched), h('td', {}, f.fired),
      h('td', {}, h('button', { type: 'button', onclick: () => remove(`/__sandbox/faults/${f.id}`) }, 'Remove')))))),
  h('button', { type: 'button', class: 'danger', onclick: () => remove('/__sandbox/faults') }, 'Remove all'));
}

function renderAffected(requests) {
  const hit = requests.filter((r) => r.faults?.length).slice(-10).reverse();
  affected.replaceChildren(h('h3', {}, 'Requests a fault acted on'), hit.length
    ? h('table', {}, h('tbody', {}, hit.map((r) => h('tr', {}, h('td', {}, r.at), h('td', {}, `${r.method} ${r.path}`),
      h('td', {}, r.status === 0 ? 'no answer' : r.status), h('td', {}, r.faults.map((f) => `${f.id} ${f.kind}`).join(', '))))))
    : h('p', { class: 'muted' }, 'none yet'));
}

async function refresh() {
  const [faults, requests] = await Promise.all([call('GET', '/__sandbox/faults'), call('GET', '/__sandbox/requests?limit=200')]);
  renderFaults(faults);
  renderAffected(requests);
  root.dataset.ready = 'true';
}

root.append(h('p', { class: 'muted' }, 'Make product requests fail on purpose: a status, a delay, a dropped connection, a timeout or broken JSON. ',
  'Per request, the Prefer header forces a documented answer: Prefer: code=404, example=NAME, delay=1500.'), form, message, list, affected);
refresh().catch((error) => { message.textContent = error.message; });
setInterval(() => { refresh().catch(() => {}); }, REFRESH_MS);
