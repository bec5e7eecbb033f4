// The transfer matrix of issue 6, cell by cell: {P2P, B2B} × {internal, external} × {ethereum, tron}, B2B from a
// platform-managed and from a self-managed multisig. Each cell checks the answer, the exact balances of source and
// destination, the USDT total of the books (internal: unchanged; external: down by exactly the amount, and only once
// the simulated chain confirms), and the settlement timing (internal at once, external pending → completed after
// 60 s of the sandbox clock with the tx hash given at broadcast, multisig when the threshold is reached). Then, for
// every route and network: an address of the other network is a 400 naming /to_address, and an amount above the
// available balance is a 422 that moves nothing.
import { beforeAll, beforeEach, describe, expect, test } from 'vitest';
import Decimal from 'decimal.js';
import { useServer } from '../support/server.ts';
import { advance, balance, fixtures, held, logins } from './support.ts';
import { transfers } from '../../src/domain/merchants/transfers.ts';
import { balances, ledgerEntries } from '../../src/domain/ledger.ts';

const ctx = useServer();
let t: Awaited<ReturnType<typeof logins>>;
let fx: Awaited<ReturnType<typeof fixtures>>;

type Net = 'ethereum' | 'tron';
const NETS: Net[] = ['ethereum', 'tron'];
const EXT: Record<Net, string> = { tron: 'TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t', ethereum: '0x7f5c764cbc14f9669b88837ca1490cca17c31607' };
const TX_HASH: Record<Net, RegExp> = { ethereum: /^0x[0-9a-f]{64}$/, tron: /^[0-9a-f]{64}$/ };
const SIG = `0x${'ef'.repeat(65)}`;
/** An amount that uses all 8 decimals: it must arrive to the last unit. */
const AMOUNT = '12.34567891';
const sum = (a: string, b: string) => new Decimal(a).plus(b).toFixed(8);
const diff = (a: string, b: string) => new Decimal(a).minus(b).toFixed(8);

const call = (method: string, path: string, token: string, body?: unknown) => ctx.api.call(method, `/api/v1/auth${path}`, { token, body });
const faucet = async (wallet_id: string, amount: string) => {
  const r = await ctx.api.call('POST', '/__sandbox/faucet', { body: { wallet_id, asset: 'USDT', amount } });
  expect(r.status).toBe(200);
};

/** Source wallets per network: P2P from Alice's default wallet; B2B from the vendor's platform- and self-managed multisigs. */
const src: Record<Net, { p2p: string; platform: string; shared: string }> = {} as never;

beforeAll(async () => {
  t = await logins(ctx.api);
  fx = await fixtures(ctx.api);
  for (const network of NETS) {
    const platform = await call('POST', '/multisig/wallets', t.vendor, { network, name: `matrix ${network} platform` });
    expect(platform.status).toBe(201);
    const spec = network === 'ethereum'
      ? { multisig_type: 'gnosis_safe', signer_addresses: [fx.wallet('vendor', network).address, fx.wallet('subvendor', network).address], threshold: 2 }
      : { multisig_type: 'tron_native', signer_addresses: [fx.wallet('vendor', network).address, fx.wallet('subvendor', network).address], threshold: 2 };
    const shared = await call('POST', '/multisig/wallets', t.vendor, { network, name: `matrix ${network} 2of2`, multisig: spec });
    expect(shared.status).toBe(201);
    src[network] = { p2p: fx.wallet('alice', network).id, platform: platform.body.wallet_id, shared: shared.body.wallet_id };
    for (const id of Object.values(src[network])) await faucet(id, '1000');
  }
});

// Access tokens live 900 s of the sandbox clock, and these tests move it: log in afresh for each test.
beforeEach(async () => { t = await logins(ctx.api); });

interface Cell { kind: 'P2P' | 'B2B'; external: boolean; network: Net; source: 'p2p' | 'platform' | 'shared' }
const cells: Cell[] = NETS.flatMap((network) => [
  { kind: 'P2P', external: false, network, source: 'p2p' },
  { kind: 'P2P', external: true, network, source: 'p2p' },
  { kind: 'B2B', external: false, network, source: 'platform' },
  { kind: 'B2B', external: true, network, source: 'platform' },
] as Cell[]);

