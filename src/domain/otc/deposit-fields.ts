// The merchant-entered columns of a deposit (bank receipt, proof metadata, requested payout) copied from a request
// body onto a row, normalised: fiat 2 places, crypto 8 places, transfer_date at 00:00:00Z, fiat currency active.
import type { World } from '../../kernel/world.ts';
import type { OtcDepositRow } from './deposits.ts';
import type { CreateOtcDepositRequest, CreateOtcDepositDraftRequest, UpdateOtcDepositDraftRequest } from '../../../contracts/generated/types.js';
import { fiatInput, cryptoInput } from './amounts.ts';
import { requireActiveFiat } from '../pricing/index.ts';

const AS_SENT = ['payment_reference', 'proof_url', 'sender_account_name', 'sender_account_number_last4', 'sender_bank_name',
  'sender_bank_branch', 'receipt_number', 'receipt_uploaded_at', 'proof_file_name', 'proof_mime_type', 'proof_size_bytes',
  'proof_file_sha256', 'requested_asset', 'requested_network', 'pricing_profile_id', 'fx_rate_quote_id'] as const;

/** The request bodies that carry a deposit's own columns (the contract's schemas; they share these fields). */
export type DepositFieldsBody = CreateOtcDepositRequest | CreateOtcDepositDraftRequest | UpdateOtcDepositDraftRequest;

export function depositFieldsFrom(world: World, body: DepositFieldsBody): Partial<OtcDepositRow> {
  const out: Record<string, unknown> = {};
  for (const key of AS_SENT) if (body[key] !== undefined) out[key] = body[key];
  if (body.fiat_amount !== undefined) out.fiat_amount = fiatInput('/fiat_amount', body.fiat_amount);
  if (body.fiat_currency !== undefined) out.fiat_currency = requireActiveFiat(world, body.fiat_currency);
  if (body.transfer_date !== undefined) out.transfer_date = `${body.transfer_date}T00:00:00Z`;
  if (body.requested_crypto_amount !== undefined) out.requested_crypto_amount = cryptoInput('/requested_crypto_amount', body.requested_crypto_amount);
  return out as Partial<OtcDepositRow>;
}

/** The canonical form of a body (sorted keys, no idempotency key) that decides whether a replay is "the same request". */
export function fingerprint(body: Record<string, unknown>): string {
  const canon = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(canon);
    if (v && typeof v === 'object') {
      return Object.fromEntries(Object.keys(v).sort().map((k) => [k, canon((v as Record<string, unknown>)[k])]));
    }
    return v;
  };
  const { idempotency_key: _ignored, ...rest } = body;
  return JSON.stringify(canon(rest));
}
