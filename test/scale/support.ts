// A seeded in-process sandbox (the library's Fetch handler, no port) with the calls the scale tests repeat: logins,
// a vendor SELL offer and on-ramp orders against it.
import { Sandbox } from '../../src/index.ts';
import { FIXTURE_PASSWORD } from '../../fixtures/default-world.ts';

export interface Reply { status: number; body: any }

export function seededSandbox() {
  const sandbox = new Sandbox({ start: new Date('2026-11-22T09:00:00Z'), frozen: true });
  const call = async (method: string, path: string, opts: { token?: string; body?: unknown } = {}): Promise<Reply> => {
    const headers: Record<string, string> = {};
    if (opts.token) headers.authorization = `Bearer ${opts.token}`;
    if (opts.body !== undefined) headers['content-type'] = 'application/json';
    const res = await sandbox.handle(new Request(`http://sandbox${path}`, { method, headers, body: opts.body === undefined ? undefined : JSON.stringify(opts.body) }));
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : null };
  };
  const user = (key: string) => sandbox.fixtures.users.find((u) => u.email === `${key}@coinpool.test`)!;
  const login = async (key: string): Promise<string> =>
    (await call('POST', '/api/v1/users/login', { body: { email: `${key}@coinpool.test`, password: FIXTURE_PASSWORD } })).body.access_token;

  /** A SELL offer of the vendor's (available 5,000 USDT, orders of 1 to 500). */
  async function sellOffer(token: string, available = '5000'): Promise<any> {
    const r = await call('POST', '/api/v1/auth/offers', { token, body: { vendor_id: user('vendor').id, offer_type: 'SELL', asset: 'USDT',
      crypto_amount: '5000', available_amount: available, rate: '130.5', min_order: '1', max_order: '500', description: 'scale test' } });
    if (r.status !== 201) throw new Error(`offer: ${r.status} ${JSON.stringify(r.body)}`);
    return r.body;
  }

  /** An on-ramp order of alice's against the offer. */
  const order = (token: string, offer: any, amount = '1') => call('POST', '/api/v1/auth/orders', { token, body: {
    customer_id: user('alice').id, vendor_id: offer.vendor_id, offer_id: offer.id, crypto_amount: amount, fiat_amount: '130.50',
    fiat_currency: 'KES', wallet_address: user('alice').wallets.find((w) => w.network === 'tron')!.address, payment_method: 'mpesa',
    order_type: 'ON_RAMP_BUY' } });

  return { sandbox, world: () => sandbox.world, call, user, login, sellOffer, order };
}
