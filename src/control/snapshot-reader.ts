// Reads a snapshot (version 1 or 2) as it arrives and checks it whole before anything is restored: the envelope
// against the control contract's WorldSnapshot schema, the clock against the supported range, every row against
// its table's row schema (src/domain/snapshot-schema.ts), ids unique, references resolved, file bytes matching
// their hash. The result is either a WorldState ready for World.load or the first few problems, as JSON pointers.
// Each row is parsed and checked on its own as it completes, so time is linear and memory is the restored rows.
import type { WorldState } from '../kernel/world.ts';
import type { Row } from '../kernel/store.ts';
import type { ErrorDetail } from '../contracts/validation.ts';
import type { ValidateFunction } from 'ajv/dist/2020.js';
import { JsonSplitter, SplitError, pointerOf, type Segment } from './json-splitter.ts';
import {
  isKnownTable, rowValidator, referencesOf, TABLE_NAMES, V1_REQUIRED_TABLES, MAX_SNAPSHOT_DEPTH, CONTENT_FIELDS, BLOB_REF_PREFIX, ROWLESS_IDS,
} from '../domain/snapshot-schema.ts';
import { contentHash } from './snapshot-writer.ts';
import { clockRangeProblem } from '../kernel/clock-range.ts';

/** How many problems a refusal names; reading stops there. */
const MAX_DETAILS = 10;
const HASH = /^[0-9a-f]{64}$/;

export type SnapshotResult =
  | { ok: true; state: WorldState }
  | { ok: false; status: 400 | 422; message: string; details: ErrorDetail[] };

/** Enough problems were found: the rest of the body is not worth reading. */
export class SnapshotRefused extends Error {}

export class SnapshotReader {
  private readonly splitter: JsonSplitter;
  private readonly decoder = new TextDecoder();
  /** Top-level members other than tables and blobs, checked against the contract at the end. */
  private readonly envelope: Record<string, unknown> = Object.create(null);
  private readonly tables = new Map<string, Row[]>();
  private readonly ids = new Map<string, Set<string>>();
  private readonly blobs = new Map<string, string>();
  private readonly details: ErrorDetail[] = [];
  private seedMismatch: number | null = null;
  /** Which of `tables` and `blobs` the snapshot has (their members arrive one by one, not as envelope values). */
  private readonly sections = new Set<string>();

  /**
   * @param seed the restoring sandbox's seed: a snapshot of another seed is refused (422) as soon as its seed is read.
   * @param envelopeSchema the control contract's WorldSnapshot schema (tables and blobs arrive separately).
   */
  constructor(private readonly seed: number, private readonly envelopeSchema: ValidateFunction) {
    this.splitter = new JsonSplitter({ descend: (path, kind) => this.descend(path, kind), value: (path, v) => this.value(path, v) }, MAX_SNAPSHOT_DEPTH);
  }

  /** Feeds the next bytes; throws SnapshotRefused once the snapshot is certain to be refused. */
  write(bytes: Uint8Array): void {
    this.guard(() => this.splitter.write(this.decoder.decode(bytes, { stream: true })));
  }

  finish(): SnapshotResult {
    try {
      this.guard(() => { this.splitter.write(this.decoder.decode()); this.splitter.end(); });
      this.checkWhole();
    } catch (error) {
      if (!(error instanceof SnapshotRefused)) throw error;
    }
    return this.result();
  }

  /** The refusal so far (after SnapshotRefused), or the outcome once finished. */
  result(): SnapshotResult {
    if (this.seedMismatch !== null) {
      return { ok: false, status: 422, details: [], message: `the snapshot was taken with seed ${this.seedMismatch}; this sandbox runs seed ${this.seed} (start it with --seed ${this.seedMismatch})` };
    }
    if (this.details.length) {
      const named = this.details.slice(0, 3).map((d) => `${d.pointer} ${d.reason}`).join('; ');
      return { ok: false, status: 400, details: this.details, message: `invalid snapshot, nothing was restored: ${named}` };
    }
    return { ok: true, state: this.state() };
  }

