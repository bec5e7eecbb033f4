// The tests' JSON client (client.ts) answered by a Sandbox in this process: no port, no msw interception.
import type { Sandbox } from '../../src/sandbox.ts';
import { client, type Client } from './client.ts';

export const inProcess = (sandbox: Sandbox, baseUrl = 'https://crypto.westminister.tech'): Client =>
  client(baseUrl, (input, init) => sandbox.handle(new Request(input as string, init)));