function request(cell: Cell, amount = AMOUNT): { token: string; path: string; body: Record<string, unknown> } {
  const { network } = cell;
  if (cell.kind === 'P2P') {
    return cell.external
      ? { token: t.alice, path: '/transfers/p2p/external', body: { to_address: EXT[network], amount, network } }
      : { token: t.alice, path: '/transfers/p2p', body: { to_user_id: fx.user('bob').id, amount, network } };
  }
  const from_wallet_id = src[network][cell.source];
  return cell.external
    ? { token: t.vendor, path: '/transfers/b2b/external', body: { to_address: EXT[network], asset: 'USDT', amount, network, from_wallet_id } }
    : { token: t.vendor, path: '/transfers/b2b', body: { to_vendor_id: fx.user('subvendor').id, amount, network, from_wallet_id } };
}

const destination = (cell: Cell) => (cell.kind === 'P2P' ? fx.wallet('bob', cell.network) : fx.wallet('subvendor', cell.network));

describe.each(cells)('$kind external=$external on $network (platform-operated source)', (cell) => {
  test('settles as documented, exactly, with the books balanced', async () => {
    const from = src[cell.network][cell.source];
    const to = destination(cell);
    const from0 = balance(ctx.server, from);
    const to0 = balance(ctx.server, to.id);
    const total0 = held(ctx.server);
    const { token, path, body } = request(cell);

    const r = await call('POST', path, token, body);
    expect(r.status).toBe(200);
    expect(r.body.transfer).toMatchObject({ transfer_type: cell.kind, is_external: cell.external, network: cell.network, asset: 'USDT',
      crypto_amount: AMOUNT, from_wallet_id: from, proposal_id: null });
    const id = r.body.transfer.id;

    if (!cell.external) {
      // Internal: on the books at once, no chain transaction.
      expect(r.body.transfer).toMatchObject({ status: 'completed', tx_hash: null, to_wallet_id: to.id, to_address: to.address, completed_at: expect.any(String) });
      expect(balance(ctx.server, from)).toEqual({ amount: diff(from0.amount, AMOUNT), locked: from0.locked });
      expect(balance(ctx.server, to.id).amount).toBe(sum(to0.amount, AMOUNT));
      expect(held(ctx.server)).toBe(total0);
      return;
    }
    // External: broadcast (tx hash in the network's format), amount reserved, nothing has left the books yet.
    expect(r.body.message).toBe(`${cell.kind} external transfer submitted; waiting for blockchain confirmation`);
    expect(r.body.transfer).toMatchObject({ status: 'pending', to_user_id: null, to_wallet_id: null, to_address: EXT[cell.network],
      to_address_resolved: EXT[cell.network], completed_at: null });
    const hash = r.body.transfer.tx_hash;
    expect(hash).toMatch(TX_HASH[cell.network]);
    expect(balance(ctx.server, from)).toEqual({ amount: from0.amount, locked: sum(from0.locked, AMOUNT) });
    expect(held(ctx.server)).toBe(total0);

    await advance(ctx.api, 59);
    expect((await call('GET', `/transfers/${id}`, token)).body.status).toBe('pending');
    await advance(ctx.api, 1);
    const done = (await call('GET', `/transfers/${id}`, token)).body;
    expect(done).toMatchObject({ status: 'completed', tx_hash: hash, completed_at: expect.any(String) });
    expect(balance(ctx.server, from)).toEqual({ amount: diff(from0.amount, AMOUNT), locked: from0.locked });
    expect(held(ctx.server)).toBe(diff(total0, AMOUNT));
    // The confirmation runs once: more clock changes nothing.
    await advance(ctx.api, 600);
    expect(held(ctx.server)).toBe(diff(total0, AMOUNT));
  });
});