  private guard(fn: () => void): void {
    try { fn(); } catch (error) {
      if (error instanceof SplitError) { this.problem(error.pointer, error.reason); throw new SnapshotRefused(); }
      throw error;
    }
  }

  private problem(pointer: string, reason: string): void {
    this.details.push({ location: 'body', pointer: pointer || '/', reason });
    if (this.details.length >= MAX_DETAILS) throw new SnapshotRefused();
  }

  private descend(path: readonly Segment[], kind: 'object' | 'array'): boolean {
    if (path.length === 0) return kind === 'object';
    if (path.length === 1) {
      if (kind !== 'object' || (path[0] !== 'tables' && path[0] !== 'blobs')) return false;
      this.sections.add(path[0]);
      return true;
    }
    if (path.length === 2 && path[0] === 'tables' && kind === 'array') { this.openTable(path[1] as string); return true; }
    return false;
  }

  /** A table's array opens (possibly empty): it is present in the snapshot. */
  private openTable(table: string): void {
    if (this.tables.has(table)) { this.problem(pointerOf(['tables', table]), 'appears twice'); return; }
    this.tables.set(table, []);
    this.ids.set(table, new Set());
    if (!isKnownTable(table)) this.problem(pointerOf(['tables', table]), `is not a table of this sandbox (known tables: ${TABLE_NAMES.join(', ')})`);
  }

  private value(path: readonly Segment[], value: unknown): void {
    const [top, name, index] = path;
    if (path.length === 0) { this.problem('/', 'must be an object'); return; }
    if (top === 'tables') {
      if (path.length === 1) { this.problem('/tables', 'must be an object of tables'); return; }
      if (path.length === 2) { this.problem(pointerOf(path), 'must be an array of rows'); return; }
      this.row(name as string, index as number, value);
      return;
    }
    if (top === 'blobs') {
      if (path.length === 1) { this.problem('/blobs', 'must be an object of base64 strings keyed by their sha256'); return; }
      this.blob(name as string, value);
      return;
    }
    if (top === 'seed' && Number.isInteger(value) && value !== this.seed) { this.seedMismatch = value as number; throw new SnapshotRefused(); }
    this.envelope[top as string] = value;
  }

  private row(table: string, index: number, value: unknown): void {
    const rows = this.tables.get(table)!;
    if (!isKnownTable(table)) return;
    const validate = rowValidator(table);
    const at = () => pointerOf(['tables', table, index]); // only on a refusal: most rows are fine
    if (!validate(value)) {
      const error = validate.errors![0];
      const where = error.keyword === 'required' ? `${error.instancePath}/${(error.params as { missingProperty: string }).missingProperty}`
        : error.keyword === 'additionalProperties' ? `${error.instancePath}/${(error.params as { additionalProperty: string }).additionalProperty}`
          : error.instancePath;
      const reason = error.keyword === 'required' ? 'is required' : error.keyword === 'additionalProperties' ? 'is not a field of this table'
        : error.keyword === 'pattern' && error.params && (error.params as { pattern: string }).pattern.startsWith('^-?[0-9]') ? 'must be a decimal string'
          : error.message ?? 'is invalid';
      this.problem(at() + where, reason);
      return;
    }
    const row = value as Row;
    const ids = this.ids.get(table)!;
    if (ids.has(row.id)) { this.problem(`${at()}/id`, `repeats the id ${JSON.stringify(row.id)} of an earlier row`); return; }
    ids.add(row.id);
    rows.push(row);
  }

