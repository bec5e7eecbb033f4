// Passwords and PINs are stored hashed, never in clear, under a named scheme: `sandbox-sha256$<salt>$<hex>`, one
// SHA-256 of salt and secret. A sandbox holds test credentials only, so it needs no costly (deliberately slow) hash:
// scrypt here blocked the event loop on every register and login. Pure JS (@noble/hashes), so it runs in a browser
// worker too. Hashes written by earlier versions (`scrypt$<N>$<salt>$<hex>`, in old snapshots) still verify.
import { sha256 } from '@noble/hashes/sha2.js';
import { scrypt } from '@noble/hashes/scrypt.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';

export const HASH_SCHEME = 'sandbox-sha256';

export function hashSecret(secret: string, salt: string): string {
  return `${HASH_SCHEME}$${salt}$${bytesToHex(sha256(utf8ToBytes(`${salt}\u0000${secret}`)))}`;
}

/** The salt a stored hash was made with (a new PIN is hashed with the password's salt). */
export function saltOf(stored: string): string {
  const parts = stored.split('$');
  return parts[0] === 'scrypt' ? parts[2] : parts[1];
}

/** The stored hash recomputed for `secret` under the stored hash's own scheme. */
function rehash(secret: string, stored: string): string | null {
  const parts = stored.split('$');
  if (parts[0] === HASH_SCHEME && parts.length === 3) return hashSecret(secret, parts[1]);
  if (parts[0] === 'scrypt' && parts.length === 4) {
    const N = Number(parts[1]);
    if (!Number.isInteger(N) || N < 2 || N > 1 << 16) return null;
    return `scrypt$${N}$${parts[2]}$${bytesToHex(scrypt(secret, parts[2], { N, r: 8, p: 1, dkLen: 32 }))}`;
  }
  return null;
}

export function verifySecret(secret: string, stored: string | null): boolean {
  if (!stored) return false;
  const candidate = rehash(secret, stored);
  if (candidate === null) return false;
  // Constant-time comparison, as the real service would do.
  let diff = candidate.length ^ stored.length;
  for (let i = 0; i < Math.min(candidate.length, stored.length); i++) diff |= candidate.charCodeAt(i) ^ stored.charCodeAt(i);
  return diff === 0;
}
