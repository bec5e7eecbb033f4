// --state FILE: every world survives a real process restart, even a kill -9 (what was written a second before the
// kill is there); the file is replaced atomically; a corrupted, foreign or other-seed file is refused at start and
// left as it was; without --state nothing is written. Also the library's `state` option.
import { afterEach, expect, test } from 'vitest';
import { mkdtempSync, readFileSync, writeFileSync, existsSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { client } from '../support/client.ts';
import { freePort, startCli, type CliProcess } from '../support/cli-process.ts';
import { createSandbox, startServer, StateFileError } from '../../src/index.ts';

const running: CliProcess[] = [];
afterEach(() => { for (const p of running.splice(0)) if (p.child.exitCode === null) p.child.kill('SIGKILL'); });
const start = async (args: string[]) => { const p = await startCli(args); running.push(p); return p; };
const dir = () => mkdtempSync(join(tmpdir(), 'sandbox-state-'));

test('every world survives kill -9 and a restart with the same --state file', { timeout: 120_000 }, async () => {
  const d = dir();
  const file = join(d, 'state.json');
  const port = await freePort();
  const first = await start(['--port', String(port), '--state', file, '--frozen']);
  const api = client(first.url);
  const created = await api.call('POST', '/__sandbox/worlds', { body: { label: 'kept', seed: 7, frozen: true } });
  expect(created.status).toBe(201);
  const world = client(created.body.base_url);
  const reg = await world.call('POST', '/api/v1/users/register', { body: { email: 'kept@example.com', phone_number: '+254711000333',
    first_name: 'Kept', last_name: 'User', password: 'a-secure-password', role: 'customer', kyc_status: 'pending', pin: '123456' } });
  expect(reg.status).toBe(201);
  await world.call('POST', '/__sandbox/clock/advance', { body: { seconds: 600 } });
  const defaultFaucet = await api.call('POST', '/__sandbox/faucet', { body: {
    wallet_id: (await api.call('GET', '/__sandbox/fixtures')).body.users.find((u: any) => u.email === 'alice@coinpool.test').wallets[0].id, asset: 'USDT', amount: '7' } });
  expect(defaultFaucet.status).toBe(200);
  const before = { world: (await world.call('GET', '/__sandbox/snapshot')).body, home: (await api.call('GET', '/__sandbox/snapshot')).body };

  await new Promise((r) => setTimeout(r, 1000)); // "at most a second behind"
  first.child.kill('SIGKILL');
  await first.exited;

  const second = await start(['--port', String(port), '--state', file, '--frozen']);
  for (let i = 0; i < 100 && !second.output().includes('state:'); i++) await new Promise((r) => setTimeout(r, 50));
  expect(second.output()).toMatch(/state: .*state\.json \(loaded 2 world\(s\)/);
  const again = client(created.body.base_url);
  const after = { world: (await again.call('GET', '/__sandbox/snapshot')).body, home: (await api.call('GET', '/__sandbox/snapshot')).body };
  // the same rows and clock; a restored world draws new ids from the next epoch
  expect(after.world.tables).toEqual(before.world.tables);
  expect(after.world.clock).toEqual(before.world.clock);
  expect(after.world.epoch).toBe(before.world.epoch + 1);
  expect(after.home.tables).toEqual(before.home.tables);
  expect((await again.call('POST', '/api/v1/users/login', { body: { email: 'kept@example.com', password: 'a-secure-password' } })).status).toBe(200);
  const listed = (await api.call('GET', '/__sandbox/worlds')).body.worlds.find((w: any) => w.id === created.body.id);
  expect(listed).toMatchObject({ label: 'kept', seed: 7, created_at: created.body.created_at });
  // the file is whole JSON and no temporary file is left next to it
  expect(JSON.parse(readFileSync(file, 'utf8')).format).toBe('coinpool-sandbox-state');
  expect(readdirSync(d)).toEqual(['state.json']);

  // a graceful stop writes too: a world created just before SIGTERM is there after the restart
  const late = await api.call('POST', '/__sandbox/worlds', { body: { label: 'late' } });
  second.child.kill('SIGTERM');
  await second.exited;
  const third = await start(['--port', String(port), '--state', file, '--frozen']);
  expect((await client(third.url).call('GET', `/__sandbox/worlds/${late.body.id}`)).body.label).toBe('late');
});

test('a corrupted file stops the CLI with a clear error and is left untouched', { timeout: 120_000 }, async () => {
  const file = join(dir(), 'corrupt.json');
  const content = '{"format": "coinpool-sandbox-state", "version": 1, "worl';
  writeFileSync(file, content);
  const refused = start(['--port', String(await freePort()), '--state', file]);
  await expect(refused).rejects.toThrow(/exited with 1:\n.*the state file .*corrupt\.json is corrupted \(not valid JSON/);
  expect(readFileSync(file, 'utf8')).toBe(content);
});

test('foreign, malformed and other-seed files are refused by startServer and createSandbox alike', async () => {
  const d = dir();
  const cases: [string, string, RegExp][] = [
    ['foreign.json', JSON.stringify({ name: 'my app settings' }), /is not a coinpool-sandbox state file/],
    ['empty.json', '', /is corrupted \(not valid JSON/],
    ['old.json', JSON.stringify({ format: 'coinpool-sandbox-state', version: 99, saved_at_real_ms: 0, worlds: [] }), /has version 99/],
    ['bad-world.json', JSON.stringify({ format: 'coinpool-sandbox-state', version: 1, saved_at_real_ms: 0,
      worlds: [{ id: 'default', label: null, created_at_real_ms: 0, last_used_real_ms: 0, state: { version: 1, seed: 'x' } }] }), /is corrupted: world default: .*seed/],
  ];
  for (const [name, content, message] of cases) {
    const file = join(d, name);
    writeFileSync(file, content);
    await expect(startServer({ state: file })).rejects.toThrow(message);
    expect(() => createSandbox({ state: file })).toThrow(StateFileError);
    expect(readFileSync(file, 'utf8')).toBe(content);
  }
  const file = join(d, 'seed.json');
  createSandbox({ baseUrl: 'https://state.sandbox.test', seed: 5, state: file }).close();
  const content = readFileSync(file, 'utf8');
  await expect(startServer({ state: file })).rejects.toThrow(/seed 5.*start it with --seed 5/);
  expect(readFileSync(file, 'utf8')).toBe(content);
});

test('the library option keeps worlds across createSandbox instances; without it nothing is written', async () => {
  const d = dir();
  const file = join(d, 'lib.json');
  const one = createSandbox({ baseUrl: 'https://lib.sandbox.test', frozen: true, state: file });
  const w = await one.worlds.create({ label: 'lib', frozen: true });
  await w.control.clock.advance(42);
  const clock = await w.control.clock.now();
  one.close();
  const two = createSandbox({ baseUrl: 'https://lib.sandbox.test', frozen: true, state: file });
  try {
    const back = await two.worlds.use(w.id);
    expect((await back.info()).label).toBe('lib');
    expect(await back.control.clock.now()).toBe(clock);
  } finally { two.close(); }
  const plain = createSandbox({ baseUrl: 'https://lib.sandbox.test' });
  await plain.worlds.create();
  plain.close();
  expect(readdirSync(d)).toEqual(['lib.json']);
  expect(existsSync(join(d, 'lib.json'))).toBe(true);
});
