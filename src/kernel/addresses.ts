// Chain addresses that real validators accept: Ethereum with its EIP-55 checksum, TRON as base58check of 0x41 + 20 bytes,
// Solana as the base58 of a 32-byte public key.
import { keccak_256 } from '@noble/hashes/sha3.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';

/** The networks money moves on in the sandbox (orders, transfers, OTC, multisig proposals). */
export type Network = 'ethereum' | 'tron';
/** Wallets may also live on Solana (POST /wallets, /wallets/for-owner); no flow of the sandbox sends from them. */
export type WalletNetwork = Network | 'solana';

const UTF8 = new TextEncoder();

export function toChecksumAddress(hex40: string): string {
  const lower = hex40.toLowerCase().replace(/^0x/, '');
  const hash = bytesToHex(keccak_256(UTF8.encode(lower)));
  let out = '0x';
  for (let i = 0; i < 40; i++) out += parseInt(hash[i], 16) >= 8 ? lower[i].toUpperCase() : lower[i];
  return out;
}

const ALPHABET = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz';

/** Base58 by repeated division of a little-endian digit array (the same text as BigInt division, without BigInts). */
export function base58(bytes: Uint8Array): string {
  const digits: number[] = [];
  for (const b of bytes) {
    let carry = b;
    for (let j = 0; j < digits.length; j++) {
      carry += digits[j] * 256;
      digits[j] = carry % 58;
      carry = Math.floor(carry / 58);
    }
    while (carry > 0) { digits.push(carry % 58); carry = Math.floor(carry / 58); }
  }
  let out = '';
  for (const b of bytes) { if (b !== 0) break; out += '1'; }
  for (let j = digits.length - 1; j >= 0; j--) out += ALPHABET[digits[j]];
  return out;
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

export function tronAddressFromBytes(body20: Uint8Array): string {
  const payload = new Uint8Array(21);
  payload[0] = 0x41;
  payload.set(body20, 1);
  const check = sha256(sha256(payload)).slice(0, 4);
  const full = new Uint8Array(25);
  full.set(payload);
  full.set(check, 21);
  return base58(full);
}

export function isValidTronAddress(address: string): boolean {
  const bytes = base58Decode(address);
  if (!bytes || bytes.length !== 25 || bytes[0] !== 0x41) return false;
  const check = sha256(sha256(bytes.slice(0, 21))).slice(0, 4);
  return check.every((b, i) => b === bytes[21 + i]);
}

export function isValidEthereumAddress(address: string): boolean {
  if (!/^0x[0-9a-fA-F]{40}$/.test(address)) return false;
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
  return network === 'ethereum' ? toChecksumAddress(bytesToHex(bytes)) : tronAddressFromBytes(bytes);
}
