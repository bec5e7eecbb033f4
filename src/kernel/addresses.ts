// Chain addresses that real validators accept: Ethereum with its EIP-55 checksum, TRON as base58check of 0x41 + 20 bytes,
// Solana as the base58 of a 32-byte public key.
import { keccak_256, keccakP } from '@noble/hashes/sha3.js';
import { sha256 } from '@noble/hashes/sha2.js';

/** The networks money moves on in the sandbox (orders, transfers, OTC, multisig proposals). */
export type Network = 'ethereum' | 'tron';
/** Wallets may also live on Solana (POST /wallets, /wallets/for-owner); no flow of the sandbox sends from them. */
export type WalletNetwork = Network | 'solana';

/** Reused by every checksum: the 40 lower-case hex digits as ASCII (what EIP-55 hashes) and the address's 42 codes. */
const ASCII40 = new Uint8Array(40);
const CODES42 = [48, 120, ...new Array<number>(40).fill(48)]; // "0x" + 40 digits
/** The character codes of the 16 lower-case hex digits (addresses, ids and tokens are written from these). */
export const HEX_CODES = Array.from('0123456789abcdef', (ch) => ch.charCodeAt(0));

/** Keccak-f state for keccak40: 25 lanes as 50 words, and its bytes (noble's keccakP reads words in little-endian order). */
const STATE = new Uint32Array(50);
const STATE_BYTES = new Uint8Array(STATE.buffer);
const LITTLE_ENDIAN = new Uint8Array(Uint32Array.of(1).buffer)[0] === 1;

/**
 * keccak-256 of ASCII40 as one absorbed block (40 bytes fit the 136-byte rate): the message, keccak's 0x01 padding
 * and the final 0x80, one permutation; the first 32 bytes of the returned state are the hash. The same bytes as
 * keccak_256(ASCII40) without a hasher object, its buffers and a digest copy per address.
 */
function keccak40(): Uint8Array {
  if (!LITTLE_ENDIAN) return keccak_256(ASCII40);
  STATE.fill(0);
  STATE_BYTES.set(ASCII40);
  STATE_BYTES[40] = 0x01;
  STATE_BYTES[135] = 0x80;
  keccakP(STATE);
  return STATE_BYTES;
}

/**
 * EIP-55 over ASCII40 (already filled): a letter digit is upper-cased where the matching nibble of keccak-256 of the
 * lower-case text is 8 or more. Built from character codes, without hex text of the hash or per-character strings.
 */
function checksumOfAscii(): string {
  const hash = keccak40();
  for (let i = 0; i < 40; i++) {
    const c = ASCII40[i];
    const nibble = i & 1 ? hash[i >> 1] & 0x0f : hash[i >> 1] >> 4;
    CODES42[i + 2] = c >= 97 && nibble >= 8 ? c - 32 : c;
  }
  return String.fromCharCode.apply(null, CODES42);
}

export function toChecksumAddress(hex40: string): string {
  const lower = hex40.toLowerCase().replace(/^0x/, '');
  if (!/^[0-9a-f]{40}$/.test(lower)) throw new Error(`addresses: not 40 hex digits: ${hex40}`);
  for (let i = 0; i < 40; i++) ASCII40[i] = lower.charCodeAt(i);
  return checksumOfAscii();
}

/** The EIP-55 address of 20 bytes (the same text as toChecksumAddress(bytesToHex(bytes)), without the hex string). */
function ethereumAddressFromBytes(body20: Uint8Array): string {
  for (let i = 0; i < 20; i++) {
    ASCII40[2 * i] = HEX_CODES[body20[i] >> 4];
    ASCII40[2 * i + 1] = HEX_CODES[body20[i] & 0x0f];
  }
  return checksumOfAscii();
}

const ALPHABET = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz';

const ALPHABET_CODES = Array.from(ALPHABET, (ch) => ch.charCodeAt(0));

/**
 * Base58 by repeated division of a little-endian digit array (the same text as BigInt division, without BigInts). The
 * digits go in a reused typed array and the text is built from character codes: a flat string, no per-digit pieces.
 */
