// Wire shapes of the marketplace: Go sql.Null* wrappers for nullable columns (except the ids the contract gives as
// plain value-or-null), usdt_amount echoing crypto_amount, and the joined forms (PendingOrder, OrderDetails).
import type { World } from '../../kernel/world.ts';
import { users } from '../../domain/users.ts';
import { offers, type CorridorRow, type OfferRow, type OrderRow, type RemittanceDraftRow } from '../../domain/marketplace/tables.ts';
import { nullString, nullTime } from './go-null.ts';
import { dbTimestamp } from './db-timestamp.ts';


export function offerView(o: OfferRow) {
  return {
    id: o.id, vendor_id: o.vendor_id, offer_type: o.offer_type, asset: o.asset, crypto_amount: o.crypto_amount, usdt_amount: o.crypto_amount,
    available_amount: o.available_amount, rate: o.rate, min_order: o.min_order, max_order: o.max_order, status: o.status,
    description: nullString(o.description), pricing_profile_id: o.pricing_profile_id, fx_rate_quote_id: o.fx_rate_quote_id,
    default_fee_bearer: o.default_fee_bearer, created_at: dbTimestamp(o.created_at), updated_at: dbTimestamp(o.updated_at), deleted_at: nullTime(o.deleted_at),
  };
}

export function orderView(o: OrderRow) {
  return {
    id: o.id, customer_id: o.customer_id, vendor_id: o.vendor_id, offer_id: o.offer_id, asset: o.asset, crypto_amount: o.crypto_amount,
    usdt_amount: o.crypto_amount, fiat_amount: o.fiat_amount, fiat_currency: o.fiat_currency, wallet_address: o.wallet_address,
    status: o.status, payment_method: o.payment_method, payment_txn_id: nullString(o.payment_txn_id),
    blockchain_txn_hash: nullString(o.blockchain_txn_hash), expires_at: o.expires_at, completed_at: nullTime(o.completed_at),
    created_at: dbTimestamp(o.created_at), updated_at: dbTimestamp(o.updated_at), deleted_at: nullTime(o.deleted_at),
    merchant_request_id: nullString(o.merchant_request_id), checkout_request_id: nullString(o.checkout_request_id),
    mpesa_receipt_number: nullString(o.mpesa_receipt_number), payment_phone_number: nullString(o.payment_phone_number),
    order_type: o.order_type, order_subtype: o.order_subtype, corridor_id: o.corridor_id,
    sender_name: nullString(o.sender_name), sender_country: nullString(o.sender_country), sender_phone: nullString(o.sender_phone),
    escrow_wallet_address: nullString(o.escrow_wallet_address), escrow_network: nullString(o.escrow_network),
    escrow_reference: nullString(o.escrow_reference), deposit_tx_hash: nullString(o.deposit_tx_hash),
    deposit_confirmations: o.deposit_confirmations, deposit_detected_at: nullTime(o.deposit_detected_at),
  };
}

const offerOf = (world: World, o: OrderRow) => (o.offer_id ? offers(world).get(o.offer_id) : undefined);

export const pendingOrderView = (world: World, o: OrderRow) => ({ ...orderView(o), rate: offerOf(world, o)?.rate ?? null });

export function orderDetailsView(world: World, o: OrderRow) {
  const customer = users(world).get(o.customer_id);
  const vendor = users(world).get(o.vendor_id);
  const offer = offerOf(world, o);
  return {
    ...orderView(o),
    customer_email: customer?.email ?? '', customer_phone: customer?.phone_number ?? '',
    vendor_email: vendor?.email ?? '', vendor_phone: vendor?.phone_number ?? '',
    offer_type: offer?.offer_type ?? null, offer_rate: offer?.rate ?? null,
  };
}

export function draftView(d: RemittanceDraftRow) {
  return {
    id: d.id, status: d.status, customer_id: d.customer_id, custodial_wallet_id: d.custodial_wallet_id, corridor_id: d.corridor_id,
    order_id: d.order_id, asset: d.asset, network: d.network, escrow_wallet_address: d.escrow_wallet_address,
    beneficiary_fiat_amount: d.beneficiary_fiat_amount, fiat_currency: d.fiat_currency, reference_fx_rate: d.reference_fx_rate,
    applied_fx_rate: d.applied_fx_rate, fee_bearer: d.fee_bearer, total_fee_amount: d.total_fee_amount, fee_currency: d.fee_currency,
    usdt_total_debit: d.usdt_total_debit, pricing_profile_id: d.pricing_profile_id, fx_rate_quote_id: d.fx_rate_quote_id,
    sender_name: d.sender_name, sender_country: d.sender_country, sender_phone: d.sender_phone, beneficiary_name: d.beneficiary_name,
    beneficiary_country: d.beneficiary_country, beneficiary_phone: d.beneficiary_phone, payout_method: d.payout_method,
    expires_at: d.expires_at, created_at: d.created_at,
  };
}

export const corridorView = (c: CorridorRow) => ({
  id: c.id, source_country: c.source_country, destination_country: c.destination_country, fiat_currency: c.fiat_currency, asset: c.asset,
  network: c.network, vendor_id: c.vendor_id, offer_id: c.offer_id, is_active: c.is_active, created_at: c.created_at,
});
