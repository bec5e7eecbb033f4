// Token material from the platform's cryptographic random source, never from the world's seeded stream: the seed makes
// ids and addresses repeatable, but a token that repeats across processes or resets would, after a reset, name another
// login (a token held from before it could read as the first user to log in after it). crypto.getRandomValues exists in
// Node 20 and in browsers alike.
import { HEX_CODES } from '../kernel/addresses.ts';

const POOL_BYTES = 4096;
let pool = new Uint8Array(0);
let used = 0;

/**
 * n fresh random bytes. Served from a pool filled 4 KB at a time (each byte handed out once): a getRandomValues call
 * per token cost a login more than the token's own bookkeeping.
 */
export function freshBytes(n: number): Uint8Array {
  if (n > POOL_BYTES) return globalThis.crypto.getRandomValues(new Uint8Array(n));
  const at = take(n);
  return pool.slice(at, at + n);
}

/** Where n unused bytes of the pool start (n <= POOL_BYTES); they count as handed out from then on. */
function take(n: number): number {
  if (used + n > pool.length) { pool = globalThis.crypto.getRandomValues(new Uint8Array(POOL_BYTES)); used = 0; }
  used += n;
  return used - n;
}

/** A uuid's 36 character codes, rewritten by every call. */
const UUID_CODES = new Array<number>(36).fill(0);

const BASE64URL = Array.from('ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_', (ch) => ch.charCodeAt(0));

/**
 * base64url without padding of n fresh bytes: encoded straight from the pool into character codes (the same text as
 * btoa and three replaces, without the binary string, the padded text and its copies).
 */
export function freshBase64url(n: number): string {
  if (n > POOL_BYTES) return base64url(freshBytes(n), 0, n);
  const at = take(n);
  return base64url(pool, at, at + n);
}

/** base64url without padding (RFC 4648 §5) of bytes[start, end). */
export function base64url(bytes: Uint8Array, start = 0, end = bytes.length): string {
  const codes = new Array<number>(Math.ceil(((end - start) * 4) / 3));
  const n = end;
  let o = 0, i = start;
  for (; i + 3 <= n; i += 3) {
    const v = (bytes[i] << 16) | (bytes[i + 1] << 8) | bytes[i + 2];
    codes[o++] = BASE64URL[v >> 18]; codes[o++] = BASE64URL[(v >> 12) & 63]; codes[o++] = BASE64URL[(v >> 6) & 63]; codes[o++] = BASE64URL[v & 63];
  }
  if (n - i === 1) {
    const v = bytes[i] << 16;
    codes[o++] = BASE64URL[v >> 18]; codes[o++] = BASE64URL[(v >> 12) & 63];
  } else if (n - i === 2) {
    const v = (bytes[i] << 16) | (bytes[i + 1] << 8);
    codes[o++] = BASE64URL[v >> 18]; codes[o++] = BASE64URL[(v >> 12) & 63]; codes[o++] = BASE64URL[(v >> 6) & 63];
  }
  return String.fromCharCode.apply(null, codes);
}

/** A random (version 4) UUID. */
export function freshUuid(): string {
  const at = take(16);
  const b = pool;
  b[at + 6] = (b[at + 6] & 0x0f) | 0x40;
  b[at + 8] = (b[at + 8] & 0x3f) | 0x80;
  const c = UUID_CODES;
  for (let i = 0, o = 0; i < 16; i++) {
    if (i === 4 || i === 6 || i === 8 || i === 10) c[o++] = 45; // '-'
    c[o++] = HEX_CODES[b[at + i] >> 4];
    c[o++] = HEX_CODES[b[at + i] & 15];
  }
  return String.fromCharCode.apply(null, c);
}
