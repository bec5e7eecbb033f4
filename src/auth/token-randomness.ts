// Token material from the platform's cryptographic random source, never from the world's seeded stream: the seed makes
// ids and addresses repeatable, but a token that repeats across processes or resets would, after a reset, name another
// login (a token held from before it could read as the first user to log in after it). crypto.getRandomValues exists in
// Node 20 and in browsers alike.

/** n fresh random bytes. */
export function freshBytes(n: number): Uint8Array {
  return globalThis.crypto.getRandomValues(new Uint8Array(n));
}

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
  const hex = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
