// Timings and constants of the marketplace simulation (all on the sandbox clock).
import type { Network } from '../../kernel/addresses.ts';

export const ORDER_DEFAULT_TTL_MS = 30 * 60 * 1000;
export const REMITTANCE_DRAFT_EXPIRY_MINUTES = 15;
/** On-ramp: payment received → stablecoin sent → confirmed. */
export const SEND_CRYPTO_AFTER_MS = 5_000;
export const CONFIRM_AFTER_MS = 60_000;
/** Off-ramp: deposit confirmed → payout started → payout reports its result. */
export const PAYOUT_START_AFTER_MS = 5_000;
export const PAYOUT_COMPLETE_AFTER_MS = 10_000;
/** How often the simulated chain watcher looks at the escrow addresses of orders awaiting crypto. */
export const DEPOSIT_WATCH_EVERY_MS = 3_000;
export const REQUIRED_CONFIRMATIONS: Record<Network, number> = { tron: 20, ethereum: 12 };

export const JOBS = {
  expireOrder: 'marketplace.order.expire',
  sendCrypto: 'marketplace.order.send_crypto',
  confirmCrypto: 'marketplace.order.confirm_crypto',
  watchDeposits: 'marketplace.deposits.watch',
  confirmDeposit: 'marketplace.order.confirm_deposit',
  startPayout: 'marketplace.order.start_payout',
  expireDraft: 'marketplace.draft.expire',
} as const;

export const ORDER_STK_PURPOSE = 'order';
/** The purpose of an off-ramp order's B2C payout (the simulator hands its result back by it). */
export const ORDER_PAYOUT_PURPOSE = 'order';
