// Writes a world as a version-2 snapshot, piece by piece: the header, then every table row by row, then each file's
// bytes once under `blobs` (content-addressed by the SHA-256 of the bytes). The rows are captured when the snapshot
// starts (rows are frozen; an update replaces the object), so later writes do not leak into a snapshot being sent,
// and no whole-document string is ever built: memory stays at one piece of ~64 KiB plus the row pointers.
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import type { World } from '../kernel/world.ts';
import type { Row } from '../kernel/store.ts';
import { TABLE_NAMES, CONTENT_FIELDS, BLOB_REF_PREFIX } from '../domain/snapshot-schema.ts';

export const SNAPSHOT_VERSION = 2;
const PIECE_CHARS = 64 * 1024;

/** Rows are frozen and replaced on update, so a row's content hash can be remembered for as long as the row lives. */
const hashes = new WeakMap<object, string>();

export function base64Bytes(text: string): Uint8Array {
  const binary = atob(text);
  const out = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i);
  return out;
}
export const contentHash = (base64: string): string => bytesToHex(sha256(base64Bytes(base64)));

function hashOf(row: Row, base64: string): string {
  let hash = hashes.get(row);
  if (!hash) { hash = contentHash(base64); hashes.set(row, hash); }
  return hash;
}

/** The snapshot's text in pieces; the world is read now, the pieces are produced as they are pulled. */
export function snapshotPieces(world: World): Iterator<string> {
  const state = world.exportState(); // row pointers only: Table.dump copies the array, not the rows
  const tables = new Map<string, Row[]>(TABLE_NAMES.map((name) => [name, []]));
  for (const [name, rows] of Object.entries(state.tables)) tables.set(name, rows);
  return pieces();

  function* pieces(): Generator<string> {
    yield `{"version":${SNAPSHOT_VERSION},"seed":${JSON.stringify(state.seed)},"epoch":${state.epoch},"clock":${JSON.stringify(state.clock)},"tables":{`;
    const blobs = new Map<string, string>();
    let piece = '';
    let firstTable = true;
    for (const [name, rows] of tables) {
      piece += `${firstTable ? '' : ','}${JSON.stringify(name)}:[`;
      firstTable = false;
      const field = CONTENT_FIELDS[name];
      for (let i = 0; i < rows.length; i++) {
        let row = rows[i];
        const bytes = field ? (row as unknown as Record<string, unknown>)[field] : undefined;
        if (typeof bytes === 'string') {
          const hash = hashOf(row, bytes);
          if (!blobs.has(hash)) blobs.set(hash, bytes);
          row = { ...row, [field]: BLOB_REF_PREFIX + hash };
        }
        piece += (i ? ',' : '') + JSON.stringify(row);
        if (piece.length >= PIECE_CHARS) { yield piece; piece = ''; }
      }
      piece += ']';
    }
    piece += '},"blobs":{';
    let firstBlob = true;
    for (const [hash, bytes] of blobs) {
      piece += `${firstBlob ? '' : ','}"${hash}":`;
      firstBlob = false;
      yield piece;
      yield JSON.stringify(bytes);
      piece = '';
    }
    yield `${piece}}}`;
  }
}

/** The snapshot as a byte stream (a Fetch body in every host), produced only as fast as it is read. */
export function snapshotStream(world: World): ReadableStream<Uint8Array> {
  const pieces = snapshotPieces(world);
  const encoder = new TextEncoder();
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      const next = pieces.next();
      if (next.done) controller.close(); else controller.enqueue(encoder.encode(next.value));
    },
  });
}

/** The whole snapshot as one string (browser mode's localStorage wants a string). */
export function snapshotText(world: World): string {
  const parts: string[] = [];
  const pieces = snapshotPieces(world);
  for (let next = pieces.next(); !next.done; next = pieces.next()) parts.push(next.value);
  return parts.join('');
}
