// M-Pesa C2B confirmations (Daraja's ConfirmationURL): every payment is stored once per TransID; a BillRefNumber that
// matches a merchant's C2B account reference records a settlement and fires c2b.payment.settled.
import type { World } from '../../kernel/world.ts';
import { fmt2 } from '../../kernel/money.ts';
import { c2bPayments, c2bSettlements, merchantC2bAccounts, type C2bPaymentRow } from './tables.ts';
import { defineIndex } from '../../kernel/table-index.ts';
import type { C2bConfirmationRequest } from '../../../contracts/generated/types.js';

const C2B_BY_TRANS_ID = defineIndex<C2bPaymentRow>('c2b payments by TransID', (p) => [p.trans_id]);

/** The request body as the contract defines it (C2bConfirmationRequest; generated, not restated here). */
export type C2bConfirmation = C2bConfirmationRequest;

/** TransTime (yyyyMMddHHmmss, Africa/Nairobi = UTC+3) as an RFC 3339 UTC time; null when it is not a real time. */
export function nairobiToUtc(t: string): string | null {
  const [y, mo, d, h, mi, s] = [t.slice(0, 4), t.slice(4, 6), t.slice(6, 8), t.slice(8, 10), t.slice(10, 12), t.slice(12, 14)].map(Number);
  const ms = Date.UTC(y, mo - 1, d, h, mi, s);
  const check = new Date(ms);
  if (check.getUTCMonth() !== mo - 1 || check.getUTCDate() !== d || h > 23 || mi > 59 || s > 59) return null;
  return new Date(ms - 3 * 3600_000).toISOString().replace('.000Z', 'Z');
}

export function findC2bAccount(world: World, billRef: string) {
  const wanted = billRef.trim().toLowerCase();
  return wanted ? merchantC2bAccounts(world).find((a) => a.account_reference.toLowerCase() === wanted) : undefined;
}

/** Stores and settles a confirmation; a repeated TransID is acknowledged without storing or firing anything. */
export function confirmC2b(world: World, body: C2bConfirmation, transactedAt: string): { stored: boolean; settled: boolean } {
  if (c2bPayments(world).index(C2B_BY_TRANS_ID).first(body.TransID)) return { stored: false, settled: false };
  const payment: C2bPaymentRow = c2bPayments(world).insert({
    id: world.random.uuid(), trans_id: body.TransID, transaction_type: body.TransactionType, trans_time: body.TransTime,
    trans_amount: body.TransAmount, business_short_code: body.BusinessShortCode, bill_ref_number: body.BillRefNumber,
    invoice_number: body.InvoiceNumber ?? '', org_account_balance: body.OrgAccountBalance ?? '', third_party_trans_id: body.ThirdPartyTransID ?? '',
    msisdn: body.MSISDN, first_name: body.FirstName ?? '', middle_name: body.MiddleName ?? '', last_name: body.LastName ?? '',
    received_at: world.nowIso(),
  });
  const account = findC2bAccount(world, body.BillRefNumber);
  if (!account) return { stored: true, settled: false };
  const settlement = c2bSettlements(world).insert({
    id: world.random.uuid(), merchant_id: account.merchant_id, c2b_payment_id: payment.id, account_reference: account.account_reference,
    amount: fmt2(body.TransAmount), currency: 'KES', settled_at: world.nowIso(),
  });
  world.emit('c2b.payment.settled', {
    settlement_id: settlement.id, c2b_payment_id: payment.id, merchant_id: account.merchant_id, account_reference: account.account_reference,
    trans_id: payment.trans_id, transaction_type: payment.transaction_type, trans_time: payment.trans_time, transacted_at: transactedAt,
    amount: settlement.amount, currency: 'KES', business_short_code: payment.business_short_code, bill_ref_number: payment.bill_ref_number,
    msisdn: payment.msisdn, payer_name: [payment.first_name, payment.middle_name, payment.last_name].map((p) => p.trim()).filter(Boolean).join(' '),
    settled_at: settlement.settled_at,
  });
  return { stored: true, settled: true };
}
