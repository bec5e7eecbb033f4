// The OTC desk's wiring in one world: M-Pesa STK results of mobile-money deposits, the execution (or cancellation) of
// credit proposals, the fiat payout results of executed withdrawals, and the fiat codes OTC rows hold (catalog delete
// guard).
import type { World } from '../../kernel/world.ts';
import { stkOf } from '../../simulation/ports/mpesa-stk.ts';
import { b2cOf } from '../../simulation/ports/mpesa-b2c.ts';
import { onProposalCancelled, onProposalExecuted } from '../multisig.ts';
import { registerFiatReference } from '../pricing/index.ts';
import { OTC_STK_PURPOSE } from './deposit-create.ts';
import { applyMpesaResult } from './deposit-mpesa.ts';
import { OTC_CREDIT_REFERENCE, cancelCredit, settleCredit } from './deposit-credit.ts';
import { OTC_WITHDRAWAL_PAYOUT_PURPOSE, otcWithdrawals } from './withdrawals.ts';
import { applyWithdrawalPayoutResult } from './withdrawal-payout.ts';
import { otcDeposits } from './deposits.ts';
import { nfxReferences } from './negotiated-fx.ts';

const namesFiat = (world: World, iso: string) => !!otcDeposits(world).find((d) => d.fiat_currency === iso)
  || !!otcWithdrawals(world).find((w) => w.fiat_currency === iso) || !!nfxReferences(world).find((r) => r.fiat_currency === iso);

export function installOtc(world: World): void {
  stkOf(world).onResult(OTC_STK_PURPOSE, applyMpesaResult);
  onProposalExecuted(world, OTC_CREDIT_REFERENCE, settleCredit);
  onProposalCancelled(world, OTC_CREDIT_REFERENCE, cancelCredit);
  b2cOf(world).onResult(OTC_WITHDRAWAL_PAYOUT_PURPOSE, applyWithdrawalPayoutResult);
  registerFiatReference(world, namesFiat, 'OTC deposits, withdrawals or negotiated FX references');
}
