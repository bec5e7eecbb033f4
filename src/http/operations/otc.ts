// Operation handlers of the OTC desk: deposits, negotiated FX references and withdrawals (one file each).
import type { ProductHandlers } from '../types.ts';
import { otcDepositHandlers } from './otc-deposits.ts';
import { otcNegotiatedFxHandlers } from './otc-negotiated-fx.ts';
import { otcWithdrawalHandlers } from './otc-withdrawals.ts';

export const otcHandlers: ProductHandlers = { ...otcDepositHandlers, ...otcNegotiatedFxHandlers, ...otcWithdrawalHandlers };
