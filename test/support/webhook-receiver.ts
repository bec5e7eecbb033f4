// A local partner endpoint for webhook tests: records every POST it receives and answers with the status `answer`
// picks (204 unless told otherwise), so a test can make it fail the first tries.
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedHook { path: string; headers: IncomingHttpHeaders; body: string }
export interface WebhookReceiver {
  /** Base URL, e.g. http://127.0.0.1:PORT (any path on it is accepted). */
  base: string;
  received: ReceivedHook[];
  close(): Promise<void>;
}

export async function startWebhookReceiver(answer: (hook: ReceivedHook) => number = () => 204): Promise<WebhookReceiver> {
  const received: ReceivedHook[] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => { body += c; });
    req.on('end', () => {
      const hook = { path: req.url ?? '', headers: req.headers, body };
      received.push(hook);
      res.writeHead(answer(hook)).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
