// Solana wallets (the newest create-wallet-for-owner page lists network solana and provision_all_networks over
// ethereum, tron and solana): base58 addresses of 32 bytes, a SOL native balance row, BitGo (bitgo_sol) custody for
// treasury wallets, the balances report and the faucet; no transfer flow sends from them.
import { beforeAll, describe, expect, test } from 'vitest';
import { useServer } from '../support/server.ts';
import { base58Decode, addressMatchesNetwork, isValidSolanaAddress } from '../../src/kernel/addresses.ts';

const ctx = useServer();
let tokens: Record<'alice' | 'treasury' | 'vendor', string>;
let fx: any;
beforeAll(async () => {
  tokens = { alice: await ctx.api.login('alice@coinpool.test'), treasury: await ctx.api.login('treasury@coinpool.test'), vendor: await ctx.api.login('vendor@coinpool.test') };
  fx = (await ctx.api.call('GET', '/__sandbox/fixtures')).body;
});
const user = (key: string) => fx.users.find((u: any) => u.email === `${key}@coinpool.test`);
const call = (method: string, path: string, token: string, body?: unknown) => ctx.api.call(method, `/api/v1/auth${path}`, { token, body });

describe('Solana addresses', () => {
  test('base58 of exactly 32 bytes; TRON and Ethereum addresses are not Solana addresses', () => {
    expect(isValidSolanaAddress('7EcDhSYGxXyscszYEp35KHN8vvw3svAuLKTzXwCFLtV')).toBe(true);
    expect(isValidSolanaAddress('11111111111111111111111111111111')).toBe(true); // the System Program: 32 zero bytes
    expect(isValidSolanaAddress('TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t')).toBe(false); // 25 bytes
    expect(isValidSolanaAddress('7EcDhSYGxXyscszYEp35KHN8vvw3svAuLKTzXwCFLt0')).toBe(false); // 0 is not base58
    expect(addressMatchesNetwork('7EcDhSYGxXyscszYEp35KHN8vvw3svAuLKTzXwCFLtV', 'tron')).toBe(false);
  });
});

describe('Solana wallets over HTTP', () => {
  test('POST /wallets on solana: a base58 32-byte address, SOL + USDT + USDC rows, named "Solana Wallet"', async () => {
    const r = await call('POST', '/wallets', tokens.alice, { network: 'solana' });
    expect(r.status).toBe(201); // was a 500: the ledger had no native coin for solana
    expect(r.body.wallet).toMatchObject({ network: 'solana', name: 'Solana Wallet', wallet_type: 'hot', is_default: true, user_id: user('alice').id });
    expect(base58Decode(r.body.wallet.address)).toHaveLength(32);
    expect(addressMatchesNetwork(r.body.wallet.address, 'solana')).toBe(true);
    expect(r.body.balances.map((b: any) => [b.currency, b.amount, b.last_price_usd])).toEqual([
      ['SOL', '0.00000000', '150.00'], ['USDT', '0.00000000', '1.00'], ['USDC', '0.00000000', '1.00']]);

    const faucet = await ctx.api.call('POST', '/__sandbox/faucet', { body: { address: r.body.wallet.address, asset: 'SOL', amount: '2.5' } });
    expect(faucet.status).toBe(200);
    expect(faucet.body).toMatchObject({ network: 'solana', asset: 'SOL', amount: '2.50000000' });
    expect((await ctx.api.call('POST', '/__sandbox/faucet', { body: { address: r.body.wallet.address, asset: 'TRX', amount: '1' } })).status).toBe(400);

    const all = await call('GET', `/balances/user/${user('alice').id}`, tokens.alice);
    expect(all.status).toBe(200);
    expect(all.body.balances.find((b: any) => b.wallet_id === r.body.wallet.id)).toMatchObject({ network: 'solana', native_balance: '2.50000000' });
    const only = await call('GET', `/balances/user/${user('alice').id}?networks=solana`, tokens.alice);
    expect(only.body.balances.map((b: any) => b.network)).toEqual(['solana']);

    // Money flows run on ethereum and tron only: a Solana wallet is no transfer source.
    const p2p = await call('POST', '/transfers/p2p', tokens.alice, { to_user_id: user('bob').id, amount: '1', network: 'tron', from_wallet_id: r.body.wallet.id });
    expect(p2p.status).toBe(422);
  });

  test('for-owner: solana as the primary network, and provision_all_networks creates ethereum, tron and solana wallets', async () => {
    const r = await call('POST', '/wallets/for-owner', tokens.vendor, { owner_type: 'vendor', user_id: user('vendor').id, network: 'solana', provision_all_networks: true });
    expect(r.status).toBe(201); // was a 422 "not supported", and provision_all_networks a 500 (bare wallets in `wallets`)
    expect(r.body.wallet.network).toBe('solana');
    expect(r.body.wallets.map((w: any) => w.wallet.network)).toEqual(['solana', 'ethereum', 'tron']);
    expect(r.body.wallets[0].wallet.id).toBe(r.body.wallet.id);
    for (const w of r.body.wallets) {
      expect(addressMatchesNetwork(w.wallet.address, w.wallet.network)).toBe(true);
      expect(w.balances.map((b: any) => b.currency)).toEqual([{ solana: 'SOL', ethereum: 'ETH', tron: 'TRX' }[w.wallet.network as string], 'USDT', 'USDC']);
    }
  });

  test('treasury on solana: a BitGo multisig (bitgo_sol); a self-custody multisig spec is a 422', async () => {
    const body = { owner_type: 'treasury', treasury_user_id: user('treasury').id, network: 'solana' };
    const r = await call('POST', '/wallets/for-owner', tokens.treasury, body);
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({ custody_kind: 'multisig', multisig_type: 'bitgo_sol', wallet: { network: 'solana', wallet_type: 'multisig' } });
    expect(r.body.provider_wallet_id).toEqual(expect.any(String));
    const spec = { multisig_type: 'gnosis_safe', signer_addresses: [user('admin').wallets.find((w: any) => w.network === 'ethereum').address], threshold: 1 };
    const bad = await call('POST', '/wallets/for-owner', tokens.treasury, { ...body, multisig: spec });
    expect(bad.status).toBe(422);
    expect(bad.body.error).toMatch(/solana/);
  });
});
