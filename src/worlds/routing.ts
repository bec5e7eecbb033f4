// Which world a request is for: the path prefix /worlds/{id}/ in front of /api/v1, /__sandbox or /otc-deposits-proof
// (any client uses a world by changing only its base URL), else the X-Sandbox-World header on an unprefixed path,
// else none (the default world). The world sees the request with the prefix taken off.
import { requestUrl, type ApiRequest } from '../http/exchange.ts';

export const WORLD_HEADER = 'X-Sandbox-World';
export const WORLD_PREFIX = '/worlds/';
// Looked up on every request: lower-case already, as Node's header object and Fetch's Headers store names.
const WORLD_HEADER_LOWER = WORLD_HEADER.toLowerCase();

export interface WorldAddress { id: string; path: string; by: 'path' | 'header' }

export function worldAddress(request: ApiRequest): WorldAddress | null {
  const path = requestUrl(request).pathname;
  if (path.startsWith(WORLD_PREFIX)) {
    const end = path.indexOf('/', WORLD_PREFIX.length);
    const id = decodeURIComponent(end < 0 ? path.slice(WORLD_PREFIX.length) : path.slice(WORLD_PREFIX.length, end));
    return { id, path: end < 0 ? '/' : path.slice(end), by: 'path' };
  }
  const header = request.headers.get(WORLD_HEADER_LOWER)?.trim();
  return header ? { id: header, path, by: 'header' } : null;
}

/** The same request with another path (query kept). */
export function withPath(request: ApiRequest, path: string): ApiRequest {
  if (requestUrl(request).pathname === path) return request;
  const url = new URL(request.url);
  url.pathname = path;
  return { ...request, url: url.toString(), parsedUrl: url };
}