  private blob(hash: string, value: unknown): void {
    const at = pointerOf(['blobs', hash]);
    if (!HASH.test(hash)) { this.problem(at, 'must be keyed by the lowercase hex SHA-256 of its bytes'); return; }
    if (typeof value !== 'string') { this.problem(at, 'must be a base64 string'); return; }
    let actual: string;
    try { actual = contentHash(value); } catch { this.problem(at, 'is not valid base64'); return; }
    if (actual !== hash) { this.problem(at, `holds bytes whose SHA-256 is ${actual}`); return; }
    this.blobs.set(hash, value);
  }

  /** What can only be checked once everything has arrived: envelope, clock, required tables, blobs, references. */
  private checkWhole(): void {
    const envelope: Record<string, unknown> = { ...this.envelope };
    for (const section of this.sections) envelope[section] = {};
    if (!this.envelopeSchema(envelope)) {
      for (const e of this.envelopeSchema.errors!.slice(0, 3)) {
        const missing = e.keyword === 'required' ? `/${(e.params as { missingProperty: string }).missingProperty}` : '';
        const extra = e.keyword === 'additionalProperties' ? `/${(e.params as { additionalProperty: string }).additionalProperty}` : '';
        this.problem(e.instancePath + missing + extra, e.keyword === 'required' ? 'is required' : e.keyword === 'additionalProperties' ? 'is not a snapshot field' : e.message ?? 'is invalid');
      }
      throw new SnapshotRefused();
    }
    const clock = this.envelope.clock as { now_ms: number };
    const clockProblem = Number.isInteger(clock.now_ms) ? clockRangeProblem(clock.now_ms) : 'must be a whole number of milliseconds';
    if (clockProblem) this.problem('/clock/now_ms', clockProblem);
    const version = this.envelope.version as number;
    for (const name of version === 2 ? TABLE_NAMES : V1_REQUIRED_TABLES) {
      if (!this.tables.has(name)) this.problem(pointerOf(['tables', name]), 'is missing (a snapshot lists this table, even when empty)');
    }
    this.resolveContent();
    this.checkReferences();
    if (this.details.length) throw new SnapshotRefused();
  }

  private resolveContent(): void {
    for (const [table, field] of Object.entries(CONTENT_FIELDS)) {
      const rows = this.tables.get(table);
      if (!rows) continue;
      for (let i = 0; i < rows.length; i++) {
        const text = (rows[i] as unknown as Record<string, string>)[field];
        if (!text.startsWith(BLOB_REF_PREFIX)) continue;
        const bytes = this.blobs.get(text.slice(BLOB_REF_PREFIX.length));
        if (bytes === undefined) { this.problem(pointerOf(['tables', table, i, field]), `refers to ${text}, which is not under /blobs`); continue; }
        rows[i] = { ...rows[i], [field]: bytes } as Row;
      }
    }
  }

  private checkReferences(): void {
    for (const [table, rows] of this.tables) {
      for (const ref of referencesOf(table)) {
        const targets = this.ids.get(ref.table) ?? new Set<string>();
        const rowless = ROWLESS_IDS[ref.table] ?? [];
        for (let i = 0; i < rows.length; i++) {
          const value = (rows[i] as unknown as Record<string, unknown>)[ref.field];
          const values = ref.many ? (value as string[]) : [value];
          for (const id of values) {
            if (typeof id === 'string' && !targets.has(id) && !rowless.includes(id)) {
              this.problem(pointerOf(['tables', table, i, ref.field]), `refers to ${ref.table} row ${JSON.stringify(id)}, which the snapshot does not hold`);
            }
          }
        }
      }
    }
  }

  private state(): WorldState {
    const tables: Record<string, Row[]> = Object.create(null);
    for (const [name, rows] of this.tables) tables[name] = rows;
    const e = this.envelope as unknown as Omit<WorldState, 'tables' | 'version'>;
    // In memory a world is always the version-1 shape: file bytes inline (World.load reads that).
    return { version: 1, seed: e.seed, epoch: e.epoch, clock: { now_ms: e.clock.now_ms, frozen: e.clock.frozen }, tables };
  }
}
