// One in-process sandbox per test (frozen clock) and a JSON client that calls it without a port.
import { Sandbox } from '../../src/sandbox.ts';
import { FIXTURE_PASSWORD } from '../../fixtures/default-world.ts';
import { inProcess } from '../support/in-process.ts';

export const START = new Date('2026-11-22T09:00:00Z');

export function harness(sandbox = new Sandbox({ start: START, frozen: true })) {
  const { call } = inProcess(sandbox, 'http://sandbox.local');
  /** The whole login answer (access and refresh tokens) of a seeded user, by the local part of their email. */
  const loginBody = async (who: string) => (await call('POST', '/api/v1/users/login', { body: { email: `${who}@coinpool.test`, password: FIXTURE_PASSWORD } })).body;
  const login = async (who: string) => (await loginBody(who)).access_token as string;
  return { sandbox, call, login, loginBody };
}
