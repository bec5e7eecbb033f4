// Clock- and event-driven behaviour of the OTC desk: M-Pesa STK results of mobile-money deposits, the execution (or
// cancellation) of credit proposals, the fiat payout results of executed withdrawals, and the fiat codes OTC rows hold
// (catalog delete guard).
import type { World } from '../kernel/world.ts';
import { onStkResult } from './mpesa.ts';
import { onProposalCancelled, onProposalExecuted } from '../domain/multisig.ts';
import { registerFiatReference } from '../domain/pricing/index.ts';
import { OTC_STK_PURPOSE } from '../domain/otc/deposit-create.ts';
import { applyMpesaResult } from '../domain/otc/deposit-mpesa.ts';
import { OTC_CREDIT_REFERENCE, cancelCredit, settleCredit } from '../domain/otc/deposit-credit.ts';
import { OTC_WITHDRAWAL_PAYOUT_PURPOSE, otcWithdrawals } from '../domain/otc/withdrawals.ts';
import { applyWithdrawalPayoutResult } from '../domain/otc/withdrawal-payout.ts';
import { onB2cResult } from './mpesa-b2c.ts';
import { otcDeposits } from '../domain/otc/deposits.ts';
import { nfxReferences } from '../domain/otc/negotiated-fx.ts';

const namesFiat = (world: World, iso: string) => !!otcDeposits(world).find((d) => d.fiat_currency === iso)
  || !!otcWithdrawals(world).find((w) => w.fiat_currency === iso) || !!nfxReferences(world).find((r) => r.fiat_currency === iso);

export function installOtc(world: World): void {
  onStkResult(OTC_STK_PURPOSE, applyMpesaResult);
  onProposalExecuted(OTC_CREDIT_REFERENCE, settleCredit);
  onProposalCancelled(OTC_CREDIT_REFERENCE, cancelCredit);
  onB2cResult(OTC_WITHDRAWAL_PAYOUT_PURPOSE, applyWithdrawalPayoutResult);
  registerFiatReference(namesFiat, 'OTC deposits, withdrawals or negotiated FX references');
}
