// The dashboard's contents in one place: its tabs, and the panels each tab shows, in order. A panel is
//   { id, tab, title, hint?, reads?: { name: '/__sandbox/...' }, init?(ctx), mount?(body, ctx), update?(data, ctx),
//     pending?(data) → number of things waiting for a click (shown on the tab), aliases?: ['old-anchor'] }
// `reads` are fetched on every refresh and passed to update() by name. To add a panel: write it in panels/*.js and
// list it here.
import { usersPanel, walletsPanel, faucetPanel } from './panels/people.js';
import { collectionPanel, otherTablesPanel } from './panels/collections.js';
import { stkPanel, b2cPanel, chainPanel } from './panels/payments.js';
import { webhooksPanel, requestsPanel } from './panels/activity.js';
import { faultsPanel, faultedRequestsPanel } from './panels/faults.js';

export const TABS = [
  { id: 'people', title: 'Users & wallets' },
  { id: 'marketplace', title: 'Marketplace' },
  { id: 'otc', title: 'OTC' },
  { id: 'transfers', title: 'Transfers' },
  { id: 'payments', title: 'M-Pesa & chain' },
  { id: 'webhooks', title: 'Webhooks' },
  { id: 'requests', title: 'Requests' },
  { id: 'faults', title: 'Faults' },
  { id: 'tables', title: 'All tables' },
];

/** Collections with a tab of their own; every other table of the world is under "All tables". */
const HEADLINE = [
  ['offers', 'Offers', 'marketplace'], ['orders', 'Orders', 'marketplace'], ['remittance_drafts', 'Remittance drafts', 'marketplace'],
  ['otc_deposits', 'OTC deposits', 'otc'], ['otc_withdrawals', 'OTC withdrawals', 'otc'],
  ['otc_negotiated_fx_references', 'Negotiated FX references', 'otc'],
  ['transfers', 'Transfers', 'transfers'], ['multisig_proposals', 'Multisig proposals', 'transfers'],
];

export const PANELS = [
  faucetPanel('people'), usersPanel('people'), walletsPanel('people'),
  ...HEADLINE.map(([name, title, tab]) => collectionPanel(name, title, tab)),
  stkPanel('payments'), b2cPanel('payments'), chainPanel('payments'),
  webhooksPanel('webhooks'),
  requestsPanel('requests'),
  faultsPanel('faults'), faultedRequestsPanel('faults'),
  otherTablesPanel('tables', HEADLINE.map(([name]) => name)),
];
