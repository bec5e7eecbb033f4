// Marketplace: offers, orders, M-Pesa order payments, remittances and C2B (rows 21, 23–37 of ENDPOINTS.md).
// Thin: parse → domain → documented shape.
import type { ProductHandlers } from '../types.ts';
import { ok, created } from '../types.ts';
import { invalidField } from '../../kernel/errors.ts';
import { paginate } from './paging.ts';
import { createOffer, listOffersByType, vendorOffers } from '../../domain/marketplace/offers.ts';
import {
  cancelOrder, createOrder, customerOrderStats, customerOrders, getOrderForParty, listOrders, listPendingOrders,
} from '../../domain/marketplace/orders.ts';
import { initiateOrderPayment, sendOrderPayment } from '../../domain/marketplace/payments.ts';
import { confirmDraft, createDraft, createRemittanceOrder, listCorridors } from '../../domain/marketplace/remittance.ts';
import { confirmC2b, nairobiToUtc } from '../../domain/marketplace/c2b.ts';
import {
  corridorView, draftView, offerView, orderDetailsView, orderView, pendingOrderView,
} from '../views/marketplace.ts';

const DRAFT_NOTE = 'Rates and fees are locked until expires_at; confirm the draft before then.';

export const marketplaceHandlers: ProductHandlers = {
  createOffer: ({ world, principal, body }) => created(offerView(createOffer(world, principal, body))),

  listOffersByType: ({ world, params, query }) => ok(paginate(listOffersByType(world, params.offer_type), query).map(offerView)),

  createOrder: ({ world, principal, body }) => created(orderView(createOrder(world, principal, body))),

  listOrders: ({ world, principal, query }) => ok(paginate(listOrders(world, principal, query.order_type), query).map(orderView)),

  listPendingOrders: ({ world, principal, query }) =>
    ok(paginate(listPendingOrders(world, principal), query).map((o) => pendingOrderView(world, o))),

  getOrderDetails: ({ world, principal, params }) => ok(orderDetailsView(world, getOrderForParty(world, principal, params.id))),

  cancelOrder: ({ world, principal, params }) => ok(orderView(cancelOrder(world, principal, params.id))),

  getCustomerOrderStats: ({ world, principal, params }) => ok(customerOrderStats(world, principal, params.customer_id)),

  sendOrderPayment: ({ world, principal, params, body }) => ok(sendOrderPayment(world, principal, params.order_id, body.wallet_id)),

  initiateOrderPayment: ({ world, principal, body }) => {
    const { order, amount, push } = initiateOrderPayment(world, principal, body);
    return ok({
      success: true, message: 'MPesa payment initiated successfully. Please check your phone and enter your PIN.', order_id: order.id,
      payment_method: order.payment_method, amount, ...push,
    });
  },

  createRemittanceOffRampOrder: ({ world, principal, body }) => created(orderView(createRemittanceOrder(world, principal, body))),

  createCustodialRemittanceDraft: ({ world, principal, body }) =>
    created({ draft: draftView(createDraft(world, principal, body)), pricing_snapshot_note: DRAFT_NOTE }),

  confirmCustodialRemittanceDraft: ({ world, principal, params }) => {
    const { order, transfer, draft } = confirmDraft(world, principal, params.id);
    return ok({ order: orderView(order), custodial_transfer: transfer, remittance_draft_id: draft.id });
  },

  listCustodialRemittanceCorridors: ({ world }) => ok(listCorridors(world).map(corridorView)),

  confirmC2bPayment: ({ world, body }) => {
    const transactedAt = nairobiToUtc(body.TransTime);
    if (!transactedAt) throw invalidField('/TransTime', 'is not a real yyyyMMddHHmmss time');
    confirmC2b(world, body, transactedAt);
    return ok({ ResultCode: 0 as const, ResultDesc: 'Success' }); // the contract's constant acknowledgement
  },

  listCustomerTransactions: ({ world, principal, query }) => {
    const me = principal.userId;
    const mine = vendorOffers(world, me);
    const placed = customerOrders(world, me);
    return ok({ offers: paginate(mine, query, 20).map(offerView), orders: paginate(placed, query, 20).map(orderView) });
  },
};
