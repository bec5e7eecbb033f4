// `npm run bench`: throughput per operation beside a bare express app (bench/throughput.ts).
// `npm run bench -- --scale [--sizes=0,10000,100000]`: cost of requests as the world grows (bench/scale.ts).
// Figures only, printed side by side with their baseline; never a pass/fail.
const args = process.argv.slice(2);
const main = args.includes('--scale')
  ? async () => (await import('./scale.ts')).scaleBench(args)
  : async () => (await import('./throughput.ts')).throughputBench();
main().catch((e) => { console.error(e); process.exit(1); });
