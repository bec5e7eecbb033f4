// newAddress builds EIP-55 and base58 text from character codes in reused buffers (src/kernel/addresses.ts), for speed;
// the text must stay what the straightforward encodings give (the EIP-55 spec's own examples, base58 by BigInt division),
// or the same seed would stop giving the same addresses.
import { describe, expect, test } from 'vitest';
import { keccak_256 } from '@noble/hashes/sha3.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import { base58, isValidEthereumAddress, isValidTronAddress, newAddress, toChecksumAddress } from '../../src/kernel/addresses.ts';
import { Random } from '../../src/kernel/random.ts';

/** EIP-55 as the spec writes it: hash the lower-case hex text, upper-case a letter where the hash's hex digit is ≥ 8. */
function referenceChecksum(lower40: string): string {
  const hash = bytesToHex(keccak_256(new TextEncoder().encode(lower40)));
  return `0x${[...lower40].map((c, i) => (parseInt(hash[i], 16) >= 8 ? c.toUpperCase() : c)).join('')}`;
}

const ALPHABET = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz';
function referenceBase58(bytes: Uint8Array): string {
  let n = BigInt(`0x${bytesToHex(bytes) || '0'}`);
  let out = '';
  while (n > 0n) { out = ALPHABET[Number(n % 58n)] + out; n /= 58n; }
  for (const b of bytes) { if (b !== 0) break; out = `1${out}`; }
  return out;
}

describe('address encodings', () => {
  test('EIP-55: the spec examples, and every seeded Ethereum address equals the reference checksum', () => {
    for (const example of ['0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed', '0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359',
      '0xdbF03B407c01E7cD3CBea99509d93f8DDDC8C6FB', '0xD1220A0cf47c7B9Be7A2E6BA89F429762e7b9aDb']) {
      expect(toChecksumAddress(example.slice(2).toLowerCase())).toBe(example);
      expect(toChecksumAddress(example.toUpperCase().replace('0X', '0x'))).toBe(example);
    }
    const random = new Random(11);
    for (let i = 0; i < 500; i++) {
      const bytes = random.bytes(20);
      const address = newAddress('ethereum', bytes);
      expect(address).toBe(referenceChecksum(bytesToHex(bytes)));
      expect(isValidEthereumAddress(address)).toBe(true);
    }
  });

  test('base58 equals BigInt division for any length, leading zero bytes included; TRON addresses carry their check', () => {
    const random = new Random(12);
    for (let i = 0; i < 300; i++) {
      const bytes = random.bytes([0, 1, 5, 20, 25, 32, 64][i % 7]);
      if (i % 3 === 0 && bytes.length > 2) bytes[0] = bytes[1] = 0;
      expect(base58(bytes)).toBe(referenceBase58(bytes));
    }
    for (let i = 0; i < 200; i++) {
      const body = random.bytes(20);
      const payload = Uint8Array.from([0x41, ...body]);
      const expected = referenceBase58(Uint8Array.from([...payload, ...sha256(sha256(payload)).slice(0, 4)]));
      const address = newAddress('tron', body);
      expect(address).toBe(expected);
      expect(isValidTronAddress(address)).toBe(true);
      expect(newAddress('solana', random.bytes(32))).toMatch(/^[1-9A-HJ-NP-Za-km-z]{32,44}$/);
    }
  });
});
