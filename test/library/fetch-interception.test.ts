// Several in-process sandboxes in one process each answer fetch on their own base URL (msw's interceptor is shared:
// before, the second createSandbox() took fetch over and the first one's base URL went to the real network).
import { afterEach, expect, test } from 'vitest';
import { http, HttpResponse } from 'msw';
import { createSandbox, type InProcessSandbox } from '../../src/index.ts';

const open: InProcessSandbox[] = [];
const make = (baseUrl: string, seed?: number) => { const s = createSandbox({ baseUrl, seed }); open.push(s); return s; };
afterEach(() => { for (const s of open.splice(0)) s.close(); });

const fixtureEmails = async (url: string) => {
  const res = await fetch(url);
  expect(res.status).toBe(200);
  return ((await res.json()) as { users: { email: string }[] }).users.map((u) => u.email);
};

test('two sandboxes on two base URLs both answer fetch, each from its own world', async () => {
  const a = make('https://a.sandbox.test');
  const b = make('https://B.Sandbox.test/');
  const registered = await b.fetch('/api/v1/users/register', {
    method: 'POST', headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'only-in-b@example.com', password: 'a-long-password-1', first_name: 'Bo', last_name: 'Bee', phone_number: '+254700111222' }),
  });
  expect(registered.status, await registered.clone().text()).toBe(201);
  expect(await fixtureEmails('https://a.sandbox.test/__sandbox/fixtures')).toEqual(await fixtureEmails(`${b.baseUrl}/__sandbox/fixtures`));
  expect(await a.login('alice@coinpool.test')).toMatch(/./);
  const loginInA = await a.fetch('/api/v1/users/login', {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'only-in-b@example.com', password: 'a-long-password-1' }),
  });
  expect(loginInA.status).toBe(401);
  expect(await b.login('only-in-b@example.com', 'a-long-password-1')).toMatch(/./);
});

test('closing one sandbox leaves the other intercepting; the same base URL goes to the newest, then back', async () => {
  const first = make('https://same.sandbox.test', 1);
  const second = make('https://same.sandbox.test', 2);
  const other = make('https://other.sandbox.test');
  // Different seeds, different seeded worlds: the fixtures say which sandbox answered.
  const answered = async () => JSON.stringify(await (await fetch('https://same.sandbox.test/__sandbox/fixtures')).json());
  expect(JSON.stringify(first.sandbox.fixtures)).not.toEqual(JSON.stringify(second.sandbox.fixtures));
  expect(await answered()).toEqual(JSON.stringify(second.sandbox.fixtures));
  second.close();
  expect(await answered()).toEqual(JSON.stringify(first.sandbox.fixtures));
  first.close();
  expect((await fetch('https://other.sandbox.test/__sandbox/fixtures')).status).toBe(200);
});

test("a partner's own msw override on the shared server wins, and resetHandlers keeps the sandbox", async () => {
  const s = make('https://override.sandbox.test');
  s.server.use(http.get('https://override.sandbox.test/api/v1/prices', () => HttpResponse.json({ overridden: true })));
  expect(await (await fetch('https://override.sandbox.test/api/v1/prices')).json()).toEqual({ overridden: true });
  s.server.resetHandlers();
  expect((await fetch('https://override.sandbox.test/__sandbox/fixtures')).status).toBe(200);
});
