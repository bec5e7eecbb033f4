// Passwords and PINs are stored as scrypt hashes (pure JS, so it runs in a browser worker too). The cost is a
// sandbox-strength N=1024: real enough to never keep a secret in clear, cheap enough for test suites that register
// hundreds of users. Results are memoised because fixtures re-hash the same secrets with the same salts on reset.
import { scrypt } from '@noble/hashes/scrypt.js';
import { bytesToHex } from '@noble/hashes/utils.js';

const PARAMS = { N: 1024, r: 8, p: 1, dkLen: 32 };
const memo = new Map<string, string>();

export type ScryptFunction = (secret: string, salt: string, params: typeof PARAMS) => Uint8Array;
let derive: ScryptFunction = (secret, salt, params) => scrypt(secret, salt, params);

/** Node hosts plug in node:crypto's native scrypt (src/server/native-scrypt.ts): the same bytes, several times faster. */
export function useScrypt(fn: ScryptFunction): void { derive = fn; }

export function hashSecret(secret: string, salt: string): string {
  const key = `${salt}\u0000${secret}`;
  let hash = memo.get(key);
  if (!hash) {
    hash = `scrypt$${PARAMS.N}$${salt}$${bytesToHex(derive(secret, salt, PARAMS))}`;
    if (memo.size > 10_000) memo.clear();
    memo.set(key, hash);
  }
  return hash;
}

export function verifySecret(secret: string, stored: string | null): boolean {
  if (!stored) return false;
  const [, , salt] = stored.split('$');
  const candidate = hashSecret(secret, salt);
  // Constant-time comparison, as the real service would do.
  let diff = candidate.length ^ stored.length;
  for (let i = 0; i < Math.min(candidate.length, stored.length); i++) diff |= candidate.charCodeAt(i) ^ stored.charCodeAt(i);
  return diff === 0;
}
