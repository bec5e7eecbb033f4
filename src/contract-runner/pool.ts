// Everything verify has learnt from the server's answers: objects with ids (keyed as resources.ts explains, and
// remembered with the session that received them, so their owner can be the one to use them), and the scalar
// fields seen on the way (a negotiated FX reference's `code`, an order's `checkout_request_id`...).
import type { OperationSpec } from '../contracts/operations.ts';
import { schemaName, type HarnessContract } from './contract.ts';
import { itemsSchema, norm, propertySchema, responseKeys, singular } from './resources.ts';

export interface PoolEntry {
  seq: number;
  keys: Set<string>;
  id: string;
  object: Record<string, unknown>;
  /** Name of the session that received it (null: nobody in particular). */
  owner: string | null;
  /** Published by the server before verify ran (fixtures), rather than created or answered during the run. */
  seeded: boolean;
}

export class Pool {
  private entries: PoolEntry[] = [];
  private fields = new Map<string, Array<{ value: string; owner: string | null; seq: number }>>();
  private seq = 0;
  /** Grows whenever something new is learnt: operations that failed for lack of state are retried. */
  get version(): number { return this.seq; }

  add(keys: string[], object: Record<string, unknown>, owner: string | null, seeded = false): void {
    const id = object.id;
    if (typeof id !== 'string' && typeof id !== 'number') return;
    const found = this.entries.find((e) => e.id === String(id));
    if (found) {
      keys.forEach((k) => found.keys.add(k));
      found.object = { ...found.object, ...object };
      found.owner ??= owner;
      return;
    }
    this.entries.push({ seq: ++this.seq, keys: new Set(keys), id: String(id), object, owner, seeded });
  }

  /**
   * The newest entry under any of the keys (earlier keys win). Preferred: one the given session owns; with
   * `preferCreated` (updates, destroyers) one verify created over one the server published, so a run changes
   * its own objects rather than the fixtures other tests rely on.
   */
  find(keys: string[], owner?: string | null, reject?: (e: PoolEntry) => boolean, preferCreated = false): PoolEntry | null {
    for (const key of keys) {
      const matching = this.entries.filter((e) => e.keys.has(key) && !(reject?.(e))).sort((a, b) => b.seq - a.seq);
      if (!matching.length) continue;
      const owned = (e: PoolEntry) => !!owner && e.owner === owner;
      if (preferCreated) {
        return matching.find((e) => !e.seeded && owned(e)) ?? matching.find((e) => !e.seeded) ?? matching.find(owned) ?? matching[0];
      }
      return matching.find(owned) ?? matching[0];
    }
    return null;
  }

  /** An object a destroyer removed: later requests must not name it. */
  forget(id: string): void {
    this.entries = this.entries.filter((e) => e.id !== id);
  }

  field(name: string, owner?: string | null): string | undefined {
    const values = this.fields.get(name);
    if (!values?.length) return undefined;
    return ((owner ? [...values].reverse().find((v) => v.owner === owner) : undefined) ?? values[values.length - 1]).value;
  }

  /** Learns from one successful response body of an operation. What a read (GET) answers may predate the run (a
   *  list of every merchant), so it counts as published, not created: updaters and destroyers prefer what this run
   *  created, also when verify runs twice against the same server. */
  harvest(contract: HarnessContract, op: OperationSpec, status: number, body: unknown, owner: string | null): void {
    const published = op.method === 'GET';
    const schema = op.responses[String(status)]?.content?.['application/json']?.schema;
    // Deepest first, so the response's main object (the shallowest) is the newest: a merchant before its sub-merchants.
    const found: Array<{ keys: string[]; object: Record<string, unknown>; depth: number }> = [];
    const walk = (value: unknown, schemaNode: unknown, keys: string[], depth: number) => {
      if (depth > 6 || value === null || typeof value !== 'object') return;
      if (Array.isArray(value)) {
        const items = itemsSchema(contract, schemaNode);
        const named = schemaName(items);
        value.slice(0, 50).forEach((v) => walk(v, items, named ? [...keys, norm(named)] : keys, depth + 1));
        return;
      }
      const object = value as Record<string, unknown>;
      const named = schemaName(schemaNode);
      if (object.id !== undefined) found.push({ keys: named ? [...keys, norm(named)] : keys, object, depth });
      for (const [k, v] of Object.entries(object)) {
        if (typeof v === 'string' && v && k !== 'id') this.remember(k, v, owner);
        if (v && typeof v === 'object') {
          const child = propertySchema(contract, schemaNode, k);
          walk(v, child, [norm(singular(k))], depth + 1);
        }
      }
    };
    walk(body, schema, responseKeys(op), 0);
    found.sort((a, b) => b.depth - a.depth).forEach((f) => this.add(f.keys, f.object, owner, published));
  }

  remember(field: string, value: string, owner: string | null): void {
    const list = this.fields.get(field) ?? [];
    list.push({ value, owner, seq: this.seq });
    if (list.length > 20) list.shift();
    this.fields.set(field, list);
  }
}
