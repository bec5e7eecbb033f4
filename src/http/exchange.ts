// What the pipeline reads of a request and writes of a response, independent of the host. The Fetch API (setupServer,
// the service worker) is one adapter; the express host builds these from Node's request directly, because building a
// Fetch Request and Response per call (abort signals, body streams) cost about as much as the pipeline itself.

/** The header reads the pipeline needs; a Fetch `Headers` is one. Names are matched case-insensitively. */
export interface HeaderReader {
  get(name: string): string | null;
  forEach(callback: (value: string, key: string) => void): void;
}

export interface ApiRequest {
  method: string;
  /** Absolute URL (origin + path + query). */
  url: string;
  headers: HeaderReader;
  /** False when the request carries no body at all (a GET, an empty DELETE). */
  hasBody: boolean;
  readBytes(): Promise<Uint8Array>;
}

export interface ApiResponse {
  status: number;
  headers: Record<string, string>;
  body: string | Uint8Array | null;
  /** No HTTP answer at all: an injected `reset` or `timeout` fault (src/http/faults.ts); the host drops the connection. */
  network?: import('./faults.ts').NetworkFault;
}

export function fromFetchRequest(request: Request): ApiRequest {
  return {
    method: request.method,
    url: request.url,
    headers: request.headers,
    hasBody: request.body !== null,
    readBytes: async () => new Uint8Array(await request.arrayBuffer()),
  };
}

export function toFetchResponse(response: ApiResponse): Response {
  return new Response(response.body as BodyInit | null, { status: response.status, headers: response.headers });
}
