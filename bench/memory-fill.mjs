// Fills one world with N orders through the built package's Fetch handler (no network), then prints what the process
// holds as JSON. Run in a fresh plain-node process per size by bench/memory.ts, so each RSS is that world's alone
// (no tsx, no earlier sizes' snapshots or restores left in the allocator).
import { Sandbox } from '../dist/src/sandbox.js';
import { FIXTURE_PASSWORD } from '../dist/fixtures/default-world.js';

const size = Number(process.argv[2] ?? 0);
const sandbox = new Sandbox({ start: new Date('2026-11-22T09:00:00Z'), frozen: true });
async function must(method, path, { token, body } = {}) {
  const headers = {};
  if (token) headers.authorization = `Bearer ${token}`;
  if (body !== undefined) headers['content-type'] = 'application/json';
  const res = await sandbox.handle(new Request(`http://sandbox${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) }));
  const json = await res.json();
  if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(json).slice(0, 300)}`);
  return json;
}
const user = (key) => sandbox.fixtures.users.find((u) => u.email === `${key}@coinpool.test`);
const tron = (u) => u.wallets.find((w) => w.network === 'tron');
const login = async (email, password) => (await must('POST', '/api/v1/users/login', { body: { email, password } })).access_token;

const vendor = user('vendor'), alice = user('alice');
const tv = await login(vendor.email, FIXTURE_PASSWORD);
const ta = await login(alice.email, FIXTURE_PASSWORD);
await must('POST', '/__sandbox/faucet', { body: { wallet_id: tron(vendor).id, asset: 'USDT', amount: '100000000' } });
const offer = await must('POST', '/api/v1/auth/offers', { token: tv, body: { vendor_id: vendor.id, offer_type: 'SELL', asset: 'USDT',
  crypto_amount: '90000000', available_amount: '90000000', rate: '130.5', min_order: '1', max_order: '500', description: 'memory bench' } });
const orderBody = (customerId, address) => ({ customer_id: customerId, vendor_id: vendor.id, offer_id: offer.id, crypto_amount: '1',
  fiat_amount: '130.50', fiat_currency: 'KES', wallet_address: address, payment_method: 'mpesa', order_type: 'ON_RAMP_BUY' });

const measure = () => { globalThis.gc(); globalThis.gc(); const m = process.memoryUsage(); return { rss: m.rss, heap: m.heapUsed, heapTotal: m.heapTotal, external: m.external + m.arrayBuffers }; };
const before = measure();
const started = performance.now();
// The scale bench's mix: half of the orders are alice's, the rest spread over one new customer per 100 orders.
let customer = { token: ta, body: orderBody(alice.id, tron(alice).address) };
const alices = customer;
for (let i = 0; i < size; i++) {
  if (i % 100 === 0) {
    const n = i / 100 + 1;
    const email = `memory${n}@bench.test`;
    const reg = await must('POST', '/api/v1/users/register', { body: { email, phone_number: `+1${String(10_000_000 + n)}`,
      first_name: 'Memory', last_name: `Customer${n}`, password: 'bench-password' } });
    customer = { token: await login(email, 'bench-password'), body: orderBody(reg.user.id, reg.wallets.find((w) => w.wallet.network === 'tron').wallet.address) };
  }
  await must('POST', '/api/v1/auth/orders', { token: i % 2 === 0 ? alices.token : customer.token, body: i % 2 === 0 ? alices.body : customer.body });
}
const fillMs = performance.now() - started;
const after = measure();
// A sandbox that was filled then sits idle: V8's memory reducer gives back committed heap it no longer needs.
await new Promise((resolve) => setTimeout(resolve, 8000));
const idle = measure();
const { rows, indexEntries, queued } = sandbox.world.footprint();
console.log(JSON.stringify({ size, before, after, idle, fillMs, rows, indexEntries, queued }));
