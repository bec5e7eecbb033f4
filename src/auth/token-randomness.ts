// Token material from the platform's cryptographic random source, never from the world's seeded stream: the seed makes
// ids and addresses repeatable, but a token that repeats across processes or resets would, after a reset, name another
// login (a token held from before it could read as the first user to log in after it). crypto.getRandomValues exists in
// Node 20 and in browsers alike.

const POOL_BYTES = 4096;
let pool = new Uint8Array(0);
let used = 0;

/**
 * n fresh random bytes. Served from a pool filled 4 KB at a time (each byte handed out once): a getRandomValues call
 * per token cost a login more than the token's own bookkeeping.
 */
export function freshBytes(n: number): Uint8Array {
  if (n > POOL_BYTES) return globalThis.crypto.getRandomValues(new Uint8Array(n));
  if (used + n > pool.length) { pool = globalThis.crypto.getRandomValues(new Uint8Array(POOL_BYTES)); used = 0; }
  const out = pool.slice(used, used + n);
  used += n;
  return out;
}

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

/** base64url without padding of n fresh bytes. */
export function freshBase64url(n: number): string {
  let s = '';
  for (const b of freshBytes(n)) s += String.fromCharCode(b);
  return btoa(s).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** A random (version 4) UUID. */
export function freshUuid(): string {
  const b = freshBytes(16);
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  let hex = '';
  for (let i = 0; i < 16; i++) hex += HEX[b[i]];
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
