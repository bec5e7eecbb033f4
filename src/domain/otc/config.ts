// The OTC desk's fixed configuration (the real service reads these from its environment).
/** Largest proof PDF accepted by POST /otc/deposits/{id}/proof. */
export const OTC_PROOF_MAX_BYTES = 10 * 1024 * 1024;
/** How far (basis points) a credit's crypto_amount may stray from the quoted requested_crypto_amount. */
export const OTC_CREDIT_QUOTE_TOLERANCE_BPS = 10;
/** The most an otc_officer may credit on their own, in USD notional (USDT and USDC count 1:1). */
export const OTC_OFFICER_MAX_USD = 10_000;
/** Where negotiated FX references expire when nothing names a better zone. */
export const NEGOTIATED_FX_TIMEZONE = 'UTC';
/** Seconds of sandbox clock between an executed withdrawal and its fiat payout completing. */
export const OTC_WITHDRAWAL_PAYOUT_DELAY_S = 5;
