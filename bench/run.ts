// `npm run bench`: start times beside a bare express app (bench/start-time.ts), then throughput per operation beside
// a bare express app (bench/throughput.ts). `-- --start` or `-- --throughput` runs one section alone.
// `npm run bench -- --scale [--sizes=0,10000,100000]`: cost of requests as the world grows (bench/scale.ts).
// `npm run bench -- --profile [--ops=order,register] [--quiet]`: where a write path's CPU goes (bench/throughput-profile.ts).
// `npm run bench -- --memory [--sizes=0,10000,100000]`: RSS of a filled world, a fresh process per size (bench/memory.ts).
// `npm run bench -- --ledger [--entries=1000000]`: a million ledger entries in one world (bench/ledger.ts).
// `npm run bench -- --ab`: two sandbox builds or node flag sets side by side on one operation (bench/ab.ts).
// Figures only, printed side by side with their baseline; never a pass/fail.
const args = process.argv.slice(2);
async function main(): Promise<void> {
  if (args.includes('--ab')) return (await import('./ab.ts')).abBench();
  if (args.includes('--profile')) return (await import('./throughput-profile.ts')).profileBench(args);
  if (args.includes('--scale')) return (await import('./scale.ts')).scaleBench(args);
  if (args.includes('--memory')) return (await import('./memory.ts')).memoryBench(args);
  if (args.includes('--ledger')) return (await import('./ledger.ts')).ledgerBench(args);
  if (!args.includes('--throughput')) await (await import('./start-time.ts')).printStartTimes();
  if (!args.includes('--start')) await (await import('./throughput.ts')).throughputBench();
}
main().catch((e) => { console.error(e); process.exit(1); });
