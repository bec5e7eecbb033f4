// Sends a streamed response body (a large snapshot) to Node's response at the pace the client reads it.
import { Readable } from 'node:stream';
import type { ReadableStream as NodeReadableStream } from 'node:stream/web';
import type { ServerResponse } from 'node:http';

export function sendStream(body: ReadableStream<Uint8Array>, res: ServerResponse): void {
  const source = Readable.fromWeb(body as unknown as NodeReadableStream<Uint8Array>);
  // A client that goes away mid-snapshot stops the producer; a producer failure ends the response early.
  source.on('error', () => res.destroy());
  source.pipe(res);
}
