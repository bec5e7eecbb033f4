// The marketplace's list indexes: every list endpoint reads one bucket already in its documented order, so a page is
// a slice and a count a length, whatever the size of the world. Soft-deleted rows are in no bucket.
import { defineIndex } from '../../kernel/table-index.ts';
import { defineTally } from '../../kernel/table-tally.ts';
import { newestFirst, oldestFirst, type OfferRow, type OrderRow } from './tables.ts';

const unique = (keys: string[]): string[] => [...new Set(keys)];

/**
 * Orders newest first, bucketed by who may list them: 'all' (admins), 'party:<user>' (customer or vendor),
 * 'customer:<user>' (GET /customer/transactions), each also by order type ('…|ON_RAMP_BUY').
 */
export const ORDERS_LISTED = defineIndex<OrderRow>('orders listed', (o) => {
  if (o.deleted_at) return [];
  const scopes = unique(['all', `party:${o.customer_id}`, `party:${o.vendor_id}`, `customer:${o.customer_id}`]);
  return [...scopes, ...scopes.map((s) => `${s}|${o.order_type}`)];
}, newestFirst);

/** Orders still waiting for the customer's money (on-ramp pending, off-ramp awaiting_crypto), oldest first. */
export const ORDERS_WAITING = defineIndex<OrderRow>('orders waiting for money', (o) =>
  (o.deleted_at || (o.status !== 'pending' && o.status !== 'awaiting_crypto') ? []
    : unique(['all', `party:${o.customer_id}`, `party:${o.vendor_id}`])), oldestFirst);

/** Live orders by status ('awaiting_crypto'), and by customer and status ('<user>|completed'): watchers and stats. */
export const ORDERS_BY_STATUS = defineIndex<OrderRow>('orders by status', (o) =>
  (o.deleted_at ? [] : [o.status, `${o.customer_id}|${o.status}`]), (a, b) => a.seq - b.seq);

/** Live offers newest first: active ones by type ('type:SELL'), all of a vendor's ('vendor:<user>'). */
export const OFFERS_LISTED = defineIndex<OfferRow>('offers listed', (o) =>
  (o.deleted_at ? [] : [`vendor:${o.vendor_id}`, ...(o.status === 'active' ? [`type:${o.offer_type}`] : [])]), newestFirst);

/** Per customer and status ('<user>|completed'): how many live orders, and their fiat and crypto amounts (order stats). */
export const ORDER_TOTALS = defineTally<OrderRow>('order totals by customer and status',
  (o) => (o.deleted_at ? [] : [`${o.customer_id}|${o.status}`]), (o) => ({ fiat: o.fiat_amount, crypto: o.crypto_amount }));
