// The validation proxy in front of the sandbox: a valid request passes untouched, an invalid client request is
// forwarded but counted and listed, a tampered response is caught, and --errors turns violations into 500s.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { useServer } from '../support/server.ts';
import { client, type Client } from '../support/client.ts';
import { startProxy, type RunningProxy } from '../../src/contract-runner/proxy.ts';
import { startBrokenServer } from './broken-server.ts';
import type { RunningServer } from '../../src/server/start.ts';

const ctx = useServer();
let proxy: RunningProxy;
let strictProxy: RunningProxy;
let broken: RunningServer;
let brokenProxy: RunningProxy;
let brokenStrictProxy: RunningProxy;
let api: Client;

beforeAll(async () => {
  proxy = await startProxy({ target: ctx.server.url });
  strictProxy = await startProxy({ target: ctx.server.url, errors: true });
  broken = await startBrokenServer({ getUserByEmail: { body: (user) => ({ ...user, role: 'wizard', extra: true }) } });
  brokenProxy = await startProxy({ target: broken.url });
  brokenStrictProxy = await startProxy({ target: broken.url, errors: true });
  api = client(proxy.url);
});
afterAll(async () => {
  await Promise.all([proxy, strictProxy, brokenProxy, brokenStrictProxy].map((p) => p?.close()));
  await broken?.close();
});

describe('validation proxy', () => {
  test('a valid request and response pass through unchanged, with a zero count', async () => {
    const token = await api.login('alice@coinpool.test');
    const r = await api.call('GET', '/api/v1/auth/user/email/alice@coinpool.test', { token });
    expect(r.status).toBe(200);
    expect(r.body.email).toBe('alice@coinpool.test');
    expect(r.headers.get('x-contract-violations')).toBe('0');
    expect(r.headers.get('content-type')).toBe('application/json');
    const v = await api.call('GET', '/__sandbox/violations');
    expect(v.body).toEqual({ count: 0, requests: [] });
  });

  test('an invalid client request is forwarded, counted, and listed with every error', async () => {
    const r = await api.call('POST', '/api/v1/users/login', { body: { email: 5, password: 'x', pin: '1' } });
    expect(r.status).toBe(400); // the sandbox's own answer
    expect(r.headers.get('x-contract-violations')).toBe('3');
    const v = await api.call('GET', '/__sandbox/violations');
    expect(v.body.count).toBe(1);
    expect(v.body.requests[0]).toMatchObject({ method: 'POST', path: '/api/v1/users/login', operation_id: 'loginUser', status: 400, response_violations: [] });
    expect(v.body.requests[0].request_violations.map((d: { pointer: string }) => d.pointer).sort()).toEqual(['/email', '/password', '/pin']);
    expect(v.body.requests[0].request_violations.find((d: { pointer: string }) => d.pointer === '/email'))
      .toEqual({ location: 'body', pointer: '/email', reason: 'expected must be string, got 5' });
    // The sandbox behind it recorded the same client mistake in its own log.
    const own = await client(ctx.server.url).call('GET', '/__sandbox/violations');
    expect(own.body.requests.some((e: { operation_id: string; status: number }) => e.operation_id === 'loginUser' && e.status === 400)).toBe(true);
    expect((await api.call('DELETE', '/__sandbox/violations')).status).toBe(204);
    expect((await api.call('GET', '/__sandbox/violations')).body.count).toBe(0);
  });

  test('a missing token is a request violation of a protected operation', async () => {
    const r = await api.call('GET', '/api/v1/auth/fiat-currencies');
    expect(r.status).toBe(401);
    expect(r.headers.get('x-contract-violations')).toBe('1');
    const v = await api.call('GET', '/__sandbox/violations');
    expect(v.body.requests.at(-1).request_violations[0]).toMatchObject({ location: 'header', pointer: '/authorization' });
    await api.call('DELETE', '/__sandbox/violations');
  });

  test('a tampered response is caught: counted and listed, the body passed on as it came', async () => {
    const b = client(brokenProxy.url);
    const token = await b.login('alice@coinpool.test');
    const r = await b.call('GET', '/api/v1/auth/user/email/alice@coinpool.test', { token });
    expect(r.status).toBe(200);
    expect(r.body.role).toBe('wizard');
    expect(r.headers.get('x-contract-violations')).toBe('2');
    const v = await b.call('GET', '/__sandbox/violations');
    expect(v.body.count).toBe(1);
    expect(v.body.requests[0]).toMatchObject({ operation_id: 'getUserByEmail', status: 200, request_violations: [] });
    expect(v.body.requests[0].response_violations.map((d: { pointer: string }) => d.pointer).sort()).toEqual(['/extra', '/role']);
  });

  test('--errors: a tampered response becomes a 500 naming each violation', async () => {
    const b = client(brokenStrictProxy.url);
    const token = await b.login('alice@coinpool.test');
    const r = await b.call('GET', '/api/v1/auth/user/email/alice@coinpool.test', { token });
    expect(r.status).toBe(500);
    expect(r.body.error).toMatch(/^contract violation in the 200 response of getUserByEmail: /);
    expect(r.body.error).toContain('body /role: expected must be one of: customer, user, vendor');
    expect(r.body.error).toContain('body /extra: expected is not a known field, got present: true');
    expect(r.body.details.map((d: { pointer: string }) => d.pointer).sort()).toEqual(['/extra', '/role']);
  });

  test('--errors: an invalid request is a 500 and is not forwarded', async () => {
    const target = client(ctx.server.url);
    await target.call('DELETE', '/__sandbox/violations');
    const s = client(strictProxy.url);
    const r = await s.call('POST', '/api/v1/users/register', { body: { email: 'not-an-email' } });
    expect(r.status).toBe(500);
    expect(r.body.error).toMatch(/^contract violation in the request to registerUser \(not forwarded\): /);
    expect(r.body.error).toContain('body /email: expected must match format "email", got "not-an-email"');
    expect(r.body.error).toContain('body /password: expected is required, got (missing)');
    const requests = await target.call('GET', '/__sandbox/requests');
    expect(requests.body.filter((e: { path: string }) => e.path === '/api/v1/users/register')).toEqual([]);
  });

  test('the control API of a sandbox target passes through unchecked', async () => {
    const r = await api.call('GET', '/__sandbox/fixtures');
    expect(r.status).toBe(200);
    expect(r.body.users.length).toBeGreaterThan(5);
    expect(r.headers.get('x-contract-violations')).toBeNull();
  });
});
