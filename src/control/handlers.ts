// The /__sandbox control API: the sandbox's own knobs, described in contracts/sandbox-control.yaml. Handlers of layers
// above this one (the worlds registry's) come in as `more`, so control imports nothing of theirs.
import type { ControlledSandbox } from './controlled-sandbox.ts';
import type { ControlHandlers, Defaulted, OperationHandlers } from '../http/types.ts';
import { ok, dispatchTable } from '../http/types.ts';
import { notFound, invalidField } from '../kernel/errors.ts';
import { getWallet, findWalletByAddress } from '../domain/wallets.ts';
import { mint, balanceRow, NATIVE, type CurrencyCode } from '../domain/ledger.ts';
import { simulationControlHandlers } from './simulations.ts';
import { getSettings, updateSettings } from '../domain/settings.ts';
import { worldControlHandlers } from './world.ts';
import { faultControlHandlers } from './faults.ts';
import { triggerControlHandlers } from './triggers.ts';
import { sandboxDecisions } from './decisions.ts';
import { multisigControlHandlers } from './multisig.ts';
import { checkClockTarget } from '../kernel/clock-range.ts';
import { dec } from '../kernel/money.ts';

export function controlHandlers(sandbox: ControlledSandbox, more: ControlHandlers = {}): OperationHandlers {
  const clock = () => sandbox.world.clock;
  const handlers: ControlHandlers = {
    getFixtures: () => ok(sandbox.fixtures),
    resetSandbox: () => {
      sandbox.reset();
      return ok({ message: 'sandbox reset to the seeded world', seed: sandbox.world.seed, clock: sandbox.world.nowIso() });
    },
    getSettings: ({ world }) => ok(getSettings(world)),
    updateSettings: ({ world, body }) => ok(updateSettings(world, body)),
    getClock: () => ok(clock().state()),
    advanceClock: ({ body }) => { checkClockTarget(clock().nowMs() + body.seconds * 1000, '/seconds'); clock().advance(body.seconds); return ok(clock().state()); },
    freezeClock: () => { clock().freeze(); return ok(clock().state()); },
    unfreezeClock: () => { clock().unfreeze(); return ok(clock().state()); },
    setClock: ({ body }) => { checkClockTarget(Date.parse(body.now), '/now'); clock().set(new Date(body.now)); return ok(clock().state()); },
    faucet: ({ world, body }) => {
      const wallet = body.wallet_id ? getWallet(world, body.wallet_id) : findWalletByAddress(world, body.address as string); // wallet_id or address: the contract's anyOf, checked by validation
      if (!wallet) throw notFound(`no wallet with address ${body.address}`);
      if (!dec(body.amount).gt(0)) throw invalidField('/amount', 'must be greater than zero');
      const asset = body.asset as CurrencyCode;
      if (asset !== 'USDT' && asset !== 'USDC' && NATIVE[wallet.network] !== asset) {
        throw invalidField('/asset', `${asset} does not exist on ${wallet.network}`);
      }
      mint(world, wallet.id, asset, body.amount, 'faucet', 'faucet');
      const row = balanceRow(world, wallet.id, asset);
      return ok({ wallet_id: wallet.id, address: wallet.address, network: wallet.network, asset, amount: row.amount, locked_amount: row.locked_amount });
    },
    listRequests: ({ query }) => ok(sandbox.log.all().slice(-(query as Defaulted<typeof query, 'limit'>).limit)),
    listViolations: () => {
      const requests = sandbox.log.violations();
      return ok({ count: requests.length, requests });
    },
    listProblems: () => ok(sandbox.world.problems),
    listSandboxDecisions: () => { const all = sandboxDecisions(sandbox.contract.document); return ok({ count: all.length, decisions: all }); },
    clearViolations: () => { sandbox.log.clear(); return { status: 204 }; },
    ...simulationControlHandlers,
    ...worldControlHandlers(sandbox),
    ...faultControlHandlers(sandbox),
    ...triggerControlHandlers(sandbox),
    ...more,
    ...multisigControlHandlers,
  };
  return dispatchTable(handlers);
}
