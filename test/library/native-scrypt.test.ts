// Node hosts swap the pure-JS scrypt for node:crypto's: stored hashes must stay byte-for-byte the same, or worlds
// saved by the browser (pure JS) would not log in on the server and the other way round.
import { expect, test } from 'vitest';
import { scrypt } from '@noble/hashes/scrypt.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import { hashSecret, verifySecret } from '../../src/auth/passwords.ts';
import '../../src/server/native-scrypt.ts';

test('native scrypt gives the pure-JS hash, and verifies it', () => {
  for (const [secret, salt] of [['sandbox-password', 'abc123'], ['123456', 'ffee00'], ['pässwörd ✓', 's']]) {
    const expected = `scrypt$1024$${salt}$${bytesToHex(scrypt(secret, salt, { N: 1024, r: 8, p: 1, dkLen: 32 }))}`;
    expect(hashSecret(secret, salt)).toBe(expected);
    expect(verifySecret(secret, expected)).toBe(true);
    expect(verifySecret(`${secret}x`, expected)).toBe(false);
  }
});
