// Tokens must not be valid in another world. Worlds of the same seed draw the same random stream (that is what
// makes their fixtures equal), so the seeded token strings alone would coincide: world A's alice token would be
// world B's alice token too. Each World object therefore gets a secret key of its own, from the platform's CSPRNG
// (crypto.getRandomValues exists in Node and browsers), and every token it issues is the seeded draw shifted by
// that key, character by character within the token's alphabet. The format is unchanged and the random stream is
// consumed exactly as before, so ids and fixtures stay deterministic; only the secrets differ per world instance.
import type { World } from '../domain/world.ts';

const keys = new WeakMap<World, Uint8Array>();
const BASE64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const HEX = '0123456789abcdef';

function keyOf(world: World): Uint8Array {
  let key = keys.get(world);
  if (!key) keys.set(world, (key = globalThis.crypto.getRandomValues(new Uint8Array(128))));
  return key;
}

/** Shifts each character found in `alphabet` by the world's key; other characters (separators) stay. */
function shift(world: World, text: string, alphabet: string, keep: (index: number) => boolean = () => false): string {
  const key = keyOf(world);
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const at = alphabet.indexOf(text[i]);
    out += at < 0 || keep(i) ? text[i] : alphabet[(at + key[i % key.length]) % alphabet.length];
  }
  return out;
}

/** A base64url secret of this world (the access token's body). */
export const worldSecret = (world: World, seeded: string): string => shift(world, seeded, BASE64URL);

/** A UUID secret of this world (a refresh token): hex digits shifted, version (4) and variant digits kept. */
export const worldUuid = (world: World, seeded: string): string => shift(world, seeded.toLowerCase(), HEX, (i) => i === 14 || i === 19);
