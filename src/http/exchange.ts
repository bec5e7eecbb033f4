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
  /** The body as it arrives, for routes that read it incrementally (restore of a large snapshot). */
  chunks?(): AsyncIterable<Uint8Array>;
  /** `url` parsed, kept by requestUrl(): the world router, the sandbox and the pipeline each read it. Never changed. */
  parsedUrl?: URL;
}

/** The request's URL, parsed once per request (a parse costs about as much as routing the request). */
export function requestUrl(request: ApiRequest): URL {
  return (request.parsedUrl ??= new URL(request.url));
}

/** A request that must get no HTTP answer: `reset` drops the connection, `timeout` holds it until the client gives up. */
export type NetworkFault = 'reset' | 'timeout';

export interface ApiResponse {
  status: number;
  headers: Record<string, string>;
  /** A stream is sent as it is produced (chunked), e.g. a large snapshot. */
  body: string | Uint8Array | ReadableStream<Uint8Array> | null;
  /** No HTTP answer at all: an injected `reset` or `timeout` fault (src/http/faults.ts); the host drops the connection. */
  network?: NetworkFault;
}

export function fromFetchRequest(request: Request): ApiRequest {
  return {
    method: request.method,
    url: request.url,
    headers: request.headers,
    hasBody: request.body !== null,
    readBytes: async () => new Uint8Array(await request.arrayBuffer()),
    chunks: () => streamChunks(request.body),
  };
}

export function toFetchResponse(response: ApiResponse): Response {
  return new Response(response.body as BodyInit | null, { status: response.status, headers: response.headers });
}

/** A Fetch body's chunks (getReader: async iteration of ReadableStream is missing in some browsers). */
async function* streamChunks(body: ReadableStream<Uint8Array> | null): AsyncGenerator<Uint8Array> {
  if (!body) return;
  const reader = body.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      yield value;
    }
  } finally {
    reader.releaseLock();
  }
}
