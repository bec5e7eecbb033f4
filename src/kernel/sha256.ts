// SHA-256 (FIPS 180-4) for the short inputs the sandbox hashes per request: a password or PIN with its salt, the 21
// and 32 bytes of a TRON address checksum. The same digests as @noble/hashes' sha256, computed over reused buffers:
// noble builds a hasher object (its buffers and views) per call, which for inputs of one or two blocks costs more than
// the compression itself. Pure JS, so it runs in a browser worker too. Not for secrets that need constant-time hashing.

const K = Uint32Array.from([
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
  0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
  0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
  0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
  0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
  0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
  0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
  0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
]);
const IV = Uint32Array.from([0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19]);

const H = new Uint32Array(8);
const W = new Uint32Array(64);
/** The last one or two blocks, with the padding and the bit length. */
const TAIL = new Uint8Array(128);

function compress(bytes: Uint8Array, at: number): void {
  for (let i = 0; i < 16; i++, at += 4) W[i] = (bytes[at] << 24) | (bytes[at + 1] << 16) | (bytes[at + 2] << 8) | bytes[at + 3];
  for (let i = 16; i < 64; i++) {
    const w15 = W[i - 15], w2 = W[i - 2];
    const s0 = ((w15 >>> 7) | (w15 << 25)) ^ ((w15 >>> 18) | (w15 << 14)) ^ (w15 >>> 3);
    const s1 = ((w2 >>> 17) | (w2 << 15)) ^ ((w2 >>> 19) | (w2 << 13)) ^ (w2 >>> 10);
    W[i] = (W[i - 16] + s0 + W[i - 7] + s1) | 0;
  }
  let a = H[0], b = H[1], c = H[2], d = H[3], e = H[4], f = H[5], g = H[6], h = H[7];
  for (let i = 0; i < 64; i++) {
    const S1 = ((e >>> 6) | (e << 26)) ^ ((e >>> 11) | (e << 21)) ^ ((e >>> 25) | (e << 7));
    const t1 = (h + S1 + ((e & f) ^ (~e & g)) + K[i] + W[i]) | 0;
    const S0 = ((a >>> 2) | (a << 30)) ^ ((a >>> 13) | (a << 19)) ^ ((a >>> 22) | (a << 10));
    const t2 = (S0 + ((a & b) ^ (a & c) ^ (b & c))) | 0;
    h = g; g = f; f = e; e = (d + t1) | 0; d = c; c = b; b = a; a = (t1 + t2) | 0;
  }
  H[0] = (H[0] + a) | 0; H[1] = (H[1] + b) | 0; H[2] = (H[2] + c) | 0; H[3] = (H[3] + d) | 0;
  H[4] = (H[4] + e) | 0; H[5] = (H[5] + f) | 0; H[6] = (H[6] + g) | 0; H[7] = (H[7] + h) | 0;
}

/** Hashes bytes[0, length) into H. */
function digestWords(bytes: Uint8Array, length = bytes.length): void {
  H.set(IV);
  const full = length - (length % 64);
  for (let at = 0; at < full; at += 64) compress(bytes, at);
  const rest = length - full;
  TAIL.fill(0);
  for (let i = 0; i < rest; i++) TAIL[i] = bytes[full + i];
  TAIL[rest] = 0x80;
  const end = rest < 56 ? 64 : 128;
  // bit length as a 64-bit big-endian number (inputs here are far below 2^32 bits... but not assumed to be)
  const bits = length * 8;
  const high = Math.floor(bits / 0x100000000), low = bits >>> 0;
  TAIL[end - 8] = high >>> 24; TAIL[end - 7] = high >>> 16; TAIL[end - 6] = high >>> 8; TAIL[end - 5] = high;
  TAIL[end - 4] = low >>> 24; TAIL[end - 3] = low >>> 16; TAIL[end - 2] = low >>> 8; TAIL[end - 1] = low;
  compress(TAIL, 0);
  if (end === 128) compress(TAIL, 64);
}

/** The 32-byte digest of bytes[0, length), written to out at `at` (a new array by default). */
export function sha256(bytes: Uint8Array, length = bytes.length, out = new Uint8Array(32), at = 0): Uint8Array {
  digestWords(bytes, length);
  for (let i = 0; i < 8; i++, at += 4) {
    const w = H[i];
    out[at] = w >>> 24; out[at + 1] = w >>> 16; out[at + 2] = w >>> 8; out[at + 3] = w;
  }
  return out;
}

const HEX_CODES = Array.from('0123456789abcdef', (ch) => ch.charCodeAt(0));
const HEX64 = new Array<number>(64).fill(0);

/** The digest as 64 lower-case hex digits. */
export function sha256Hex(bytes: Uint8Array, length = bytes.length): string {
  digestWords(bytes, length);
  for (let i = 0, o = 0; i < 8; i++) {
    const w = H[i];
    for (let shift = 28; shift >= 0; shift -= 4) HEX64[o++] = HEX_CODES[(w >>> shift) & 15];
  }
  return String.fromCharCode.apply(null, HEX64);
}
