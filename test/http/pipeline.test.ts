// The request pipeline over real HTTP, exercised through the control API (its contract is contracts/sandbox-control.yaml):
// routing errors, content types, size limits, malformed JSON, and validation errors that name every bad field.
import { describe, expect, test } from 'vitest';
import { useServer } from '../support/server.ts';

const ctx = useServer();

describe('routing', () => {
  test('an unknown path is a 404 with the error body', async () => {
    const r = await ctx.api.call('GET', '/api/v1/nothing/here');
    expect(r.status).toBe(404);
    expect(r.body.error).toMatch(/no such endpoint: GET \/api\/v1\/nothing\/here/);
  });

  test('a wrong method on a known path is a 405 listing the allowed methods', async () => {
    const r = await ctx.api.call('DELETE', '/__sandbox/clock');
    expect(r.status).toBe(405);
    expect(r.headers.get('allow')).toBe('GET');
    expect(r.body.error).toMatch(/allowed: GET/);
  });

  test('responses are bare application/json', async () => {
    const r = await ctx.api.call('GET', '/__sandbox/clock');
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toBe('application/json');
  });
});

describe('request bodies', () => {
  test('a wrong content type is a 415', async () => {
    const r = await ctx.api.call('POST', '/__sandbox/clock/advance', { raw: 'seconds=5', headers: { 'content-type': 'text/plain' } });
    expect(r.status).toBe(415);
    expect(r.body.error).toMatch(/text\/plain is not supported; use application\/json/);
  });

  test('malformed JSON is a 400', async () => {
    const r = await ctx.api.call('POST', '/__sandbox/clock/advance', { raw: '{"seconds": ', headers: { 'content-type': 'application/json' } });
    expect(r.status).toBe(400);
    expect(r.body.error).toMatch(/malformed JSON/);
  });

  test('a body over 1 MiB is a 413', async () => {
    const big = JSON.stringify({ seconds: 1, pad: 'x'.repeat(1024 * 1024) });
    const r = await ctx.api.call('POST', '/__sandbox/clock/advance', { raw: big, headers: { 'content-type': 'application/json' } });
    expect(r.status).toBe(413);
  });

  test('a missing body is a 400', async () => {
    const r = await ctx.api.call('POST', '/__sandbox/clock/advance', { headers: { 'content-type': 'application/json' } });
    expect(r.status).toBe(400);
    expect(r.body.details).toEqual([{ location: 'body', pointer: '/', reason: 'a request body is required' }]);
  });

  test('every bad field is named at once, and nothing changes', async () => {
    const before = await ctx.api.call('GET', '/__sandbox/clock');
    const r = await ctx.api.call('POST', '/__sandbox/faucet', { body: { address: 'T1', asset: 'DOGE', amount: 12, extra: true } });
    expect(r.status).toBe(400);
    const pointers = r.body.details.map((d: { pointer: string }) => d.pointer).sort();
    expect(pointers).toEqual(expect.arrayContaining(['/address', '/amount', '/asset', '/extra']));
    expect(r.body.error).toMatch(/body \/asset must be one of: ETH, TRX, SOL, USDT, USDC/);
    const after = await ctx.api.call('GET', '/__sandbox/clock');
    expect(after.body).toEqual(before.body);
  });

  test('the request log records invalid requests as violations', async () => {
    await ctx.api.call('DELETE', '/__sandbox/violations');
    await ctx.api.call('POST', '/__sandbox/clock/advance', { body: { seconds: -5 } });
    const r = await ctx.api.call('GET', '/__sandbox/violations');
    expect(r.status).toBe(200);
    expect(r.body.count).toBe(1);
    expect(r.body.requests[0]).toMatchObject({ method: 'POST', path: '/__sandbox/clock/advance', operation_id: 'advanceClock', status: 400 });
    expect(r.body.requests[0].request_violations[0]).toMatchObject({ location: 'body', pointer: '/seconds' });
  });
});

describe('clock', () => {
  test('freeze, advance and set move the sandbox time', async () => {
    await ctx.api.call('POST', '/__sandbox/clock/freeze');
    await ctx.api.call('POST', '/__sandbox/clock/set', { body: { now: '2026-12-01T09:00:00Z' } });
    const r = await ctx.api.call('POST', '/__sandbox/clock/advance', { body: { seconds: 90 } });
    expect(r.body).toEqual({ now: '2026-12-01T09:01:30Z', frozen: true });
  });
});
