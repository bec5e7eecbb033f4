// A deliberately broken copy of the sandbox for the harness tests: the real sandbox (strict mode off, so its own
// check lets the damage out) with chosen responses tampered with on the way out.
import { startServer, type RunningServer } from '../../src/server/start.ts';
import { loadContract } from '../../src/contract-runner/contract.ts';
import { DEFAULT_START } from '../../fixtures/default-world.ts';
import type { ApiRequest, ApiResponse } from '../../src/http/exchange.ts';

export interface Tamper {
  /** Changes the JSON body in place (or returns a new one). */
  body?: (body: any) => any;
  /** Answers with this status instead. */
  status?: number;
  /** Answers 501 as the sandbox does for an operation nobody implemented yet. */
  notImplemented?: boolean;
}

export async function startBrokenServer(tampers: Record<string, Tamper>): Promise<RunningServer> {
  const server = await startServer({ start: new Date(DEFAULT_START), frozen: true, strict: false });
  const { routes } = loadContract().compiled;
  // The express host answers through Sandbox.exchange: wrap that.
  const original = server.sandbox.exchange;
  const json = (status: number, body: unknown): ApiResponse => ({ status, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  server.sandbox.exchange = async (request: ApiRequest) => {
    const response = await original(request);
    // verify plays in a world of its own (/worlds/{id}/...): tamper with the operation behind the prefix
    const match = routes.match(request.method, new URL(request.url).pathname.replace(/^\/worlds\/[^/]+/, ''));
    const tamper = match.kind === 'found' ? tampers[match.operation.operationId] : undefined;
    if (tamper?.notImplemented && match.kind === 'found' && request.headers.get('authorization')) {
      return json(501, { error: `not implemented in the sandbox yet: ${match.operation.operationId}` });
    }
    if (!tamper || response.status >= 300) return response;
    let body = JSON.parse(String(response.body));
    if (tamper.body) body = tamper.body(body) ?? body;
    return json(tamper.status ?? response.status, body);
  };
  return server;
}
