// The sandbox itself records every invalid request a partner's client sent (operation, every error, time) at its
// own GET /__sandbox/violations, so a partner can assert after a test run that their client sent nothing invalid;
// valid requests are not listed, and DELETE clears the list.
import { describe, expect, test } from 'vitest';
import { useServer } from '../support/server.ts';

const ctx = useServer();

describe('the sandbox records invalid partner requests', () => {
  test('a valid request leaves the list empty', async () => {
    expect((await ctx.api.call('DELETE', '/__sandbox/violations')).status).toBe(204);
    const token = await ctx.api.login('alice@coinpool.test');
    expect((await ctx.api.call('GET', '/api/v1/auth/user/email/alice@coinpool.test', { token })).status).toBe(200);
    expect((await ctx.api.call('GET', '/__sandbox/violations')).body).toEqual({ count: 0, requests: [] });
  });

  test('an invalid body is listed with its operation, every error and the sandbox time', async () => {
    const clock = (await ctx.api.call('GET', '/__sandbox/clock')).body.now;
    const r = await ctx.api.call('POST', '/api/v1/users/login', { body: { email: 5 } });
    expect(r.status).toBe(400);
    const v = await ctx.api.call('GET', '/__sandbox/violations');
    expect(v.body.count).toBe(1);
    expect(v.body.requests[0]).toMatchObject({ method: 'POST', path: '/api/v1/users/login', operation_id: 'loginUser', status: 400, at: clock, response_violations: [] });
    expect(v.body.requests[0].request_violations).toEqual(expect.arrayContaining([
      { location: 'body', pointer: '/password', reason: 'is required' },
      { location: 'body', pointer: '/email', reason: 'must be string' },
    ]));
    expect(v.body.requests[0].request_violations).toHaveLength(2);
  });

  test('an invalid query parameter of a protected operation is listed too; DELETE clears the list', async () => {
    const token = await ctx.api.login('alice@coinpool.test');
    const r = await ctx.api.call('GET', '/api/v1/auth/users/check/email?email=not-an-email', { token });
    expect(r.status).toBe(400);
    const v = await ctx.api.call('GET', '/__sandbox/violations');
    expect(v.body.count).toBe(2);
    expect(v.body.requests[1]).toMatchObject({ operation_id: 'checkUserEmailExists', status: 400 });
    expect(v.body.requests[1].request_violations[0]).toMatchObject({ location: 'query', pointer: '/email' });
    expect((await ctx.api.call('DELETE', '/__sandbox/violations')).status).toBe(204);
    expect((await ctx.api.call('GET', '/__sandbox/violations')).body.count).toBe(0);
  });
});
