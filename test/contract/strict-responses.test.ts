// A response of ours that breaks the contract is a bug: in strict mode it becomes a 500 naming the operation and every
// violation; with strict off the response goes out but the violation is still logged.
import { describe, expect, test } from 'vitest';
import { Sandbox } from '../../src/sandbox.ts';
import { createApi } from '../../src/http/pipeline.ts';
import { compileContract } from '../../src/contracts/validation.ts';
import { controlDocument } from '../../src/contracts/document.ts';
import { RequestLog } from '../../src/http/request-log.ts';
import type { OperationHandlers } from '../../src/http/types.ts';

const broken: OperationHandlers = {
  getClock: () => ({ status: 200, body: { now: 5, frozen: 'yes', extra: 1 } }),
  freezeClock: () => ({ status: 202, body: { now: '2026-11-22T09:00:00Z', frozen: true } }),
};

function api(strict: boolean) {
  const sandbox = new Sandbox({ frozen: true });
  const log = new RequestLog();
  return { log, handle: createApi(sandbox.world, compileContract(controlDocument), broken, log, { strict }) };
}

describe('response validation', () => {
  test('strict: a wrong body is a 500 naming each violation', async () => {
    const { handle } = api(true);
    const r = await handle(new Request('http://sandbox/__sandbox/clock'));
    expect(r.status).toBe(500);
    const body = await r.json();
    expect(body.error).toMatch(/^sandbox bug: the 200 response of getClock violates the contract/);
    expect(body.details.map((d: { pointer: string }) => d.pointer).sort()).toEqual(['/extra', '/frozen', '/now']);
  });

  test('strict: an undocumented status is a violation too', async () => {
    const { handle } = api(true);
    const r = await handle(new Request('http://sandbox/__sandbox/clock/freeze', { method: 'POST' }));
    expect(r.status).toBe(500);
    expect((await r.json()).details[0].reason).toBe('status 202 is not documented for freezeClock');
  });

  test('not strict: the response passes through and the violation is logged', async () => {
    const { handle, log } = api(false);
    const r = await handle(new Request('http://sandbox/__sandbox/clock'));
    expect(r.status).toBe(200);
    expect(log.violations()).toHaveLength(1);
    expect(log.violations()[0].response_violations.length).toBe(3);
  });
});
