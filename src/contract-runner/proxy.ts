// `coinpool-sandbox proxy`: a validation proxy in front of any CoinPool server (the sandbox or a real one). Every
// request is forwarded; the request and the answer are both checked against the contract. Violations are logged
// (same shape as the sandbox's own request log, at GET /__sandbox/violations on the proxy), counted in the
// `x-contract-violations` header, and with `errors` turned into a 500 naming them (what CI wants).
// The /__sandbox control API of a target sandbox passes through unchecked: it is not part of the product contract.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { RequestLog, type LoggedRequest } from '../http/request-log.ts';
import { loadContract, type HarnessContract } from './contract.ts';
import { checkRequest } from './check-request.ts';
import { checkResponse } from './check-response.ts';
import { describeViolation, toLogged, type Violation } from './violations.ts';

export interface ProxyOptions {
  target: string;
  port?: number;
  host?: string;
  /** A violation becomes a 500 naming it instead of passing through. */
  errors?: boolean;
  onExchange?: (entry: LoggedRequest) => void;
  contract?: HarnessContract;
  maxBodyBytes?: number;
}

export interface RunningProxy {
  url: string;
  log: RequestLog;
  server: Server;
  close(): Promise<void>;
}

export const VIOLATIONS_HEADER = 'x-contract-violations';
const HOP_BY_HOP = new Set(['host', 'connection', 'keep-alive', 'transfer-encoding', 'content-length', 'accept-encoding', 'upgrade', 'proxy-connection']);
const NOT_FORWARDED_BACK = new Set(['connection', 'keep-alive', 'transfer-encoding', 'content-length', 'content-encoding']);

/** What every forwarded exchange needs, fixed when the proxy starts. */
interface ProxyContext {
  contract: HarnessContract;
  /** The target's base URL, without a trailing slash. */
  target: string;
  log: RequestLog;
  /** Largest request body read (bytes). */
  limit: number;
  errors: boolean;
}

export async function startProxy(options: ProxyOptions): Promise<RunningProxy> {
  const proxy: ProxyContext = {
    contract: options.contract ?? loadContract(),
    target: options.target.replace(/\/+$/, ''),
    log: new RequestLog(5000, options.onExchange),
    limit: options.maxBodyBytes ?? 20 * 1024 * 1024,
    errors: !!options.errors,
  };
  const server = createServer((req, res) => {
    handle(proxy, req, res).catch((error) => {
      if (!res.headersSent) reply(res, 502, { error: `proxy error: ${(error as Error).message}` });
      else res.destroy();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${options.host ?? '127.0.0.1'}:${port}`,
    log: proxy.log,
    server,
    close: () => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
}

/** One exchange: the violations list, or the request checked, forwarded, and its answer checked and passed back. */
async function handle(proxy: ProxyContext, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const { contract, log } = proxy;
  const started = Date.now();
  const url = new URL(req.url ?? '/', 'http://proxy');
  if (url.pathname === '/__sandbox/violations' && (req.method === 'GET' || req.method === 'DELETE')) {
    if (req.method === 'DELETE') { log.clear(); res.writeHead(204).end(); return; }
    const requests = log.violations();
    reply(res, 200, { count: requests.length, requests });
    return;
  }
  const body = await readBody(req, proxy.limit);
  const headers = new Headers();
  for (const [k, v] of Object.entries(req.headers)) if (v !== undefined) headers.set(k, Array.isArray(v) ? v.join(', ') : v);
  const checked = !url.pathname.startsWith('/__sandbox/');
  const requestCheck = checked ? checkRequest(contract, { method: req.method ?? 'GET', url, headers, body }) : { operation: null, violations: [] };
  const op = requestCheck.operation;
  const finish = (status: number, responseViolations: Violation[]) => {
    if (!checked) return;
    log.add({
      at: new Date().toISOString(), method: req.method ?? 'GET', path: url.pathname, operation_id: op?.operationId ?? null, status,
      duration_ms: Date.now() - started, request_violations: requestCheck.violations.map(toLogged), response_violations: responseViolations.map(toLogged), faults: [],
    });
  };
  if (proxy.errors && requestCheck.violations.length) {
    const count = requestCheck.violations.length;
    reply(res, 500, {
      error: `contract violation in the request${op ? ` to ${op.operationId}` : ''} (not forwarded): ${requestCheck.violations.map(describeViolation).join('; ')}`,
      details: requestCheck.violations.map(toLogged),
    }, { [VIOLATIONS_HEADER]: String(count) });
    finish(500, []);
    return;
  }
  const forwardHeaders = new Headers();
  headers.forEach((v, k) => { if (!HOP_BY_HOP.has(k)) forwardHeaders.set(k, v); });
  const upstream = await fetch(proxy.target + url.pathname + url.search, {
    method: req.method, headers: forwardHeaders, body: body.byteLength && req.method !== 'GET' && req.method !== 'HEAD' ? (body as BodyInit) : undefined,
    redirect: 'manual',
  });
  const bytes = new Uint8Array(await upstream.arrayBuffer());
  const responseViolations = op ? checkResponse(contract, op, { status: upstream.status, headers: upstream.headers, text: new TextDecoder().decode(bytes) }) : [];
  const count = requestCheck.violations.length + responseViolations.length;
  if (proxy.errors && responseViolations.length) {
    reply(res, 500, {
      error: `contract violation in the ${upstream.status} response of ${op!.operationId}: ${responseViolations.map(describeViolation).join('; ')}`,
      details: responseViolations.map(toLogged),
    }, { [VIOLATIONS_HEADER]: String(count) });
    finish(500, responseViolations);
    return;
  }
  const back: Record<string, string> = {};
  upstream.headers.forEach((v, k) => { if (!NOT_FORWARDED_BACK.has(k)) back[k] = v; });
  if (checked) back[VIOLATIONS_HEADER] = String(count);
  res.writeHead(upstream.status, back);
  res.end(bytes);
  finish(upstream.status, responseViolations);
}

function reply(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
}

function readBody(req: IncomingMessage, limit: number): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) { reject(new Error(`request body over ${limit} bytes`)); req.destroy(); return; }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(new Uint8Array(Buffer.concat(chunks))));
    req.on('error', reject);
  });
}
