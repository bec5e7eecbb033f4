// GET /__sandbox/snapshot and POST /__sandbox/restore as streams. They are answered here, ahead of the control
// pipeline, because the pipeline reads a whole body into memory under a 1 MiB cap and answers with one string;
// a snapshot is as large as the world. Everything else the pipeline does for them is done here too: the request
// log, the contract's status codes and error body, and the contract's WorldSnapshot schema for the envelope.
import type { ControlledSandbox } from './controlled-sandbox.ts';
import { requestUrl, type ApiRequest, type ApiResponse } from '../http/exchange.ts';
import type { ErrorDetail } from '../contracts/validation.ts';
import { compileContract } from '../contracts/validation.ts';
import { controlDocument } from '../contracts/document.ts';
import { snapshotStream } from './snapshot-writer.ts';
import { SnapshotReader, SnapshotRefused, type SnapshotResult } from './snapshot-reader.ts';

export const SNAPSHOT_PATH = '/__sandbox/snapshot';
export const RESTORE_PATH = '/__sandbox/restore';

const envelopeSchema = () => compileContract(controlDocument).schema('#/components/schemas/WorldSnapshot');

const json = (status: number, body: unknown): ApiResponse =>
  ({ status, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

/** The streamed answer for the snapshot and restore routes, or null for any other request (the pipeline's). */
export function snapshotExchange(sandbox: ControlledSandbox, request: ApiRequest, logged: boolean): Promise<ApiResponse> | null {
  const path = requestUrl(request).pathname;
  const method = request.method.toUpperCase();
  if (path === SNAPSHOT_PATH && method === 'GET') return answer(sandbox, request, logged, 'getSnapshot', async () => snapshot(sandbox));
  if (path === RESTORE_PATH && method === 'POST') return answer(sandbox, request, logged, 'restoreSnapshot', () => restore(sandbox, request));
  return null;
}

async function answer(sandbox: ControlledSandbox, request: ApiRequest, logged: boolean, operationId: string,
  run: () => Promise<ApiResponse>): Promise<ApiResponse> {
  const started = Date.now();
  const response = await run();
  if (logged) {
    const requestViolations: ErrorDetail[] = response.status === 400 ? (JSON.parse(response.body as string) as { details?: ErrorDetail[] }).details ?? [] : [];
    sandbox.log.add({
      at: sandbox.world.nowIso(), method: request.method, path: new URL(request.url).pathname, operation_id: operationId,
      status: response.status, duration_ms: Date.now() - started, request_violations: requestViolations, response_violations: [], faults: [],
    });
  }
  return response;
}

function snapshot(sandbox: ControlledSandbox): ApiResponse {
  sandbox.world.scheduler.runDue(); // as before any request: the snapshot shows the world as of now
  return { status: 200, headers: { 'content-type': 'application/json' }, body: snapshotStream(sandbox.world) };
}

async function restore(sandbox: ControlledSandbox, request: ApiRequest): Promise<ApiResponse> {
  const contentType = (request.headers.get('content-type') ?? '').split(';')[0].trim().toLowerCase();
  if (request.hasBody && contentType !== 'application/json') {
    return json(415, { error: `content type ${contentType || '(none)'} is not supported; use application/json` });
  }
  const reader = new SnapshotReader(sandbox.world.seed, envelopeSchema());
  const result = await read(reader, request);
  if (!result.ok) return json(result.status, { error: result.message, ...(result.details.length ? { details: result.details } : {}) });
  // The world may have been reset while the body arrived: restore into the current one, of the same seed.
  const world = sandbox.world;
  world.load(result.state);
  return json(200, { message: 'world restored from the snapshot', seed: world.seed, epoch: result.state.epoch + 1, clock: world.nowIso() });
}

async function read(reader: SnapshotReader, request: ApiRequest): Promise<SnapshotResult> {
  try {
    if (request.hasBody) {
      if (request.chunks) { for await (const chunk of request.chunks()) reader.write(chunk); }
      else reader.write(await request.readBytes());
    }
  } catch (error) {
    if (error instanceof SnapshotRefused) return reader.result();
    throw error;
  }
  return reader.finish();
}

/** Checks an already-parsed snapshot (browser mode's stored world) by the same rules as a restore. */
export function checkSnapshotValue(value: unknown, seed: number): SnapshotResult {
  const reader = new SnapshotReader(seed, envelopeSchema());
  try { reader.write(new TextEncoder().encode(JSON.stringify(value))); } catch (error) {
    if (error instanceof SnapshotRefused) return reader.result();
    throw error;
  }
  return reader.finish();
}
