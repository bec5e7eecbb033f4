// The marketplace's rows: offers, orders, custodial remittance drafts, corridors, B2C payouts and C2B payments.
// Rows hold plain values (null when absent); the Go sql.Null* wire wrappers are made by src/http/views/marketplace.ts.
import type { World } from '../../kernel/world.ts';
import type { Table } from '../../kernel/store.ts';
import type { Network } from '../../kernel/addresses.ts';
import type { PricingSnapshot } from '../pricing/index.ts';

export type Asset = 'USDT' | 'USDC';
export type OfferType = 'SELL' | 'BUY';
export type OfferStatus = 'active' | 'inactive';
export type FeeBearer = 'sender' | 'receiver';
export type OrderType = 'ON_RAMP_BUY' | 'ON_RAMP_SELL' | 'OFF_RAMP_BUY' | 'OFF_RAMP_SELL';
export type OrderSubtype = 'standard_onramp' | 'standard_offramp' | 'remittance_offramp' | 'custodial_remittance_offramp';
export const ORDER_STATUSES = ['pending', 'awaiting_crypto', 'confirming', 'crypto_received', 'processing', 'completed', 'cancelled', 'failed'] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];
export type PayoutMethod = 'mpesa' | 'bank';

export interface OfferRow {
  id: string;
  /** Creation order: breaks ties between rows created in the same second (the clock has second precision). */
  seq: number;
  vendor_id: string;
  offer_type: OfferType;
  asset: Asset;
  crypto_amount: string;
  available_amount: string;
  rate: string;
  min_order: string;
  max_order: string;
  status: OfferStatus;
  description: string | null;
  pricing_profile_id: string | null;
  fx_rate_quote_id: string | null;
  default_fee_bearer: FeeBearer | null;
  created_at: string;
  updated_at: string;
  deleted_at: string | null;
}

/** Beneficiary data of a remittance order, kept internally (the Order wire shape has no place for it). */
export interface Beneficiary {
  name: string | null;
  country: string;
  phone: string;
  bank: { bank_name: string; bank_code: string; account_name: string; account_number: string } | null;
}

export interface OrderRow {
  id: string;
  seq: number;
  customer_id: string;
  vendor_id: string;
  offer_id: string | null;
  asset: Asset;
  crypto_amount: string;
  fiat_amount: string;
  fiat_currency: string;
  wallet_address: string;
  /** The chain the stablecoin moves on: the network of wallet_address (= escrow_network off-ramp). */
  network: Network;
  status: OrderStatus;
  payment_method: 'mpesa';
  payment_txn_id: string | null;
  blockchain_txn_hash: string | null;
  expires_at: string;
  completed_at: string | null;
  created_at: string;
  updated_at: string;
  deleted_at: string | null;
  merchant_request_id: string | null;
  checkout_request_id: string | null;
  mpesa_receipt_number: string | null;
  payment_phone_number: string | null;
  order_type: OrderType;
  order_subtype: OrderSubtype;
  corridor_id: string | null;
  sender_name: string | null;
  sender_country: string | null;
  sender_phone: string | null;
  escrow_wallet_address: string | null;
  escrow_network: Network | null;
  escrow_reference: string | null;
  /** The platform wallet row behind escrow_wallet_address. */
  escrow_wallet_id: string | null;
  deposit_tx_hash: string | null;
  deposit_confirmations: number;
  deposit_detected_at: string | null;
  fee_bearer: FeeBearer;
  payout_method: PayoutMethod;
  beneficiary: Beneficiary | null;
  pricing: PricingSnapshot | null;
  remittance_draft_id: string | null;
  /** True while crypto_amount is held out of the offer's available_amount (released on cancel/failure). */
  reserved: boolean;
  /**
   * The vendor wallet whose balance is locked for this order (null when nothing is locked): on-ramp while the order is
   * open; off-ramp from the settlement at crypto_received until the payout reports (given back to the customer on failure).
   */
  vendor_lock_wallet_id: string | null;
}

export interface RemittanceDraftRow {
  id: string;
  seq: number;
  status: 'draft' | 'confirmed' | 'expired';
  customer_id: string;
  custodial_wallet_id: string;
  corridor_id: string | null;
  order_id: string | null;
  asset: Asset;
  network: Network;
  escrow_wallet_address: string;
  escrow_wallet_id: string;
  escrow_id: string;
  beneficiary_fiat_amount: string;
  /** What the beneficiary is paid (= beneficiary_fiat_amount when the sender bears the fees). */
  payout_fiat_amount: string;
  fiat_currency: string;
  reference_fx_rate: string;
  applied_fx_rate: string;
  fee_bearer: FeeBearer;
  total_fee_amount: string;
  fee_currency: string;
  usdt_total_debit: string;
  pricing_profile_id: string;
  fx_rate_quote_id: string;
  pricing: PricingSnapshot;
  sender_name: string;
  sender_country: string;
  sender_phone: string;
  beneficiary_name: string | null;
  beneficiary_country: string;
  beneficiary_phone: string;
  payout_method: PayoutMethod;
  expires_at: string;
  created_at: string;
}

export interface CorridorRow {
  id: string;
  source_country: string;
  destination_country: string;
  fiat_currency: string;
  asset: Asset;
  network: Network;
  vendor_id: string;
  offer_id: string;
  is_active: boolean;
  created_at: string;
}

export interface C2bPaymentRow {
  id: string;
  trans_id: string;
  transaction_type: string;
  trans_time: string;
  trans_amount: string;
  business_short_code: string;
  bill_ref_number: string;
  invoice_number: string;
  org_account_balance: string;
  third_party_trans_id: string;
  msisdn: string;
  first_name: string;
  middle_name: string;
  last_name: string;
  received_at: string;
}

export interface MerchantC2bAccountRow { id: string; merchant_id: string; account_reference: string; created_at: string }

export interface C2bSettlementRow {
  id: string;
  merchant_id: string;
  c2b_payment_id: string;
  account_reference: string;
  amount: string;
  currency: 'KES';
  settled_at: string;
}

export const offers = (w: World) => w.table<OfferRow>('offers');
export const orders = (w: World) => w.table<OrderRow>('orders');
export const remittanceDrafts = (w: World) => w.table<RemittanceDraftRow>('remittance_drafts');
export const corridors = (w: World) => w.table<CorridorRow>('remittance_corridors');
export const c2bPayments = (w: World) => w.table<C2bPaymentRow>('c2b_payments');
export const merchantC2bAccounts = (w: World) => w.table<MerchantC2bAccountRow>('merchant_c2b_accounts');
export const c2bSettlements = (w: World) => w.table<C2bSettlementRow>('c2b_settlements');

/**
 * The next creation sequence number of a table: a world sequence named after the table (journaled, exported with the
 * state). A snapshot taken before the sequence existed starts it from the table's highest seq, found once.
 */
export const nextSeq = <T extends { id: string; seq: number }>(world: World, table: Table<T>): number =>
  world.nextSequence(table.name, () => {
    let max = 0;
    for (const r of table.values()) if (r.seq > max) max = r.seq;
    return max;
  });

/** Newest first: created_at descending, then creation order descending. */
export const newestFirst = (a: { created_at: string; seq: number }, b: { created_at: string; seq: number }) =>
  b.created_at.localeCompare(a.created_at) || b.seq - a.seq;
export const oldestFirst = (a: { created_at: string; seq: number }, b: { created_at: string; seq: number }) => -newestFirst(a, b);
