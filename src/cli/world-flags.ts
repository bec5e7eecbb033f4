// The start command's flags about worlds and state (--state FILE, --world-ttl DURATION, --max-worlds N; described in
// commands.ts) turned into the sandbox's options.
import type { WorldsOptions } from '../worlds/registry.ts';

const UNITS: Record<string, number> = { '': 1000, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/** "90s", "30m", "24h", "2d" or plain seconds → milliseconds. */
export function parseDuration(text: string, flag: string): number {
  const match = /^(\d+(?:\.\d+)?)([smhd]?)$/.exec(text.trim());
  const ms = match ? Number(match[1]) * UNITS[match[2]] : NaN;
  if (!(ms > 0)) throw new Error(`${flag} expects a positive duration such as 90s, 30m, 24h or 2d, got "${text}"`);
  return ms;
}

export function worldFlags(flag: (name: string) => string | undefined): { state?: string; worlds: WorldsOptions } {
  const ttl = flag('--world-ttl');
  const max = flag('--max-worlds');
  if (max !== undefined && !/^\d+$/.test(max)) throw new Error(`--max-worlds expects a whole number ≥ 0, got "${max}"`);
  return {
    state: flag('--state'),
    worlds: { ttlMs: ttl === undefined ? undefined : parseDuration(ttl, '--world-ttl'), maxWorlds: max === undefined ? undefined : Number(max) },
  };
}
