// The domain flows verify plays before its generic pass, in dependency order. Each is independent of the others
// (one stopping does not stop the rest); the generic engine then plays every operation no flow owns. Each flow
// lists the operations it exists to reach: with --only, a flow runs when it reaches one of the chosen ones (the plan,
// verify-plan.ts, picks them; flow-pass.ts plays them).
import type { FlowRunner } from './runner.ts';
import { pricingFlow, PRICING_OPS } from './pricing.ts';
import { marketplaceFlow, MARKETPLACE_OPS } from './marketplace.ts';
import { remittanceFlow, REMITTANCE_OPS } from './remittance.ts';
import { otcDepositFlow, DEPOSIT_OPS } from './otc-deposits.ts';
import { negotiatedFxFlow, withdrawalFlow, NFX_OPS, WITHDRAWAL_OPS } from './otc-fx-withdrawals.ts';
import { multisigFlow, p2pFlow, MULTISIG_OPS, P2P_OPS } from './treasury.ts';

export const FLOWS: Array<{ name: string; ops: string[]; run: (runner: FlowRunner) => Promise<void> }> = [
  { name: 'pricing', ops: PRICING_OPS, run: pricingFlow },
  { name: 'marketplace', ops: MARKETPLACE_OPS, run: marketplaceFlow },
  { name: 'remittance', ops: REMITTANCE_OPS, run: remittanceFlow },
  { name: 'otc-deposits', ops: DEPOSIT_OPS, run: otcDepositFlow },
  { name: 'negotiated-fx', ops: NFX_OPS, run: negotiatedFxFlow },
  { name: 'otc-withdrawals', ops: WITHDRAWAL_OPS, run: withdrawalFlow },
  { name: 'multisig', ops: MULTISIG_OPS, run: multisigFlow },
  { name: 'p2p', ops: P2P_OPS, run: p2pFlow },
];
