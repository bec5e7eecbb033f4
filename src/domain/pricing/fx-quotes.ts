// FX rate quotes: a reference and an applied rate (fiat per 1 asset unit) for a flow scope. Immutable once created:
// publish a new quote to change a rate. The applied rate or the spread is derived when only one of them is sent.
import type { World } from '../../kernel/world.ts';
import { invalidField, notFound } from '../../kernel/errors.ts';
import { dec, fmt2 } from '../../kernel/money.ts';
import type { FlowType, FxRateQuoteRow, OtcType, PricingAsset, PricingNetwork } from './types.ts';
import { findFiatCurrencyByCode, fxRateQuotes } from './tables.ts';
import { requireActiveFiat } from './fiat-currencies.ts';
import { requireCountry } from './countries.ts';
import { deriveAppliedRate, deriveSpreadBps, spreadDirection } from './arithmetic.ts';
import { pickQuote } from './matching.ts';
import type { CreateFxRateQuoteRequest } from '../../../contracts/generated/types.js';

/**
 * The request body as the contract defines it (CreateFxRateQuoteRequest; generated, not restated here), except that
 * `is_active`, which the contract defaults, is optional: seeders create quotes without going through request validation.
 */
export type NewFxRateQuote = Omit<CreateFxRateQuoteRequest, 'is_active'> & Partial<Pick<CreateFxRateQuoteRequest, 'is_active'>>;

export function getFxRateQuote(world: World, id: string): FxRateQuoteRow {
  const q = fxRateQuotes(world).get(id);
  if (!q) throw notFound(`fx rate quote ${id} not found`);
  return q;
}

function checkRate(value: string, pointer: string): string {
  if (!/^[0-9]+(\.[0-9]{1,2})?$/.test(value)) throw invalidField(pointer, 'must be a decimal string with at most 2 decimal places');
  if (dec(value).lte(0)) throw invalidField(pointer, 'must be greater than zero');
  return fmt2(value);
}

export function createFxRateQuote(world: World, input: NewFxRateQuote, id = world.random.uuid()): FxRateQuoteRow {
  requireActiveFiat(world, input.fiat_currency);
  // Generic b2b quotes (no otc_type) price B2B transfers; lanes price OTC deposits and withdrawals.
  if (input.otc_type !== undefined && input.flow_type !== 'b2b') throw invalidField('/otc_type', 'is accepted only with flow_type b2b');
  const remit = input.flow_type === 'remittance';
  for (const key of ['source_country', 'destination_country'] as const) {
    if (remit && input[key] === undefined) throw invalidField(`/${key}`, 'is required with flow_type remittance');
    if (!remit && input[key] !== undefined) throw invalidField(`/${key}`, 'is accepted only with flow_type remittance');
  }
  const reference = checkRate(input.reference_rate, '/reference_rate');
  const otc = input.otc_type ?? null;
  let applied: string, spread: number;
  if (input.applied_rate !== undefined) {
    applied = checkRate(input.applied_rate, '/applied_rate');
    spread = input.spread_bps ?? deriveSpreadBps(reference, applied);
    if (spread > 9999) throw invalidField('/applied_rate', 'is too far from reference_rate (spread above 9999 bps)');
  } else {
    spread = input.spread_bps ?? 0;
    applied = deriveAppliedRate(reference, spread, spreadDirection(input.flow_type, otc));
    if (dec(applied).lte(0)) throw invalidField('/spread_bps', 'leaves an applied rate of zero');
  }
  let expires: string | null = null;
  if (input.expires_at !== undefined) {
    const ms = Date.parse(input.expires_at);
    if (Number.isNaN(ms)) throw invalidField('/expires_at', 'must be an RFC 3339 timestamp');
    if (ms <= world.clock.nowMs()) throw invalidField('/expires_at', `must be in the future (now is ${world.nowIso()})`);
    expires = world.clock.iso(ms);
  }
  return fxRateQuotes(world).insert({
    id, flow_type: input.flow_type, otc_type: otc, asset: input.asset, network: input.network ?? null,
    fiat_currency: findFiatCurrencyByCode(world, input.fiat_currency)!.iso_code,
    source_country: remit ? requireCountry(input.source_country!, '/source_country') : null,
    destination_country: remit ? requireCountry(input.destination_country!, '/destination_country') : null,
    reference_rate: reference, applied_rate: applied, spread_bps: spread, source: input.source, expires_at: expires,
    is_active: input.is_active ?? true, created_at: world.nowIso(),
  });
}

export interface ActiveQuoteQuery {
  flow_type: FlowType;
  asset: PricingAsset;
  fiat_currency: string;
  network?: PricingNetwork;
  otc_type?: OtcType;
  source_country?: string;
  destination_country?: string;
}

/** GET /fx-quotes/active: the quote the resolver would use now (query parameters are checked with location "query"). */
export function activeFxRateQuote(world: World, q: ActiveQuoteQuery): FxRateQuoteRow {
  requireActiveFiat(world, q.fiat_currency, '/fiat_currency', 'query');
  if (q.otc_type !== undefined && q.flow_type !== 'b2b') throw invalidField('/otc_type', 'is accepted only with flow_type b2b', 'query');
  const remit = q.flow_type === 'remittance';
  for (const key of ['source_country', 'destination_country'] as const) {
    if (remit && q[key] === undefined) throw invalidField(`/${key}`, 'is required with flow_type remittance', 'query');
    if (!remit && q[key] !== undefined) throw invalidField(`/${key}`, 'is accepted only with flow_type remittance', 'query');
  }
  return pickQuote(world, {
    flow_type: q.flow_type, otc_type: q.otc_type ?? null, asset: q.asset,
    fiat_currency: findFiatCurrencyByCode(world, q.fiat_currency)!.iso_code, network: q.network ?? null,
    source_country: remit ? requireCountry(q.source_country!, '/source_country', 'query') : null,
    destination_country: remit ? requireCountry(q.destination_country!, '/destination_country', 'query') : null,
  });
}
