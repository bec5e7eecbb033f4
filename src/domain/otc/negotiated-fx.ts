// Negotiated FX references: single-use rates treasury agrees with one master merchant for one transaction date.
// Stored status is active | consumed | cancelled; `expired` is computed (an active row past expires_at).
//   active --deposit submit--> consumed --consuming deposit rejected--> active (or expired when past)
//   active --cancel--> cancelled
import Decimal from 'decimal.js';
import type { World } from '../../kernel/world.ts';
import type { Principal } from '../../auth/principal.ts';
import { invalidField, notFound, unprocessable, illegalTransition } from '../../kernel/errors.ts';
import { dec, fmt2 } from '../../kernel/money.ts';
import { getUser, users, type UserRow } from '../users.ts';
import { outboxOf } from '../../simulation/ports/outbox.ts';
import { isOtcMasterMerchant } from './merchants.ts';
import { defaultDepositProfile, otcProfile } from './pricing-link.ts';
import { byCreation } from './ordering.ts';
import { chooseTimeZone, endOfDayUtc, isValidTimeZone } from './timezones.ts';
import { fiatInput, cryptoInput, rateInput } from './amounts.ts';
import { requireActiveFiat, type PricingProfileRow } from '../pricing/index.ts';
import type { CreateNegotiatedFxReferenceRequest } from '../../../contracts/generated/types.js';

export type NfxStatus = 'active' | 'consumed' | 'expired' | 'cancelled';

export interface NegotiatedFxReferenceRow {
  id: string;
  reference_code: string;
  merchant_id: string;
  merchant_display_name: string;
  agreed_transaction_date: string;
  timezone: string;
  expires_at: string;
  /** Stored status; read through nfxStatus() for the computed `expired`. */
  status: 'active' | 'consumed' | 'cancelled';
  asset: 'USDT' | 'USDC';
  fiat_currency: string;
  network: 'tron' | 'ethereum' | 'solana';
  agreed_amount: string;
  agreed_amount_type: 'fiat' | 'crypto';
  reference_fx_rate: string;
  agreed_fx_rate: string;
  narration: string | null;
  pricing_profile_id: string | null;
  created_by_user_id: string;
  created_by_display_name: string;
  consumed_at: string | null;
  consumed_otc_deposit_id: string | null;
  cancelled_at: string | null;
  cancelled_by: string | null;
  cancellation_reason: string | null;
  gross_fiat_amount: string | null;
  gross_crypto_amount: string | null;
  net_fiat_amount: string | null;
  net_crypto_amount: string | null;
  total_fee_amount: string | null;
  fee_currency: string | null;
  created_at: string;
  updated_at: string;
  seq: number;
}

export interface NfxNotificationRow {
  id: string;
  reference_id: string;
  channel: 'email';
  template: string;
  recipient_email: string;
  cc_emails: string[];
  status: 'sent' | 'skipped' | 'failed';
  error: string | null;
  sent_by_user_id: string;
  created_at: string;
}

export const nfxReferences = (w: World) => w.table<NegotiatedFxReferenceRow>('otc_negotiated_fx_references');
export const nfxNotifications = (w: World) => w.table<NfxNotificationRow>('otc_negotiated_fx_notifications');

export function nfxStatus(world: World, r: NegotiatedFxReferenceRow): NfxStatus {
  return r.status === 'active' && Date.parse(r.expires_at) <= world.clock.nowMs() ? 'expired' : r.status;
}

export function getNfx(world: World, id: string): NegotiatedFxReferenceRow {
  const r = nfxReferences(world).get(id);
  if (!r) throw notFound(`negotiated FX reference ${id} not found`);
  return r;
}

export function findNfxByCode(world: World, code: string): NegotiatedFxReferenceRow | undefined {
  return nfxReferences(world).find((r) => r.reference_code === code);
}

const displayName = (u: UserRow) => `${u.first_name} ${u.last_name}`.trim();
const CODE_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

function newCode(world: World, date: string): string {
  for (;;) {
    let suffix = '';
    for (let i = 0; i < 4; i++) suffix += CODE_ALPHABET[world.random.faker.number.int({ min: 0, max: CODE_ALPHABET.length - 1 })];
    const code = `NFX-${date.replace(/-/g, '')}-${suffix}`;
    if (!findNfxByCode(world, code)) return code;
  }
}

/**
 * Fee preview in the asset: gross crypto from the agreed amount and rate; the profile's fee taken on the gross crypto
 * (bps; fixed fee and min/max, which the profile holds in fiat, converted at the agreed rate).
 */
