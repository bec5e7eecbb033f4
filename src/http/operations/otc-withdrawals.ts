// OTC withdrawal handlers (rows 79–82).
import type { ProductHandlers } from '../types.ts';
import { ok, created } from '../types.ts';
import { otcListScope } from '../../domain/otc/policy.ts';
import { createWithdrawal, executeWithdrawal, getWithdrawal, listWithdrawals } from '../../domain/otc/withdrawals.ts';
import { withdrawalView } from '../views/otc.ts';
import { sliceOffset } from './paging.ts';

export const otcWithdrawalHandlers: ProductHandlers = {
  createOtcWithdrawal: ({ world, principal, body }) => created({ withdrawal: withdrawalView(createWithdrawal(world, principal, body)) }),

  listOtcWithdrawals: ({ world, principal, query }) => {
    const mine = otcListScope(world, principal);
    const rows = listWithdrawals(world, (w) => (!mine || w.merchant_id === mine) && (!query.status || w.status === query.status)
      && (!query.method || w.method === query.method), 'desc');
    return ok({ withdrawals: sliceOffset(rows, query).map(withdrawalView) });
  },

  listPendingOtcWithdrawals: ({ world }) => ok({ withdrawals: listWithdrawals(world, (w) => w.status === 'pending', 'asc').map(withdrawalView) }),

  executeOtcWithdrawal: ({ world, principal, params }) => {
    const { withdrawal, transfer } = executeWithdrawal(world, principal, getWithdrawal(world, params.id));
    return ok({ withdrawal: withdrawalView(withdrawal), transfer: { id: transfer.id, tx_hash: transfer.tx_hash!, status: transfer.status },
      message: 'Withdrawal executed; fiat payout in progress' });
  },
};
