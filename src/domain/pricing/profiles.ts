// Pricing profiles: how a flow is charged. Created and changed by admins; flow_type, otc_type and asset never change
// because offers and quotes are paired by them. Several active profiles may share a scope (resolution picks one).
import type { World } from '../../kernel/world.ts';
import { invalidField, notFound, alreadyExists } from '../../kernel/errors.ts';
import { dec, fmt2 } from '../../kernel/money.ts';
import type { FeeType, FlowType, OtcType, PricingAsset, PricingNetwork, PricingProfileRow, SettlementSide } from './types.ts';
import { pricingProfiles } from './tables.ts';
import { requireActiveFiat } from './fiat-currencies.ts';
import { findFiatCurrencyByCode } from './tables.ts';
import type { CreatePricingProfileRequest, UpdatePricingProfileRequest } from '../../../contracts/generated/types.js';

/**
 * The request body as the contract defines it (CreatePricingProfileRequest; generated, not restated here), except that
 * the fields the contract defaults are optional: seeders create profiles without going through request validation.
 */
export type NewPricingProfile = Omit<CreatePricingProfileRequest, 'spread_bps' | 'is_active'>
  & Partial<Pick<CreatePricingProfileRequest, 'spread_bps' | 'is_active'>>;

/** The request body as the contract defines it (UpdatePricingProfileRequest; generated, not restated here). */
export type PricingProfilePatch = UpdatePricingProfileRequest;

const IMMUTABLE = ['flow_type', 'otc_type', 'asset'] as const;

export function getPricingProfile(world: World, id: string): PricingProfileRow {
  const p = pricingProfiles(world).get(id);
  if (!p) throw notFound(`pricing profile ${id} not found`);
  return p;
}

/** Fields a fee type needs (sent in the body that sets the fee type). */
function requireFeeFields(feeType: FeeType, body: { fixed_fee?: unknown; percentage_fee_bps?: unknown }): void {
  if ((feeType === 'fixed' || feeType === 'hybrid') && body.fixed_fee === undefined) {
    throw invalidField('/fixed_fee', `is required with fee_type ${feeType}`);
  }
  if ((feeType === 'percentage' || feeType === 'hybrid') && body.percentage_fee_bps === undefined) {
    throw invalidField('/percentage_fee_bps', `is required with fee_type ${feeType}`);
  }
}

function checkRow(world: World, row: PricingProfileRow, fiatChanged: boolean): void {
  if (row.otc_type !== null && row.flow_type !== 'b2b') throw invalidField('/otc_type', 'is accepted only with flow_type b2b');
  if (row.fiat_currency !== null && fiatChanged) requireActiveFiat(world, row.fiat_currency);
  if (row.min_fee !== null && row.max_fee !== null && dec(row.min_fee).gt(row.max_fee)) {
    throw invalidField('/min_fee', `must not be greater than max_fee (${row.max_fee})`);
  }
  const lower = row.name.trim().toLowerCase();
  const clash = pricingProfiles(world).find((p) => p.id !== row.id && p.name.trim().toLowerCase() === lower);
  if (clash) throw alreadyExists(`a pricing profile named "${clash.name}" already exists`);
}

export function createPricingProfile(world: World, input: NewPricingProfile, id = world.random.uuid()): PricingProfileRow {
  requireFeeFields(input.fee_type, input);
  const now = world.nowIso();
  const row: PricingProfileRow = {
    id, name: input.name, flow_type: input.flow_type, otc_type: input.otc_type ?? null, asset: input.asset,
    network: input.network ?? null,
    fiat_currency: input.fiat_currency ? (findFiatCurrencyByCode(world, input.fiat_currency)?.iso_code ?? input.fiat_currency) : null,
    fee_type: input.fee_type, rate_source: input.rate_source, settlement_side: input.settlement_side,
    fixed_fee: fmt2(input.fixed_fee ?? '0'), percentage_fee_bps: input.percentage_fee_bps ?? 0,
    min_fee: input.min_fee !== undefined ? fmt2(input.min_fee) : null, max_fee: input.max_fee !== undefined ? fmt2(input.max_fee) : null,
    spread_bps: input.spread_bps ?? 0, is_active: input.is_active ?? true, created_at: now, updated_at: now,
  };
  checkRow(world, row, true);
  return pricingProfiles(world).insert(row);
}

export function updatePricingProfile(world: World, id: string, patch: PricingProfilePatch): PricingProfileRow {
  const current = getPricingProfile(world, id);
  for (const key of IMMUTABLE) if (key in patch) throw invalidField(`/${key}`, 'cannot be changed');
  if (Object.keys(patch).length === 0) throw invalidField('', 'at least one field is required');
  if (patch.fee_type !== undefined && patch.fee_type !== current.fee_type) requireFeeFields(patch.fee_type, patch);
  const merged: PricingProfileRow = { ...current, updated_at: world.nowIso() };
  if (patch.name !== undefined) merged.name = patch.name;
  if (patch.fee_type !== undefined) merged.fee_type = patch.fee_type;
  if (patch.rate_source !== undefined) merged.rate_source = patch.rate_source;
  if (patch.settlement_side !== undefined) merged.settlement_side = patch.settlement_side;
  if (patch.network !== undefined) merged.network = patch.network;
  if (patch.fiat_currency !== undefined) {
    merged.fiat_currency = patch.fiat_currency === null ? null
      : findFiatCurrencyByCode(world, patch.fiat_currency)?.iso_code ?? patch.fiat_currency;
  }
  if (patch.fixed_fee !== undefined) merged.fixed_fee = fmt2(patch.fixed_fee);
  if (patch.percentage_fee_bps !== undefined) merged.percentage_fee_bps = patch.percentage_fee_bps;
  if (patch.min_fee !== undefined) merged.min_fee = patch.min_fee === null ? null : fmt2(patch.min_fee);
  if (patch.max_fee !== undefined) merged.max_fee = patch.max_fee === null ? null : fmt2(patch.max_fee);
  if (patch.spread_bps !== undefined) merged.spread_bps = patch.spread_bps;
  if (patch.is_active !== undefined) merged.is_active = patch.is_active;
  checkRow(world, merged, patch.fiat_currency !== undefined && patch.fiat_currency !== null);
  const { id: _id, ...changes } = merged;
  return pricingProfiles(world).update(id, changes);
}
