// Seeding step of the OTC desk: no rows (deposits, references and withdrawals start empty), but the fixtures list the
// desk's fixed rules so that a partner can read them from GET /__sandbox/fixtures.
import type { Seeder } from './types.ts';
import { NEGOTIATED_FX_TIMEZONE, OTC_CREDIT_QUOTE_TOLERANCE_BPS, OTC_OFFICER_MAX_USD, OTC_PROOF_MAX_BYTES, OTC_WITHDRAWAL_PAYOUT_DELAY_S } from '../otc/config.ts';

export const seedOtc: Seeder = (_world, fixtures) => {
  fixtures.otc = {
    proof_max_bytes: OTC_PROOF_MAX_BYTES,
    credit_quote_tolerance_bps: OTC_CREDIT_QUOTE_TOLERANCE_BPS,
    officer_max_usd: OTC_OFFICER_MAX_USD,
    negotiated_fx_default_timezone: NEGOTIATED_FX_TIMEZONE,
    withdrawal_payout_delay_seconds: OTC_WITHDRAWAL_PAYOUT_DELAY_S,
    deposit_pricing_lane: 'b2b_deposit_usdt_kes_tron',
    withdrawal_pricing_lane: 'b2b_withdrawal_usdt_kes_tron',
  };
};