function feePreview(p: PricingProfileRow | null, amount: string, type: 'fiat' | 'crypto', rate: string, asset: string) {
  if (!p) return { gross_fiat_amount: null, gross_crypto_amount: null, net_fiat_amount: null, net_crypto_amount: null, total_fee_amount: null, fee_currency: null };
  const r = dec(rate);
  const grossFiat = type === 'fiat' ? dec(amount) : dec(amount).times(r).toDecimalPlaces(2, Decimal.ROUND_DOWN);
  const grossCrypto = type === 'fiat' ? dec(amount).div(r).toDecimalPlaces(8, Decimal.ROUND_DOWN) : dec(amount);
  const inCrypto = (fiat: string) => dec(fiat).div(r);
  let fee = dec(0);
  if (p.fee_type === 'fixed' || p.fee_type === 'hybrid') fee = fee.plus(inCrypto(p.fixed_fee));
  if (p.fee_type === 'percentage' || p.fee_type === 'hybrid') fee = fee.plus(grossCrypto.times(p.percentage_fee_bps).div(10_000));
  if (p.fee_type === 'percentage' || p.fee_type === 'hybrid') {
    if (p.min_fee !== null) fee = Decimal.max(fee, inCrypto(p.min_fee)) as typeof fee;
    if (p.max_fee !== null) fee = Decimal.min(fee, inCrypto(p.max_fee)) as typeof fee;
  }
  fee = Decimal.min(fee.toDecimalPlaces(8, Decimal.ROUND_HALF_UP), grossCrypto) as typeof fee;
  const netCrypto = grossCrypto.minus(fee);
  return {
    gross_fiat_amount: grossFiat.toFixed(2), gross_crypto_amount: grossCrypto.toFixed(8),
    net_fiat_amount: netCrypto.times(r).toFixed(2, Decimal.ROUND_HALF_UP), net_crypto_amount: netCrypto.toFixed(8),
    total_fee_amount: fee.toFixed(8), fee_currency: asset,
  };
}

function recordNotification(world: World, ref: NegotiatedFxReferenceRow, sender: UserRow): NfxNotificationRow {
  const merchant = getUser(world, ref.merchant_id);
  outboxOf(world).send({
    to: merchant.email, kind: 'negotiated_fx_reference', reference_id: ref.id,
    subject: `Your negotiated FX rate ${ref.reference_code} for ${ref.agreed_transaction_date}`,
    body: `Reference ${ref.reference_code}: ${ref.agreed_amount} ${ref.agreed_amount_type === 'fiat' ? ref.fiat_currency : ref.asset} `
      + `at ${ref.agreed_fx_rate} ${ref.fiat_currency}/${ref.asset} on ${ref.network}; valid until ${ref.expires_at} (${ref.timezone}). `
      + `Use this code when you price your OTC deposit. Cc: ${sender.email}`,
  });
  return nfxNotifications(world).insert({
    id: world.random.uuid(), reference_id: ref.id, channel: 'email', template: 'negotiated_fx_reference',
    recipient_email: merchant.email, cc_emails: [sender.email], status: 'sent', error: null, sent_by_user_id: sender.id,
    created_at: world.nowIso(),
  });
}

export function createNfx(world: World, principal: Principal, body: CreateNegotiatedFxReferenceRequest): NegotiatedFxReferenceRow {
  const fiat = requireActiveFiat(world, body.fiat_currency);
  if (body.timezone !== undefined && !isValidTimeZone(body.timezone)) throw invalidField('/timezone', `${body.timezone} is not an IANA time zone`);
  const merchant = users(world).get(body.merchant_id);
  if (!merchant || merchant.deleted_at) throw notFound(`merchant ${body.merchant_id} not found`);
  if (!isOtcMasterMerchant(merchant)) throw unprocessable(`user ${merchant.id} is not a master merchant (vendor or merchant without a parent)`);
  // agreed_amount_type, asset and network arrive defaulted (fiat, USDT, tron) by the request validator.
  const type: 'fiat' | 'crypto' = body.agreed_amount_type;
  const amount = type === 'fiat' ? fiatInput('/agreed_amount', body.agreed_amount) : cryptoInput('/agreed_amount', body.agreed_amount);
  const referenceRate = rateInput('/reference_fx_rate', body.reference_fx_rate);
  const agreedRate = rateInput('/agreed_fx_rate', body.agreed_fx_rate);
  const asset: NegotiatedFxReferenceRow['asset'] = body.asset;
  const network: NegotiatedFxReferenceRow['network'] = body.network;
  const zone = chooseTimeZone({ timezone: body.timezone, source_country: body.source_country, fiat_currency: fiat });
  const date: string = body.agreed_transaction_date;
  const expires = endOfDayUtc(date, zone);
  if (expires.getTime() <= world.clock.nowMs()) throw unprocessable(`agreed_transaction_date ${date} is already past in ${zone}`);
  const profile = body.pricing_profile_id
    ? otcProfile(world, body.pricing_profile_id, 'deposit', asset, fiat)
    : defaultDepositProfile(world, asset, fiat, network, type === 'fiat' ? amount : fmt2(dec(amount).times(agreedRate)));
  const creator = getUser(world, principal.userId);
  const now = world.nowIso();
  const ref = nfxReferences(world).insert({
    id: world.random.uuid(), reference_code: newCode(world, date), merchant_id: merchant.id, merchant_display_name: displayName(merchant),
    agreed_transaction_date: date, timezone: zone, expires_at: expires.toISOString().replace('.000Z', 'Z'), status: 'active',
    asset, fiat_currency: fiat, network, agreed_amount: amount, agreed_amount_type: type, reference_fx_rate: referenceRate,
    agreed_fx_rate: agreedRate, narration: body.narration ?? null, pricing_profile_id: profile?.id ?? null,
    created_by_user_id: creator.id, created_by_display_name: displayName(creator), consumed_at: null, consumed_otc_deposit_id: null,
    cancelled_at: null, cancelled_by: null, cancellation_reason: null, ...feePreview(profile, amount, type, agreedRate, asset),
    created_at: now, updated_at: now, seq: world.nextSequence('negotiated_fx_references'),
  });
  recordNotification(world, ref, creator);
  return ref;
}

