// An incremental JSON reader for documents too large to parse in one piece (a world snapshot of hundreds of MB).
// It walks the outer containers the caller chooses (the snapshot's root, `tables`, each table's array) and hands
// every other value over as soon as its last character has arrived, parsed on its own with JSON.parse. Memory
// holds one pending value at a time, not the document; time is linear in the text. Values nested deeper than
// maxDepth are refused before they are parsed (a 20,000-level value would otherwise overflow the stack later).

export type Segment = string | number;

export interface SplitterEvents {
  /** Whether the container opening at `path` is walked into, its members reported one by one. */
  descend(path: readonly Segment[], kind: 'object' | 'array'): boolean;
  /** A complete value that is not walked into (a row, a scalar, or a container `descend` declined). */
  value(path: readonly Segment[], value: unknown): void;
}

/** The text is not JSON, or a value nests too deeply; `pointer` is where (a JSON Pointer). */
export class SplitError extends Error {
  constructor(readonly pointer: string, readonly reason: string) { super(`${pointer || '/'}: ${reason}`); }
}

export const pointerOf = (path: readonly Segment[]): string =>
  path.map((s) => `/${String(s).replaceAll('~', '~0').replaceAll('/', '~1')}`).join('');

interface Frame {
  kind: 'object' | 'array';
  path: Segment[];
  /** key: expects a key or the end; colon; value; next: expects ',' or the end. */
  state: 'first' | 'key' | 'colon' | 'value' | 'next';
  key: string;
  index: number;
}

/** A value being collected: where it starts in the buffer and how far its scan has got. */
interface Pending {
  path: Segment[];
  start: number;
  kind: 'container' | 'string' | 'bare' | 'key';
  scan: number;
  depth: number;
  inString: boolean;
  escape: boolean;
}

const WS = new Set([0x20, 0x09, 0x0a, 0x0d]);

export class JsonSplitter {
  private buf = '';
  private pos = 0;
  private frames: Frame[] = [];
  private pending: Pending | null = null;
  private rootDone = false;
  private rootStarted = false;
  /** Characters consumed before the current buffer, for error positions. */
  private offset = 0;

  constructor(private readonly events: SplitterEvents, private readonly maxDepth = 64) {}

  write(text: string): void {
    // Drop what is consumed; keep a pending value's start so it can be parsed once complete.
    const keep = this.pending ? this.pending.start : this.pos;
    if (keep > 0) {
      this.buf = this.buf.slice(keep);
      this.offset += keep;
      this.pos -= keep;
      if (this.pending) { this.pending.scan -= keep; this.pending.start = 0; }
    }
    this.buf += text;
    this.run(false);
  }

  /** The text is complete: a value still open is an error. */
  end(): void {
    this.run(true);
    if (!this.rootDone) {
      const path = this.pending?.path ?? this.frames.at(-1)?.path ?? [];
      throw new SplitError(pointerOf(path), this.rootStarted ? 'the JSON text ends before this value is complete' : 'the body is empty');
    }
  }

  private run(final: boolean): void {
    const buf = this.buf;
    for (;;) {
      if (this.pending) {
        if (!this.finishPending(final)) return;
        continue;
      }
      while (this.pos < buf.length && WS.has(buf.charCodeAt(this.pos))) this.pos++;
      if (this.pos >= buf.length) return;
      const c = buf[this.pos];
      if (this.rootDone) throw this.syntax(`unexpected ${JSON.stringify(c)} after the end of the document`);
      const frame = this.frames.at(-1);
      if (!frame) { this.rootStarted = true; this.startValue([]); continue; }
      if (frame.kind === 'object') {
        if (frame.state === 'first' || frame.state === 'key') {
          if (c === '}' && frame.state === 'first') { this.close(); continue; }
          if (c !== '"') throw this.syntax(`expected a key in ${pointerOf(frame.path) || 'the document'}`);
          this.pending = { path: frame.path, start: this.pos, kind: 'key', scan: this.pos + 1, depth: 0, inString: true, escape: false };
          continue;
        }
        if (frame.state === 'colon') {
          if (c !== ':') throw this.syntax(`expected ':' after the key ${JSON.stringify(frame.key)}`);
          this.pos++; frame.state = 'value'; continue;
        }
        if (frame.state === 'value') { this.startValue([...frame.path, frame.key]); continue; }
        // next
        if (c === ',') { this.pos++; frame.state = 'key'; continue; }
        if (c === '}') { this.close(); continue; }
        throw this.syntax(`expected ',' or '}' in ${pointerOf(frame.path) || 'the document'}`);
      }
      // array
      if (frame.state === 'first' && c === ']') { this.close(); continue; }
      if (frame.state === 'first' || frame.state === 'value') { this.startValue([...frame.path, frame.index]); continue; }
      if (c === ',') { this.pos++; frame.index++; frame.state = 'value'; continue; }
      if (c === ']') { this.close(); continue; }
      throw this.syntax(`expected ',' or ']' in ${pointerOf(frame.path)}`);
    }
  }