let digitBuffer = new Uint8Array(64);
export function base58(bytes: Uint8Array): string {
  // log(256)/log(58) < 1.37: enough digits for any input
  if (digitBuffer.length < bytes.length * 2) digitBuffer = new Uint8Array(bytes.length * 2);
  const digits = digitBuffer;
  let length = 0;
  for (let i = 0; i < bytes.length; i++) {
    let carry = bytes[i];
    for (let j = 0; j < length; j++) {
      carry += digits[j] * 256;
      digits[j] = carry % 58;
      carry = (carry / 58) | 0;
    }
    while (carry > 0) { digits[length++] = carry % 58; carry = (carry / 58) | 0; }
  }
  let zeros = 0;
  while (zeros < bytes.length && bytes[zeros] === 0) zeros++;
  const codes = new Array<number>(zeros + length);
  for (let i = 0; i < zeros; i++) codes[i] = 49; // '1'
  for (let j = 0; j < length; j++) codes[zeros + j] = ALPHABET_CODES[digits[length - 1 - j]];
  return String.fromCharCode.apply(null, codes);
}

export function base58Decode(text: string): Uint8Array | null {
  let n = 0n;
  for (const c of text) {
    const i = ALPHABET.indexOf(c);
    if (i < 0) return null;
    n = n * 58n + BigInt(i);
  }
  const bytes: number[] = [];
  while (n > 0n) { bytes.unshift(Number(n % 256n)); n /= 256n; }
  for (const c of text) { if (c !== '1') break; bytes.unshift(0); }
  return Uint8Array.from(bytes);
}

/** 0x41 + the 20-byte body + 4 check bytes, reused by every TRON address (base58 reads it before the next call). */
const TRON_FULL = new Uint8Array(25);
TRON_FULL[0] = 0x41;
export function tronAddressFromBytes(body20: Uint8Array): string {
  TRON_FULL.set(body20, 1);
  const check = sha256(sha256(TRON_FULL.subarray(0, 21)));
  TRON_FULL.set(check.subarray(0, 4), 21);
  return base58(TRON_FULL);
}

export function isValidTronAddress(address: string): boolean {
  const bytes = base58Decode(address);
  if (!bytes || bytes.length !== 25 || bytes[0] !== 0x41) return false;
  const check = sha256(sha256(bytes.slice(0, 21))).slice(0, 4);
  return check.every((b, i) => b === bytes[21 + i]);
}

/** /^0x[0-9a-fA-F]{40}$/, checked without a regex run (every wallet insert and address lookup asks). */
export function isHexAddress(address: string): boolean {
  if (address.length !== 42 || address.charCodeAt(0) !== 48 || address.charCodeAt(1) !== 120) return false;
  for (let i = 2; i < 42; i++) {
    const c = address.charCodeAt(i);
    if (c >= 48 && c <= 57) continue;
    const lower = c | 32; // A-F onto a-f (no other code lands there)
    if (lower < 97 || lower > 102) return false;
  }
  return true;
}

export function isValidEthereumAddress(address: string): boolean {
  if (!isHexAddress(address)) return false;
  const body = address.slice(2);
  // All-lower or all-upper addresses carry no checksum; mixed case must match EIP-55.
  if (body === body.toLowerCase() || body === body.toUpperCase()) return true;
  return toChecksumAddress(body) === address;
}

/** A Solana address is any 32-byte value in base58 (32–44 characters); leading zero bytes are '1's. */
export function isValidSolanaAddress(address: string): boolean {
  if (!/^[1-9A-HJ-NP-Za-km-z]{32,44}$/.test(address)) return false;
  const bytes = base58Decode(address);
  return !!bytes && bytes.length === 32;
}

export function addressMatchesNetwork(address: string, network: WalletNetwork): boolean {
  if (network === 'solana') return isValidSolanaAddress(address);
  return network === 'ethereum' ? isValidEthereumAddress(address) : isValidTronAddress(address);
}

/** How many random bytes make an address: a 20-byte account on Ethereum and TRON, a 32-byte public key on Solana. */
export const ADDRESS_BYTES: Record<WalletNetwork, number> = { ethereum: 20, tron: 20, solana: 32 };

export function newAddress(network: WalletNetwork, bytes: Uint8Array): string {
  if (bytes.length !== ADDRESS_BYTES[network]) throw new Error(`addresses: ${network} needs ${ADDRESS_BYTES[network]} bytes, got ${bytes.length}`);
  if (network === 'solana') return base58(bytes);
  return network === 'ethereum' ? ethereumAddressFromBytes(bytes) : tronAddressFromBytes(bytes);
}
