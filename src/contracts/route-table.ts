// Method + path → operation, built once from the contract as a segment trie, so a lookup costs one step per path
// segment rather than a scan of every operation. Static segments win over templated ones: /orders/pending is
// preferred over /orders/{id} even though both match the string.
import type { OperationSpec } from './operations.ts';

interface ParamEdge { name: string; prefix: string; suffix: string; node: TrieNode }
interface TrieNode {
  statics: Map<string, TrieNode>;
  params: ParamEdge[];
  methods: Map<string, OperationSpec>;
}

export type RouteMatch =
  | { kind: 'found'; operation: OperationSpec; params: Record<string, string> }
  | { kind: 'method-not-allowed'; allowed: string[] }
  | { kind: 'not-found' };

const newNode = (): TrieNode => ({ statics: new Map(), params: [], methods: new Map() });

export class RouteTable {
  private root = newNode();
  readonly size: number;

  constructor(operations: OperationSpec[]) {
    for (const op of operations) this.add(op);
    this.size = operations.length;
  }

  private add(op: OperationSpec): void {
    let node = this.root;
    for (const segment of op.path.split('/').filter(Boolean)) {
      const m = /^([^{]*)\{([^}]+)\}(.*)$/.exec(segment);
      if (!m) {
        let next = node.statics.get(segment);
        if (!next) node.statics.set(segment, (next = newNode()));
        node = next;
        continue;
      }
      const [, prefix, name, suffix] = m;
      let edge = node.params.find((e) => e.prefix === prefix && e.suffix === suffix);
      if (!edge) {
        edge = { name, prefix, suffix, node: newNode() };
        node.params.push(edge);
        // Longer fixed parts are more specific: try `{file}.pdf` before `{file}`.
        node.params.sort((a, b) => (b.prefix.length + b.suffix.length) - (a.prefix.length + a.suffix.length));
      } else if (edge.name !== name) {
        throw new Error(`route table: ${op.path} names parameter {${name}} where another path names it {${edge.name}}`);
      }
      node = edge.node;
    }
    if (node.methods.has(op.method)) throw new Error(`route table: ${op.method} ${op.path} is defined twice`);
    node.methods.set(op.method, op);
  }

  match(method: string, pathname: string): RouteMatch {
    const segments = pathname.split('/').filter(Boolean);
    const params: Record<string, string> = {};
    const node = this.walk(this.root, segments, 0, params, method);
    if (!node) return { kind: 'not-found' };
    const operation = node.methods.get(method);
    if (operation) return { kind: 'found', operation, params };
    return { kind: 'method-not-allowed', allowed: [...node.methods.keys()] };
  }

  /** Depth-first with backtracking; prefers a node that has the requested method. */
  private walk(node: TrieNode, segs: string[], i: number, params: Record<string, string>, method: string): TrieNode | null {
    if (i === segs.length) return node.methods.size ? node : null;
    let fallback: TrieNode | null = null;
    const tryNode = (found: TrieNode | null): TrieNode | null => {
      if (found && found.methods.has(method)) return found;
      if (found && !fallback) fallback = found;
      return null;
    };
    const stat = node.statics.get(segs[i]);
    if (stat) {
      const r = tryNode(this.walk(stat, segs, i + 1, params, method));
      if (r) return r;
    }
    for (const edge of node.params) {
      const seg = segs[i];
      if (seg.length <= edge.prefix.length + edge.suffix.length - 1) continue;
      if (!seg.startsWith(edge.prefix) || !seg.endsWith(edge.suffix)) continue;
      const value = seg.slice(edge.prefix.length, seg.length - edge.suffix.length);
      if (!value) continue;
      const had = params[edge.name];
      params[edge.name] = safeDecode(value);
      const r = tryNode(this.walk(edge.node, segs, i + 1, params, method));
      if (r) return r;
      if (had === undefined) delete params[edge.name]; else params[edge.name] = had;
    }
    return fallback;
  }
}

function safeDecode(s: string): string {
  try { return decodeURIComponent(s); } catch { return s; }
}