describe.each(NETS.flatMap((network) => [false, true].map((external) => ({ network, external }))))(
  'B2B external=$external on $network from a self-managed multisig', ({ network, external }) => {
    test('202 with a proposal; funds move exactly once when the second signer confirms, with the proposal\'s hash', async () => {
      const from = src[network].shared;
      const to = fx.wallet('subvendor', network);
      const from0 = balance(ctx.server, from);
      const to0 = balance(ctx.server, to.id);
      const total0 = held(ctx.server);
      const body = external
        ? { to_address: EXT[network], asset: 'USDT', amount: AMOUNT, network, from_wallet_id: from }
        : { to_vendor_id: fx.user('subvendor').id, amount: AMOUNT, network, from_wallet_id: from };
      const r = await call('POST', external ? '/transfers/b2b/external' : '/transfers/b2b', t.vendor, body);
      expect(r.status).toBe(202);
      expect(r.body).toMatchObject({ multisig_required: true, required_signatures: 2, current_signatures: 0,
        transfer: { status: 'pending', tx_hash: null, is_external: external, proposal_id: r.body.proposal_id } });
      const proposal = (await call('GET', `/multisig/proposals/${r.body.proposal_id}`, t.subvendor)).body;
      expect(proposal).toMatchObject({ network, status: 'pending', to_wallet_id: external ? null : to.id, ethereum_first_confirm_requires_sender: false });
      if (network === 'tron') expect(proposal.tron_unsigned_tx).toEqual({ rawDataHex: expect.stringMatching(/^[0-9a-f]+$/), txID: expect.stringMatching(/^[0-9a-f]{64}$/) });
      else expect(proposal.tron_unsigned_tx).toBeNull();
      expect(balance(ctx.server, from)).toEqual({ amount: from0.amount, locked: sum(from0.locked, AMOUNT) });

      await advance(ctx.api, 120); // the clock does not settle a multisig transfer
      const first = await call('POST', `/multisig/proposals/${r.body.proposal_id}/confirm`, t.vendor, { signature: SIG });
      expect(first.body.proposal.status).toBe('pending');
      expect(balance(ctx.server, to.id)).toEqual(to0);
      expect((await call('GET', `/transfers/${r.body.transfer.id}`, t.vendor)).body.status).toBe('pending');

      const second = await call('POST', `/multisig/proposals/${r.body.proposal_id}/confirm`, t.subvendor, { signature: SIG });
      expect(second.body.proposal.status).toBe('executed');
      expect(second.body.proposal.tx_hash).toMatch(TX_HASH[network]);
      expect(balance(ctx.server, from)).toEqual({ amount: diff(from0.amount, AMOUNT), locked: from0.locked });
      expect(balance(ctx.server, to.id).amount).toBe(external ? to0.amount : sum(to0.amount, AMOUNT));
      expect(held(ctx.server)).toBe(external ? diff(total0, AMOUNT) : total0);
      expect((await call('GET', `/transfers/${r.body.transfer.id}`, t.vendor)).body)
        .toMatchObject({ status: 'completed', tx_hash: second.body.proposal.tx_hash });
      expect((await call('POST', `/multisig/proposals/${r.body.proposal_id}/confirm`, t.subvendor, { signature: SIG })).status).toBe(409);
      expect(balance(ctx.server, from).amount).toBe(diff(from0.amount, AMOUNT)); // not twice
    });
  });

/** Everything a refused request could have touched. */
function snapshot() {
  const world = ctx.server.sandbox.world;
  return { transfers: transfers(world).size, entries: ledgerEntries(world).size, balances: JSON.stringify(balances(world).filter(() => true)) };
}

const routeCells: Cell[] = [...cells, ...NETS.flatMap((network) => [false, true].map((external): Cell => ({ kind: 'B2B', external, network, source: 'shared' })))];

describe.each(routeCells)('refusals: $kind external=$external on $network from $source', (cell) => {
  const other = (n: Net): Net => (n === 'tron' ? 'ethereum' : 'tron');

  test('an address of the other network is a 400 naming /to_address; an amount above the available balance is a 422; nothing moves', async () => {
    const before = snapshot();
    const base = request(cell);

    if (cell.external || cell.kind === 'P2P') {
      const wrong = { ...base.body, to_address: cell.external ? EXT[other(cell.network)] : fx.wallet('bob', other(cell.network)).address };
      delete (wrong as Record<string, unknown>).to_user_id;
      const r = await call('POST', base.path, base.token, wrong);
      expect(r.status).toBe(400);
      expect(r.body.details.map((d: any) => d.pointer)).toContain('/to_address');
      // Right shape, wrong checksum: still the network's validator that refuses it.
      const broken = cell.network === 'tron' ? 'TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6u' : '0x7F5c764cbc14f9669b88837ca1490cca17c31607';
      const bad = await call('POST', base.path, base.token, { ...wrong, to_address: broken });
      expect(bad.status).toBe(400);
      expect(bad.body.details[0].pointer).toBe('/to_address');
    }

    const from = String(base.body.from_wallet_id ?? src[cell.network].p2p);
    const avail = diff(balance(ctx.server, from).amount, balance(ctx.server, from).locked);
    const poor = await call('POST', base.path, base.token, { ...base.body, amount: sum(avail, '0.00000001') });
    expect(poor.status).toBe(422);
    expect(poor.body.error).toMatch(/insufficient balance/);
    expect(snapshot()).toEqual(before);
  });
});
