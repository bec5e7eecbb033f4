// Node's request and response as the pipeline reads and writes them (src/http/exchange.ts): no Fetch Request or
// Response in between, and as little per-request work as the exchange allows. Used by the node host (api-host.ts)
// and by the express app for the requests that reach it.
import { createHash } from 'node:crypto';
import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';
import type { ApiRequest, ApiResponse, HeaderReader } from '../http/exchange.ts';
import { sendStream } from './send-stream.ts';
import { dropConnection } from './network-faults.ts';

/** `url` is the request's path and query (Node's req.url), `origin` the scheme and host it came in on. */
export function toApiRequest(req: IncomingMessage, origin: string, url: string): ApiRequest {
  const method = req.method!;
  // Only a request that announces a body has one: an empty DELETE must not look like an unlabelled upload.
  const hasBody = method !== 'GET' && method !== 'HEAD'
    && (Number(req.headers['content-length'] ?? 0) > 0 || req.headers['transfer-encoding'] !== undefined);
  let body: Promise<Uint8Array> | undefined;
  return {
    method,
    url: origin + url,
    headers: new NodeHeaders(req.headers),
    hasBody,
    chunks: () => req,
    // Kept: a second reader gets the same bytes instead of waiting for an 'end' that already passed.
    readBytes: () => (body ??= readBody(req)),
  };
}

/**
 * The request body. The request event fires as soon as the head is parsed, before Node pushes the body that came in
 * the same packet, so the answer waits one microtask: by then a small body usually sits whole in the stream's buffer
 * (all the bytes its content-length announced, or the message is complete) and is taken with one read(), without the
 * 'data'/'end' listeners and the flowing mode that a body still arriving needs.
 */
function readBody(req: IncomingMessage): Promise<Uint8Array> {
  return Promise.resolve().then(() => bufferedBody(req) ?? readByEvents(req));
}

/** Requests whose whole body was taken before Node's parser saw the message end (it comes right after the last byte). */
const wholeBodyTaken = new WeakSet<IncomingMessage>();

function bufferedBody(req: IncomingMessage): Uint8Array | null {
  if (req.readableFlowing || req.readableEnded) return null;
  const buffered = req.readableLength;
  if (!req.complete && (buffered === 0 || buffered !== Number(req.headers['content-length']))) return null;
  if (buffered === 0) return new Uint8Array(0);
  const chunk = req.read() as Buffer | null;
  if (chunk === null) return null;
  if (!req.complete) wholeBodyTaken.add(req);
  return bytesOf(chunk);
}

const bytesOf = (chunk: Buffer) => new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength);

/** By 'data'/'end' events: an async iterator per request (for await) cost more than the copy. */
function readByEvents(req: IncomingMessage): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.once('end', () => resolve(chunks.length === 1 ? bytesOf(chunks[0]) : new Uint8Array(Buffer.concat(chunks))));
    req.once('error', reject);
  });
}

/** Node's already lower-cased header object behind the HeaderReader interface; repeated values join as fetch joins them. */
class NodeHeaders implements HeaderReader {
  constructor(private readonly raw: IncomingHttpHeaders) {}
  get(name: string): string | null {
    const value = this.raw[name.toLowerCase()];
    return value === undefined ? null : Array.isArray(value) ? value.join(', ') : value;
  }
  forEach(callback: (value: string, key: string) => void): void {
    for (const key of Object.keys(this.raw)) { const v = this.get(key); if (v !== null) callback(v, key); }
  }
}

/**
 * Writes the sandbox's answer: the head in one writeHead (`extra` first, the cross-origin headers; the response's own
 * headers win a clash), then the body, or drops the connection for an injected network fault.
 */
export function send(req: IncomingMessage, res: ServerResponse, response: ApiResponse, extra?: Readonly<Record<string, string>>): void {
  if (response.network) { dropConnection(req, response.network); return; }
  const headers: Record<string, string> = extra ? { ...extra, ...response.headers } : { ...response.headers };
  // A body left unread (a 413 or 415 answered early) would poison a kept-alive connection: close it instead.
  if (!req.complete && !wholeBodyTaken.has(req)) headers.connection = 'close';
  // A known length, as express's res.send gives: one write of head and body instead of chunked framing (a writev).
  const { body } = response;
  if (typeof body === 'string') headers['content-length'] = String(Buffer.byteLength(body));
  else if (body instanceof Uint8Array) headers['content-length'] = String(body.byteLength);
  res.writeHead(response.status, headers);
  if (body instanceof ReadableStream) { sendStream(body, res); return; }
  res.end(body ?? undefined);
}

/**
 * A JSON answer as express's res.json writes it (content type with charset, length, weak ETag), for the few answers
 * the node host gives itself: a refused cross-origin call and a crash.
 */
export function sendJson(res: ServerResponse, status: number, value: unknown, extra?: Readonly<Record<string, string>>): void {
  const body = JSON.stringify(value);
  const length = Buffer.byteLength(body);
  const hash = createHash('sha1').update(body, 'utf8').digest('base64').substring(0, 27);
  res.writeHead(status, {
    ...extra,
    'content-type': 'application/json; charset=utf-8',
    'content-length': String(length),
    etag: `W/"${length.toString(16)}-${hash}"`,
  });
  res.end(body);
}
