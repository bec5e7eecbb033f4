// Loads the built package, then times createSandbox() plus its first answered request (and a second sandbox's), and
// prints them as JSON. Run in a fresh process by bench/start-time.ts: the package is loaded, no sandbox exists yet.
import { createSandbox } from '../dist/src/index.js';

const time = async () => {
  const started = performance.now();
  const api = createSandbox();
  const res = await api.fetch('/__sandbox/fixtures');
  await res.arrayBuffer();
  const ms = performance.now() - started;
  api.close();
  if (res.status !== 200) throw new Error(`GET /__sandbox/fixtures answered ${res.status}`);
  return ms;
};
const first = await time();
const second = await time();
console.log(JSON.stringify({ first, second }));