  private startValue(path: Segment[]): void {
    const c = this.buf[this.pos];
    if (c === '{' || c === '[') {
      const kind = c === '{' ? 'object' : 'array';
      if (this.frames.length + 1 > this.maxDepth) throw new SplitError(pointerOf(path), `nests deeper than ${this.maxDepth} levels`);
      if (this.events.descend(path, kind)) {
        this.frames.push({ kind, path, state: 'first', key: '', index: 0 });
        this.pos++;
        return;
      }
      this.pending = { path, start: this.pos, kind: 'container', scan: this.pos + 1, depth: this.frames.length + 1, inString: false, escape: false };
      return;
    }
    if (c === '"') { this.pending = { path, start: this.pos, kind: 'string', scan: this.pos + 1, depth: 0, inString: true, escape: false }; return; }
    this.pending = { path, start: this.pos, kind: 'bare', scan: this.pos, depth: 0, inString: false, escape: false };
  }

  /** Scans the pending value further; true once it is complete and delivered. */
  private finishPending(final: boolean): boolean {
    const p = this.pending!;
    const buf = this.buf;
    const n = buf.length;
    let i = p.scan;
    let end = -1;
    if (p.kind === 'bare') {
      while (i < n) {
        const c = buf.charCodeAt(i);
        if (c === 0x2c || c === 0x7d || c === 0x5d || WS.has(c)) break;
        i++;
      }
      if (i < n || final) end = i;
    } else {
      // One tight loop over char codes with the scan state in locals: faster than regex jumps on row-sized values.
      let { depth, inString, escape } = p;
      const closeAt = this.frames.length;
      const stringOnly = p.kind !== 'container';
      for (; i < n; i++) {
        const c = buf.charCodeAt(i);
        if (escape) { escape = false; continue; }
        if (inString) {
          if (c === 0x5c) escape = true;
          else if (c === 0x22) {
            inString = false;
            if (stringOnly) { end = i + 1; break; }
          }
        } else if (c === 0x22) inString = true;
        else if (c === 0x7b || c === 0x5b) {
          if (++depth > this.maxDepth) throw new SplitError(pointerOf(p.path), `nests deeper than ${this.maxDepth} levels`);
        } else if (c === 0x7d || c === 0x5d) {
          if (--depth === closeAt) { end = i + 1; break; }
        }
      }
      if (end > 0) i = end;
      p.depth = depth; p.inString = inString; p.escape = escape;
    }
    p.scan = i;
    if (end < 0) return false;
    const text = buf.slice(p.start, end);
    let value: unknown;
    try { value = JSON.parse(text); } catch {
      throw new SplitError(pointerOf(p.kind === 'key' ? p.path : p.path), p.kind === 'key' ? 'has a malformed key' : 'is not valid JSON');
    }
    this.pending = null;
    this.pos = end;
    const frame = this.frames.at(-1);
    if (p.kind === 'key') { frame!.key = value as string; frame!.state = 'colon'; return true; }
    this.events.value(p.path, value);
    this.completed();
    return true;
  }

  private close(): void {
    this.pos++;
    this.frames.pop();
    this.completed();
  }

  /** A value of the current container is complete: expect ',' or the end next. */
  private completed(): void {
    const frame = this.frames.at(-1);
    if (frame) frame.state = 'next'; else this.rootDone = true;
  }

  private syntax(reason: string): SplitError {
    const frame = this.frames.at(-1);
    return new SplitError(pointerOf(frame?.path ?? []), `${reason} (at character ${this.offset + this.pos})`);
  }
}
