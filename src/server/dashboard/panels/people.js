// Users, wallets with their balances, and the faucet that credits a wallet (POST /__sandbox/faucet).
import { el, cell, tablePanel } from '../ui.js';

export function usersPanel(tab) {
  return tablePanel({
    id: 'users', tab, title: 'Users and roles', aliases: ['world'], reads: { world: '/__sandbox/world' },
    columns: () => [
      { key: 'email' }, { key: 'role', render: (u) => el('td', {}, el('span', { class: `role role-${u.role}` }, u.role)) },
      { key: 'kyc_status', label: 'KYC', render: (u) => cell(u.kyc_status, 'status') }, { key: 'phone_number', label: 'phone' },
      { key: 'name', render: (u) => el('td', {}, `${u.first_name} ${u.last_name}`) }, { key: 'is_active', label: 'active' }, { key: 'id' },
    ],
    tableOptions: { rowAttrs: (u) => ({ 'data-id': u.id }) },
    rows: ({ world }) => world.users,
  });
}

/** "USDT 50000.00000000 (locked 10.00000000)": one line per currency, zero balances of extra currencies left out. */
function balanceLines(w) {
  const shown = w.balances.filter((b) => Number(b.amount) || Number(b.locked_amount) || ['USDT', 'ETH', 'TRX', 'SOL'].includes(b.currency));
  return shown.map((b) => el('div', { class: 'balance', 'data-currency': b.currency },
    el('span', { class: 'cur' }, b.currency), ' ', el('span', { class: 'num' }, b.amount),
    Number(b.locked_amount) ? el('span', { class: 'locked' }, ` (locked ${b.locked_amount})`) : null));
}

export function walletsPanel(tab) {
  return tablePanel({
    id: 'wallets', tab, title: 'Wallets and balances', reads: { world: '/__sandbox/world' },
    columns: () => [
      { key: 'owner_email', label: 'owner' }, { key: 'network' }, { key: 'address' }, { key: 'wallet_type', label: 'type' },
      { key: 'is_default', label: 'default' },
      { key: 'balances', num: true, render: (w) => el('td', { class: 'num balances', 'data-wallet': w.id }, balanceLines(w)) },
      { key: 'id' },
    ],
    tableOptions: { rowAttrs: (w) => ({ 'data-id': w.id }) },
    // The filter also finds a wallet by a balance ("USDT 50000"): give the row its balances as text.
    rows: ({ world }) => world.wallets.map((w) => ({ ...w, balance_text: w.balances.map((b) => `${b.currency} ${b.amount}`).join(' ') })),
  });
}

/** The faucet: money from nowhere into any wallet, the way tests and demos fund a user. */
export function faucetPanel(tab) {
  const wallet = el('select', { id: 'faucet-wallet', name: 'wallet_id', required: true, 'aria-label': 'wallet' });
  const asset = el('select', { id: 'faucet-asset', name: 'asset', 'aria-label': 'asset' }, ['USDT', 'USDC', 'ETH', 'TRX', 'SOL'].map((a) => el('option', {}, a)));
  const amount = el('input', { id: 'faucet-amount', name: 'amount', type: 'text', inputmode: 'decimal', value: '100', size: 10,
    pattern: '^[0-9]{1,20}(\\.[0-9]{1,8})?$', required: true, 'aria-label': 'amount' });
  let known = '';
  return {
    id: 'faucet', tab, title: 'Faucet', hint: 'credit any wallet (POST /__sandbox/faucet)', reads: { world: '/__sandbox/world' },
    mount(body, ctx) {
      const form = el('form', { id: 'faucet-form', class: 'inline-form' },
        el('label', {}, 'wallet ', wallet), el('label', {}, 'asset ', asset), el('label', {}, 'amount ', amount),
        el('button', { type: 'submit', class: 'primary' }, 'Credit'));
      form.addEventListener('submit', (event) => {
        event.preventDefault();
        const option = wallet.selectedOptions[0];
        const body = { wallet_id: wallet.value, asset: asset.value, amount: amount.value.trim() };
        ctx.act((r) => `credited ${r?.amount ?? body.amount} ${body.asset} to ${option?.textContent ?? body.wallet_id}`,
          () => ctx.call('POST', '/__sandbox/faucet', body));
      });
      body.append(form);
    },
    update({ world }) {
      // Rebuilt only when the wallets change, so an open select or a chosen wallet survives the refresh.
      const options = world.wallets.map((w) => [w.id, `${w.owner_email ?? 'no owner'} · ${w.network} · ${w.address.slice(0, 8)}…`]);
      const key = JSON.stringify(options);
      if (key === known) return;
      known = key;
      const chosen = wallet.value;
      wallet.replaceChildren(...options.map(([id, label]) => el('option', { value: id }, label)));
      if (options.some(([id]) => id === chosen)) wallet.value = chosen;
    },
  };
}

