// `npm run bench -- --ledger [--entries=1000000]`: a million ledger entries in one world. Money is minted into 100
// wallets (the faucet's own ledger path: one entry and one balance update each, in a transaction each) and the bench
// prints, per 100,000 entries, the heap and RSS (after a collection with --expose-gc), the bytes per entry and the
// time per thousand, then GET wallet/{id} before and after, side by side. Figures only, never pass/fail.
import { Driver } from './world-driver.ts';
import { mint, ledgerEntries } from '../src/domain/ledger.ts';

const gc = (globalThis as { gc?: () => void }).gc;
const mem = () => { gc?.(); const m = process.memoryUsage(); return { heap: m.heapUsed / 1e6, rss: m.rss / 1e6 }; };
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];

export async function ledgerBench(args: string[]): Promise<void> {
  const total = Number(args.find((a) => a.startsWith('--entries='))?.slice(10) ?? 1_000_000);
  const d = new Driver();
  const world = d.sandbox.world;
  const token = await d.login('alice');
  const alice = d.user('alice');
  const wallet = alice.wallets.find((w) => w.network === 'tron')!;
  const wallets = d.sandbox.fixtures.users.flatMap((u) => u.wallets.filter((w) => w.network === 'tron').map((w) => w.id)).slice(0, 100);
  const probe = async () => {
    const times: number[] = [];
    for (let i = 0; i < 30; i++) { const t0 = performance.now(); await d.must('GET', `/api/v1/auth/wallet/id/${wallet.id}`, { token }); times.push(performance.now() - t0); }
    return median(times);
  };
  const before = await probe();
  const m0 = mem();
  const e0 = ledgerEntries(world).size;
  console.log(`entries      heap MB   RSS MB   bytes/entry   ms per 1,000`);
  let t = performance.now();
  for (let i = 1; i <= total; i++) {
    world.transaction(() => mint(world, wallets[i % wallets.length], 'USDT', '0.01', 'faucet', 'ledger bench'));
    if (i % 100_000 === 0 || i === total) {
      const ms = (performance.now() - t) / ((i % 100_000 || 100_000) / 1000);
      const m = mem();
      console.log(`${String(ledgerEntries(world).size - e0).padStart(9)} ${m.heap.toFixed(0).padStart(9)} ${m.rss.toFixed(0).padStart(8)} ${((m.heap - m0.heap) * 1e6 / i).toFixed(0).padStart(13)} ${ms.toFixed(0).padStart(14)}`);
      t = performance.now();
    }
  }
  const after = await probe();
  console.log(`\nGET wallet/{id} median ms: ${before.toFixed(2)} with the seeded ledger, ${after.toFixed(2)} with ${total.toLocaleString('en')} more entries`);
}
