// Passwords and PINs are stored under a named, cheap scheme (a sandbox holds test credentials only, so register must
// not block the event loop on a costly hash), never in clear; hashes of the earlier scrypt scheme still verify.
import { describe, expect, test } from 'vitest';
import { scrypt } from '@noble/hashes/scrypt.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import { seededSandbox } from '../scale/support.ts';
import { hashSecret, verifySecret } from '../../src/auth/passwords.ts';

describe('stored secrets', () => {
  test('register stores sandbox-sha256$<salt>$<hex> for the password and the PIN; login and login-pin check them', async () => {
    const sb = seededSandbox();
    const reg = await sb.call('POST', '/api/v1/users/register', { body: { email: 'hash@example.com', phone_number: '+254733000999',
      first_name: 'H', last_name: 'S', password: 'secret123', pin: '654321' } });
    expect(reg.status).toBe(201);
    const row = sb.world().table<{ id: string; password_hash: string; pin_hash: string }>('users').get(reg.body.user.id)!;
    expect(row.password_hash).toMatch(/^sandbox-sha256\$[0-9a-f]{16}\$[0-9a-f]{64}$/);
    expect(row.pin_hash).toMatch(/^sandbox-sha256\$[0-9a-f]{16}\$[0-9a-f]{64}$/);
    expect(row.password_hash).not.toContain('secret123');
    expect((await sb.call('POST', '/api/v1/users/login', { body: { email: 'hash@example.com', password: 'secret123' } })).status).toBe(200);
    expect((await sb.call('POST', '/api/v1/users/login', { body: { email: 'hash@example.com', password: 'secret124' } })).status).toBe(401);
    expect((await sb.call('POST', '/api/v1/users/login-pin', { body: { phone_number: '+254733000999', pin: '654321' } })).status).toBe(200);
  });

  test('the same secret with another salt gives another hash; a hash of the old scrypt scheme still verifies', () => {
    expect(hashSecret('pw', 'aa')).not.toBe(hashSecret('pw', 'bb'));
    const old = `scrypt$1024$0123456789abcdef$${bytesToHex(scrypt('pw', '0123456789abcdef', { N: 1024, r: 8, p: 1, dkLen: 32 }))}`;
    expect(verifySecret('pw', old)).toBe(true);
    expect(verifySecret('px', old)).toBe(false);
    expect(verifySecret('pw', 'md5$whatever')).toBe(false);
    expect(verifySecret('pw', null)).toBe(false);
  });
});
