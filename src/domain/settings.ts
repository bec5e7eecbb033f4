// Sandbox settings that stand for the real service's server configuration (what the API itself cannot choose).
// Kept in a table: a reset restores the defaults and a snapshot carries them.
import type { World } from '../kernel/world.ts';
import type { CustodyProvider } from './escrow.ts';
import { invalidField } from '../kernel/errors.ts';

export interface SandboxSettings {
  /** Who holds the keys of escrow wallets created through the API (the real service decides this by configuration). */
  escrow_custody_provider: CustodyProvider;
  /** A random delay added to every product response (median and 99th percentile, ms); null: answer at once. */
  latency: { p50_ms: number; p99_ms: number } | null;
}

const DEFAULTS: SandboxSettings = { escrow_custody_provider: 'bitgo', latency: null };
const ROW_ID = 'sandbox';
const table = (w: World) => w.table<SandboxSettings & { id: string }>('settings');

export function getSettings(world: World): SandboxSettings {
  const { id: _id, ...settings } = table(world).get(ROW_ID) ?? { id: ROW_ID, ...DEFAULTS };
  return { ...DEFAULTS, ...settings };
}

export function updateSettings(world: World, patch: Partial<SandboxSettings>): SandboxSettings {
  // The one rule the control contract's schema cannot say: a percentile below the median.
  if (patch.latency && patch.latency.p99_ms < patch.latency.p50_ms) throw invalidField('/latency/p99_ms', 'must not be below p50_ms');
  const next = { ...getSettings(world), ...patch };
  if (table(world).get(ROW_ID)) table(world).update(ROW_ID, next); else table(world).insert({ id: ROW_ID, ...next });
  return next;
}
