// `npm run bench -- --scale [--sizes=0,10000,100000] [--reps=30]`: what a request costs as the world grows. One
// in-process sandbox (the library's Fetch handler, no network) is filled through the API to each size in turn — orders
// spread over alice and one registered customer per 100 orders — and at each size the median time of single calls is
// printed side by side with the empty world's, with RSS and the fill time per thousand orders.
import { Driver } from './world-driver.ts';

/** `before` runs untimed ahead of each size's reps (e.g. to pick the rows the reps act on). */
interface Probe { name: string; reps: number; run(): Promise<unknown>; before?(): Promise<void> }

const median = (xs: number[]): number => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor((s.length - 1) / 2)]; };
const gc = (globalThis as { gc?: () => void }).gc;
const rssMb = (): number => { gc?.(); return process.memoryUsage().rss / 1e6; };
const heapMb = (): number => { gc?.(); return process.memoryUsage().heapUsed / 1e6; };

export async function scaleBench(args: string[]): Promise<void> {
  const sizes = (args.find((a) => a.startsWith('--sizes='))?.slice(8) ?? '0,10000,100000').split(',').map(Number);
  const reps = Number(args.find((a) => a.startsWith('--reps='))?.slice(7) ?? 30);
  const d = new Driver();
  const vendor = d.user('vendor'), alice = d.user('alice');
  const [tv, ta] = [await d.login('vendor'), await d.login('alice')];
  const tron = (u: { wallets: { network: string; id: string; address: string }[] }) => u.wallets.find((w) => w.network === 'tron')!;
  await d.must('POST', '/__sandbox/faucet', { body: { wallet_id: tron(vendor).id, asset: 'USDT', amount: '100000000' } });
  const offer = await d.must('POST', '/api/v1/auth/offers', { token: tv, body: { vendor_id: vendor.id, offer_type: 'SELL', asset: 'USDT',
    crypto_amount: '90000000', available_amount: '90000000', rate: '130.5', min_order: '1', max_order: '500', description: 'scale bench' } });
  const orderBody = (customerId: string, address: string) => ({ customer_id: customerId, vendor_id: vendor.id, offer_id: offer.id,
    crypto_amount: '1', fiat_amount: '130.50', fiat_currency: 'KES', wallet_address: address, payment_method: 'mpesa', order_type: 'ON_RAMP_BUY' });
  const aliceOrder = orderBody(alice.id, tron(alice).address);
  // a few transfers so the transfers list has a page to show
  for (let i = 0; i < 20; i++) await d.must('POST', '/api/v1/auth/transfers/p2p', { token: tv, body: { to_user_id: alice.id, amount: '0.01', network: 'tron' } });

  const customers: { token: string; body: object }[] = [{ token: ta, body: aliceOrder }];
  let filled = 0;
  let registered = 0;
  async function fillTo(target: number): Promise<number> {
    const started = performance.now();
    const from = filled;
    while (filled < target) {
      if (filled % 100 === 0) {
        const n = ++registered;
        const email = `scale${n}@bench.test`;
        const reg = await d.must('POST', '/api/v1/users/register', { body: { email, phone_number: `+1${String(10_000_000 + n)}`,
          first_name: 'Scale', last_name: `Customer${n}`, password: 'bench-password' } });
        const token = (await d.must('POST', '/api/v1/users/login', { body: { email, password: 'bench-password' } })).access_token;
        // 201 { user, wallets: [{ wallet, balances }] }: the new customer orders to their own TRON wallet
        const wallet = (reg.wallets as { wallet: { network: string; address: string } }[]).find((w) => w.wallet.network === 'tron')!.wallet;
        customers.push({ token, body: orderBody(reg.user.id as string, wallet.address) });
      }
      // every other order is alice's: her list is the long one that GET orders page 1 pages through
      const c = filled % 2 === 0 ? customers[0] : customers[1 + (filled % (customers.length - 1 || 1))] ?? customers[0];
      await d.must('POST', '/api/v1/auth/orders', { token: c.token, body: c.body });
      filled++;
    }
    return filled > from ? (performance.now() - started) / ((filled - from) / 1000) : 0;
  }

  let snapshotText = '';
  let oldOrders: string[] = [];
  const probes: Probe[] = [
    { name: 'GET wallet/{id}', reps, run: () => d.must('GET', `/api/v1/auth/wallet/id/${tron(alice).id}`, { token: ta }) },
    { name: 'GET orders page 1 (customer)', reps, run: () => d.must('GET', '/api/v1/auth/orders?page_id=1&page_size=10', { token: ta }) },
    { name: 'POST order', reps, run: () => d.must('POST', '/api/v1/auth/orders', { token: ta, body: aliceOrder }) },
    // a status change of an order from the middle of alice's long list: its list indexes keep it in place (a removal
    // and a re-insertion in the middle of a bucket that grows with the table cost ~0.3 ms per index at 100,000 rows)
    { name: 'PUT cancel an old order', reps, before: async () => {
      const total = d.sandbox.world.footprint().rows.orders ?? 0;
      const page = Math.max(1, Math.floor(total / 2 / 2 / 100)); // alice holds about half the orders; pages of 100
      oldOrders = (await d.must('GET', `/api/v1/auth/orders?page_id=${page}&page_size=100`, { token: ta }) as { id: string; status: string }[])
        .filter((o) => o.status === 'pending').map((o) => o.id);
    }, run: () => d.must('PUT', `/api/v1/auth/order/id/${oldOrders.pop()}/cancel`, { token: ta }) },
    { name: 'GET transfers page 1', reps, run: () => d.must('GET', '/api/v1/auth/transfers?page_id=1&page_size=10', { token: ta }) },
    { name: 'GET customer transactions', reps, run: () => d.must('GET', '/api/v1/auth/customer/transactions?page_id=1&page_size=10', { token: ta }) },
    { name: 'GET offers by type', reps, run: () => d.must('GET', '/api/v1/auth/offers/type/SELL?page_id=1&page_size=10', { token: ta }) },
    { name: 'GET /__sandbox/world', reps: 5, run: () => d.must('GET', '/__sandbox/world') },
    { name: 'GET /__sandbox/snapshot', reps: 3, run: async () => {
      const r = await d.call('GET', '/__sandbox/snapshot');
      if (r.status !== 200) throw new Error(`snapshot: ${r.status}`);
      snapshotText = r.text;
    } },
    { name: 'POST /__sandbox/restore', reps: 3, run: async () => {
      const r = await d.call('POST', '/__sandbox/restore', { raw: snapshotText });
      if (r.status !== 200) throw new Error(`restore refused: ${r.status} ${JSON.stringify(r.body).slice(0, 200)}`);
    } },
    { name: 'POST /__sandbox/reset', reps: 1, run: () => d.must('POST', '/__sandbox/reset') },
  ];

  // register and login: a fresh customer per call (the password hash must not make register much dearer than login)
  let probeUsers = 0;
  probes.splice(7, 0,
    { name: 'POST register', reps, run: () => d.must('POST', '/api/v1/users/register', { body: { email: `probe${++probeUsers}@bench.test`,
      phone_number: `+2${String(10_000_000 + probeUsers)}`, first_name: 'Probe', last_name: `User${probeUsers}`, password: 'bench-password' } }) },
    { name: 'POST login', reps, run: () => d.must('POST', '/api/v1/users/login', { body: { email: 'login-probe@bench.test', password: 'bench-password' } }) });

  const columns: { size: number; fillMsPerK: number; rss: number; heap: number; ms: Map<string, string>; footprint: ReturnType<typeof d.sandbox.world.footprint> }[] = [];
  // warm the JIT up first (a few orders more than the first size, negligible), so the first column is not cold code
  for (const probe of probes.slice(0, 7)) { await probe.before?.(); for (let i = 0; i < reps; i++) await probe.run(); }
  // the login probe's own user (logging one user in again and again may prune that user's older tokens)
  await d.must('POST', '/api/v1/users/register', { body: { email: 'login-probe@bench.test', phone_number: '+19999999999',
    first_name: 'Login', last_name: 'Probe', password: 'bench-password' } });
  const startRss = rssMb();
  for (const size of sizes) {
    const fillMsPerK = await fillTo(size);
    const rss = rssMb(); // the filled world's, before the snapshot probes allocate their copies
    const heap = heapMb();
    const footprint = d.sandbox.world.footprint();
    if (process.env.BENCH_TABLES) {
      for (const [name, rows] of Object.entries(d.sandbox.world.snapshot())) if (rows.length > 50) console.log(`   ${name}: ${rows.length} rows, ${(JSON.stringify(rows).length / 1e6).toFixed(1)} MB as JSON`);
    }
    const ms = new Map<string, string>();
    for (const probe of probes) {
      if (probe.name === 'POST /__sandbox/reset') {
        // reset empties the world: time it, then load the filled world back (library API, whatever the HTTP body limit)
        const t0 = performance.now();
        await probe.run();
        ms.set(probe.name, (performance.now() - t0).toFixed(2));
        const back = await d.call('POST', '/__sandbox/restore', { raw: snapshotText });
        if (back.status !== 200) throw new Error(`restore after reset: ${back.status}`);
        snapshotText = '';
        break;
      }
      const times: number[] = [];
      try {
        await probe.before?.();
        for (let i = 0; i < probe.reps; i++) {
          const t0 = performance.now();
          await probe.run();
          times.push(performance.now() - t0);
        }
        ms.set(probe.name, median(times).toFixed(2));
      } catch (error) {
        ms.set(probe.name, `failed: ${String((error as Error).message).slice(0, 14)}`);
      }
    }
    columns.push({ size, fillMsPerK, rss, heap, ms, footprint });
    console.log(`… ${size} orders: filled at ${fillMsPerK.toFixed(0)} ms per thousand, RSS ${rss.toFixed(0)} MB, heap ${heap.toFixed(0)} MB`);
  }

  console.log(`\nmedian ms per call, in-process (library Fetch handler), ${reps} reps; ratio to the first column in brackets\n`);
  const head = ['orders in the world'.padEnd(30), ...columns.map((c) => String(c.size).padStart(20))];
  console.log(head.join(''));
  for (const probe of probes) {
    const base = Number(columns[0].ms.get(probe.name));
    console.log([probe.name.padEnd(30), ...columns.map((c) => {
      const v = c.ms.get(probe.name) ?? '-';
      const n = Number(v);
      return (Number.isFinite(n) && base > 0 && c !== columns[0] ? `${v} (${(n / base).toFixed(1)}×)` : v).padStart(20);
    })].join(''));
  }
  console.log(['fill ms per 1,000 orders'.padEnd(30), ...columns.map((c) => (c.fillMsPerK ? c.fillMsPerK.toFixed(0) : '-').padStart(20))].join(''));
  console.log(['RSS MB'.padEnd(30), ...columns.map((c) => c.rss.toFixed(0).padStart(20))].join(''));
  console.log([`heap used MB${gc ? '' : ' (no --expose-gc)'}`.padEnd(30), ...columns.map((c) => c.heap.toFixed(0).padStart(20))].join(''));
  // what the world's growth costs per order (heap over the first column's), and the entries behind it
  const first = columns[0];
  console.log(['heap per order, bytes'.padEnd(30), ...columns.map((c) => (c.size > first.size ? ((c.heap - first.heap) * 1e6 / (c.size - first.size)).toFixed(0) : '-').padStart(20))].join(''));
  const rowsOf = (c: typeof first) => Object.values(c.footprint.rows).reduce((a, b) => a + b, 0);
  console.log(['rows (all tables)'.padEnd(30), ...columns.map((c) => String(rowsOf(c)).padStart(20))].join(''));
  console.log(['index slots'.padEnd(30), ...columns.map((c) => String(c.footprint.indexEntries).padStart(20))].join(''));
  console.log(['queued jobs / interned strings'.padEnd(30), ...columns.map((c) => `${c.footprint.queued} / ${c.footprint.interned}`.padStart(20))].join(''));
  console.log(`\nprocess RSS before filling (code, contract, validators${process.execArgv.join(' ').includes('tsx') ? ', tsx' : ''}): ${startRss.toFixed(0)} MB`);
  console.log('\ntargets (not asserted): single-object calls within 1.5× of the empty world, pages within 2×, fill time flat,'
    + ' register within 2× of login, 100k orders under 300 MB RSS');
}