/** The references that match the filters, newest first. */
export function listNfx(world: World, q: { merchant_id?: string; status?: NfxStatus; agreed_transaction_date?: string }): NegotiatedFxReferenceRow[] {
  return nfxReferences(world).filter((r) => (!q.merchant_id || r.merchant_id === q.merchant_id)
    && (!q.status || nfxStatus(world, r) === q.status)
    && (!q.agreed_transaction_date || r.agreed_transaction_date === q.agreed_transaction_date))
    .sort(byCreation('desc'));
}

function assertActive(world: World, r: NegotiatedFxReferenceRow, what: string): void {
  const status = nfxStatus(world, r);
  if (status !== 'active') throw illegalTransition(`cannot ${what} a negotiated FX reference that is ${status}`, status);
}

export function cancelNfx(world: World, principal: Principal, r: NegotiatedFxReferenceRow, reason?: string): NegotiatedFxReferenceRow {
  assertActive(world, r, 'cancel');
  return nfxReferences(world).update(r.id, {
    status: 'cancelled', cancelled_at: world.nowIso(), cancelled_by: principal.userId, cancellation_reason: reason ?? null, updated_at: world.nowIso(),
  });
}

export function resendNfxEmail(world: World, principal: Principal, r: NegotiatedFxReferenceRow): NfxNotificationRow {
  assertActive(world, r, 'resend the email of');
  return recordNotification(world, r, getUser(world, principal.userId));
}

/** Why a reference cannot price (or be consumed by) a deposit of this merchant, asset, fiat and network; null when it can. */
export function nfxUnusableReason(world: World, r: NegotiatedFxReferenceRow, use: { merchantId: string; asset: string | null;
  fiat: string | null; network: string | null; depositId: string }): string | null {
  const status = nfxStatus(world, r);
  if (status === 'consumed' && r.consumed_otc_deposit_id === use.depositId) return null;
  if (status !== 'active') return `negotiated FX reference ${r.reference_code} is ${status}`;
  if (r.merchant_id !== use.merchantId) return `negotiated FX reference ${r.reference_code} was agreed with another merchant`;
  if (r.asset !== use.asset) return `negotiated FX reference ${r.reference_code} is for ${r.asset}, not ${use.asset}`;
  if (r.fiat_currency !== use.fiat) return `negotiated FX reference ${r.reference_code} is in ${r.fiat_currency}, not ${use.fiat}`;
  if (r.network !== use.network) return `negotiated FX reference ${r.reference_code} is for ${r.network}, not ${use.network}`;
  return null;
}

export function consumeNfx(world: World, r: NegotiatedFxReferenceRow, depositId: string): void {
  nfxReferences(world).update(r.id, { status: 'consumed', consumed_at: world.nowIso(), consumed_otc_deposit_id: depositId, updated_at: world.nowIso() });
}

/** The consuming deposit was rejected: the reference is usable again (computed `expired` if its day has passed). */
export function releaseNfx(world: World, depositId: string): void {
  const r = nfxReferences(world).find((x) => x.status === 'consumed' && x.consumed_otc_deposit_id === depositId);
  if (r) nfxReferences(world).update(r.id, { status: 'active', consumed_at: null, consumed_otc_deposit_id: null, updated_at: world.nowIso() });
}
