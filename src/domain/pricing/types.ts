// Rows of the pricing area: pricing profiles, FX rate quotes and the fiat currency catalog. Money and rates are decimal
// strings (fees and rates 2 places); nullable columns are null here and become Go sql.Null* wrappers on the wire.

export type FlowType = 'onramp' | 'offramp' | 'p2p' | 'b2b' | 'b2b2c' | 'remittance';
import type { ResolvePricingRequest, ResolveOtcPricingRequest, QuotePricingRequest } from '../../../contracts/generated/types.js';
export type OtcType = 'deposit' | 'withdrawal';
export type FeeType = 'none' | 'fixed' | 'percentage' | 'hybrid';
export type SettlementSide = 'customer' | 'merchant' | 'split';
export type AmountInType = 'fiat' | 'crypto';
export type PricingNetwork = 'ethereum' | 'tron';
export type PricingAsset = 'USDT' | 'USDC';
export type PricingOrderType = 'ON_RAMP_BUY' | 'ON_RAMP_SELL' | 'OFF_RAMP_BUY' | 'OFF_RAMP_SELL';

export interface PricingProfileRow {
  id: string;
  name: string;
  flow_type: FlowType;
  /** OTC lane of a b2b profile; null = not an OTC lane (generic rows). */
  otc_type: OtcType | null;
  asset: PricingAsset;
  /** null = any network. */
  network: PricingNetwork | null;
  /** null = any fiat currency. */
  fiat_currency: string | null;
  fee_type: FeeType;
  rate_source: string;
  settlement_side: SettlementSide;
  fixed_fee: string;
  percentage_fee_bps: number;
  min_fee: string | null;
  max_fee: string | null;
  spread_bps: number;
  is_active: boolean;
  created_at: string;
  updated_at: string;
}

export interface FxRateQuoteRow {
  id: string;
  flow_type: FlowType;
  otc_type: OtcType | null;
  asset: PricingAsset;
  network: PricingNetwork | null;
  fiat_currency: string;
  /** ISO 3166 alpha-3, remittance quotes only. */
  source_country: string | null;
  destination_country: string | null;
  /** Fiat per 1 unit of the asset, 2 places. */
  reference_rate: string;
  applied_rate: string;
  spread_bps: number;
  source: string;
  /** null = never expires. */
  expires_at: string | null;
  is_active: boolean;
  created_at: string;
}

export interface FiatCurrencyRow {
  id: string;
  iso_code: string;
  display_name: string;
  fraction_digits: number;
  sort_order: number;
  is_active: boolean;
  created_at: string;
  updated_at: string;
}

/** Body of POST /pricing/resolve (after request validation). */
/** The request body as the contract defines it (ResolvePricingRequest; generated, not restated here). */
export type ResolvePricingInput = ResolvePricingRequest;

/** Body of POST /pricing/quote: the resolve body without the listing, plus an optional OTC lane. */
/** The request body as the contract defines it (QuotePricingRequest; generated, not restated here). */
export type QuotePricingInput = QuotePricingRequest;

/** Body of POST /pricing/resolve-otc. */
/** The request body as the contract defines it (ResolveOtcPricingRequest; generated, not restated here). */
export type ResolveOtcPricingInput = ResolveOtcPricingRequest;

export interface PricingFees {
  fixed_fee: string;
  fixed_fee_currency: string;
  percentage_fee_bps: number;
  percentage_fee_amount: string;
  total_fee_amount: string;
  fee_currency: string;
}

export interface PricingAmounts {
  gross_fiat_amount: string;
  net_fiat_amount: string;
  gross_crypto_amount: string;
  net_crypto_amount: string;
}

/** The response body of /pricing/resolve and /pricing/quote. */
export interface PricingPreview {
  pricing_profile_id: string;
  fx_rate_quote_id: string;
  flow_type: FlowType;
  otc_type?: OtcType;
  network: PricingNetwork | '';
  asset: PricingAsset;
  fiat_currency: string;
  source_country?: string;
  destination_country?: string;
  amount_in: string;
  amount_in_type: AmountInType;
  vendor_id?: string;
  offer_id?: string;
  order_type?: PricingOrderType;
  reference_fx_rate: string;
  applied_fx_rate: string;
  spread_bps: number;
  spread_amount: string;
  fees: PricingFees;
  amounts: PricingAmounts;
  settlement_side: SettlementSide;
  rate_source: string;
  quoted_at: string;
  expires_at: string;
}

/** The response body of /pricing/resolve-otc. */
export interface ResolveOtcPricingResult {
  otc_type: OtcType;
  pricing_profile_id: string;
  fx_rate_quote_id: string;
  flow_type: 'b2b';
  network: PricingNetwork | '';
  asset: PricingAsset;
  fiat_currency: string;
  amount_in: string;
  amount_in_type: AmountInType;
  reference_fx_rate: string;
  applied_fx_rate: string;
  spread_amount: string;
  fees: PricingFees;
  amounts: PricingAmounts;
}
