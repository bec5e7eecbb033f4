// The example's page logic: register → PIN login → on-ramp order on a seeded offer → M-Pesa payment → completed
// order and new balance, all answered by the sandbox running in this tab (no backend).
import { startSandboxWorker } from 'coinpool-sandbox/browser';
import { api, setToken, ApiError, type Offer, type StkPrompt, type User, type WalletBalance } from './api.ts';

const $ = <T extends HTMLElement = HTMLElement>(id: string) => document.getElementById(id) as T;
const input = (id: string) => $<HTMLInputElement>(id).value.trim();
const show = (id: string, text: string, tone: 'good' | 'bad' | '' = '') => { $(id).textContent = text; $(id).className = tone; };
const log = (line: string) => { $('log').textContent += `${line}\n`; };
const enable = (id: string) => { $<HTMLFieldSetElement>(id).disabled = false; };

const state: { user?: User; offers: Offer[]; wallet?: WalletBalance; orderId?: string; checkoutId?: string } = { offers: [] };

/** Runs one step: a failure shows the API's error next to the button instead of breaking the page. */
function step(button: string, output: string, fn: () => Promise<void>) {
  $(button).addEventListener('click', async () => {
    $<HTMLButtonElement>(button).disabled = true;
    try { await fn(); } catch (error) {
      show(output, error instanceof ApiError ? error.message : String(error), 'bad');
      $<HTMLButtonElement>(button).disabled = false;
    }
  });
}

const params = new URLSearchParams(location.search);
const worker = await startSandboxWorker({ reset: params.has('reset') });
show('sandbox-state', `ready (seed ${worker.sandbox.world.seed})`, 'good');
$<HTMLInputElement>('email').value = `buyer.${Date.now().toString(36)}@example.com`;
for (const id of ['advance', 'reset']) $<HTMLButtonElement>(id).disabled = false;
enable('step-register');
document.body.dataset.sandbox = 'ready';

step('register', 'register-result', async () => {
  ({ user: state.user } = await api.register({
    email: input('email'), phone_number: input('phone'), first_name: input('first-name'), last_name: input('last-name'),
    password: input('password'), pin: input('pin'),
  }));
  show('register-result', `registered ${state.user.email}`, 'good');
  log(`registered user ${state.user.id}`);
  enable('step-login');
});

step('login', 'login-result', async () => {
  const auth = await api.loginWithPin(input('email'), input('pin'));
  setToken(auth.access_token);
  state.user = auth.user;
  show('login-result', `logged in as ${auth.user.email}`, 'good');
  state.wallet = (await api.balances(auth.user.id)).balances.find((b) => b.network === 'tron');
  $('wallet-address').textContent = state.wallet?.wallet_address ?? 'none';
  await refreshBalance();
  await loadOffers().catch((error) => show('order-result', `offers: ${error instanceof ApiError ? error.message : String(error)}`, 'bad'));
});

async function loadOffers() {
  state.offers = (await api.sellOffers()).filter((o) => o.asset === 'USDT' && o.status === 'active');
  $('offer').replaceChildren(...state.offers.map((o) => new Option(`${o.asset} at ${o.rate} KES (${o.min_order}–${o.max_order}, ${o.available_amount} left)`, o.id)));
  log(`${state.offers.length} SELL offer(s) for USDT`);
  updateFiat();
  enable('step-order');
}

const selectedOffer = () => state.offers.find((o) => o.id === $<HTMLSelectElement>('offer').value);
function fiatAmount(): string {
  const offer = selectedOffer();
  // Cents as integers: no float rounding on money.
  const cents = offer ? Math.round(Number(input('amount')) * Math.round(Number(offer.rate) * 100)) : NaN;
  return Number.isFinite(cents) ? (cents / 100).toFixed(2) : '…';
}
function updateFiat() { $('fiat-amount').textContent = fiatAmount(); }
$('offer').addEventListener('change', updateFiat);
$('amount').addEventListener('input', updateFiat);

step('create-order', 'order-result', async () => {
  const offer = selectedOffer();
  if (!offer || !state.user || !state.wallet) throw new Error('log in and choose an offer first');
  const order = await api.createOrder({
    customer_id: state.user.id, vendor_id: offer.vendor_id, offer_id: offer.id, crypto_amount: input('amount'),
    fiat_amount: fiatAmount(), fiat_currency: 'KES', wallet_address: state.wallet.wallet_address, payment_method: 'mpesa',
    order_type: 'ON_RAMP_BUY',
  });
  state.orderId = order.id;
  show('order-result', `order ${order.id} created`, 'good');
  show('order-status', order.status);
  log(`order ${order.id}: ${order.status}`);
  enable('step-pay');
});

step('pay', 'stk-outcome', async () => {
  if (!state.orderId) throw new Error('create an order first');
  const push = await api.payWithMpesa(state.orderId, input('mpesa-phone'));
  state.checkoutId = push.checkout_request_id;
  show('stk-outcome', `sent: ${push.customer_message} (waiting for the customer)`);
  log(`STK push ${push.checkout_request_id}`);
});

async function refreshBalance() {
  if (!state.user || !state.wallet) return;
  const wallet = (await api.balances(state.user.id)).balances.find((b) => b.wallet_id === state.wallet!.wallet_id);
  if (wallet) show('balance', `${wallet.usdt_balance} USDT`);
}

/** Follows the prompt, the order and the balance as the sandbox clock moves them on. */
async function poll() {
  try {
    show('clock', await worker.control.clock.now());
    if (state.checkoutId) {
      // What a real phone would do: the sandbox's control API, called in the page (worker.control).
      const prompt = ((await worker.control.mpesa.stkPrompts()) as StkPrompt[]).find((p) => p.checkout_request_id === state.checkoutId);
      if (prompt && prompt.status !== 'pending') show('stk-outcome', `${prompt.status}: ${prompt.result_desc} (ResultCode ${prompt.result_code})`, prompt.status === 'succeeded' ? 'good' : 'bad');
    }
    if (state.orderId) {
      const order = await api.orderDetails(state.orderId);
      show('order-status', order.status, order.status === 'completed' ? 'good' : ['cancelled', 'failed'].includes(order.status) ? 'bad' : '');
      await refreshBalance();
    }
  } catch (error) { log(`poll: ${String(error)}`); }
  setTimeout(poll, 1000);
}
void poll();

$('advance').addEventListener('click', async () => { show('clock', (await worker.control.clock.advance(60)).now); });
$('reset').addEventListener('click', () => { worker.reset(); location.replace(location.pathname); });
