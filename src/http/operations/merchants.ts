// Operation handlers of the merchants area (rows 83–103): merchant trees, escrow wallets, multisig, transfers.
import type { ProductHandlers } from '../types.ts';
import { merchantAccountHandlers } from './merchants-accounts.ts';
import { escrowWalletHandlers } from './merchants-escrow.ts';
import { multisigHandlers } from './merchants-multisig.ts';
import { transferHandlers } from './merchants-transfers.ts';

export const merchantsHandlers: ProductHandlers = {
  ...merchantAccountHandlers,
  ...escrowWalletHandlers,
  ...multisigHandlers,
  ...transferHandlers,
};
