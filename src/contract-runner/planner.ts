// Builds the request verify sends for one operation as one session: path, query and header parameters, and a body
// that starts as the contract's documented example, with every id replaced by one the server really created,
// unique fields (email, phone) made fresh, and addresses taken from the caller's own wallets. What cannot be
// filled is listed, so an operation that is not reached says why.
import type { OperationSpec, ParameterSpec } from '../contracts/operations.ts';
import { clone, deref, mediaExample, parameterExample, type HarnessContract } from './contract.ts';
import type { Pool, PoolEntry } from './pool.ts';
import { fieldKeys, pathParamKeys } from './resources.ts';
import type { Session, Sessions } from './sessions.ts';
import type { OutgoingRequest } from './transport.ts';

export interface PlanContext {
  contract: HarnessContract;
  pool: Pool;
  sessions: Sessions;
  fresh: FreshValues;
}

export interface Plan {
  session: Session | null;
  request: OutgoingRequest;
  /** The object the operation acts on (its first id parameter), whose owner is the natural caller. */
  subject: PoolEntry | null;
  /** What could not be filled from earlier answers (the documented example was kept). */
  missing: string[];
}

/** Unique values for fields the server keeps unique. */
export class FreshValues {
  private n = 0;
  constructor(private readonly runId: string) {}
  email(): string { return `verify.${this.runId}.${++this.n}@example.com`; }
  phone(): string {
    const digits = (parseInt(this.runId.slice(0, 5), 16) % 100000).toString().padStart(5, '0') + String(++this.n % 1000).padStart(3, '0');
    return `+2547${digits.slice(0, 8)}`;
  }
  uuid(): string { return crypto.randomUUID(); }
  /** A short suffix unique to this run and call. */
  tag(): string { return `${this.runId.slice(0, 4)}${++this.n}`; }
}

const ROLE_WORDS = ['customer', 'vendor', 'subvendor', 'treasury', 'admin', 'officer', 'merchant'];
const OTHER_PARTY = /^(to|recipient|destination|receiver|beneficiary)_/;

const isIdName = (name: string) => name === 'id' || /_id$/.test(name);

/** The roles a request body names first (`vendor_id` in an offer: a vendor publishes it), in example order. */
export function impliedRoles(ctx: PlanContext, op: OperationSpec): string[] {
  const example = mediaExample(ctx.contract.compiled.document, op.requestBody?.content['application/json']);
  if (!example || typeof example !== 'object') return [];
  const roles: string[] = [];
  for (const key of Object.keys(example)) {
    if (!/_id$/.test(key) || OTHER_PARTY.test(key)) continue;
    const role = ROLE_WORDS.find((r) => key.replace(/_id$/, '').split('_').includes(r));
    if (role) roles.push(role === 'officer' ? 'otc_officer' : role);
  }
  return roles;
}

/** An operation's path with its parameters filled in (URI-encoded; a missing one becomes empty). */
export function fillPath(op: OperationSpec, params: Record<string, string>): string {
  return op.path.replace(/\{([^}]+)\}/g, (_m, name: string) => encodeURIComponent(params[name] ?? ''));
}

/** `changes`: the operation updates or destroys what it names (prefer objects verify created itself). */
export function planRequest(ctx: PlanContext, op: OperationSpec, session: Session | null, changes = false): Plan {
  const missing: string[] = [];
  let subject: PoolEntry | null = null;
  const params: Record<string, string> = {};
  const query: Record<string, string> = {};
  const headers: Record<string, string> = {};
  for (const p of op.parameters) {
    if (p.in === 'path') {
      const { value, entry } = resolveParam(ctx, op, p, session, missing, changes);
      if (entry && !subject) subject = entry;
      params[p.name] = value;
    } else if (p.required && p.in === 'query') {
      query[p.name] = resolveParam(ctx, op, p, session, missing).value;
    } else if (p.required && p.in === 'header') {
      headers[p.name] = /idempotency/i.test(p.name) ? ctx.fresh.uuid() : String(parameterExample(ctx.contract.compiled.document, p) ?? '');
    }
  }
  const request: OutgoingRequest = { method: op.method, path: fillPath(op, params), query, headers, token: session?.token };
  const content = op.requestBody?.content ?? {};
  if (content['application/json']) {
    const example = mediaExample(ctx.contract.compiled.document, content['application/json']);
    if (example === undefined) missing.push('a documented example of the request body');
    request.json = fillBody(ctx, clone(example ?? {}), session, missing);
    // A creator's `name` is often unique (a pricing profile, a merchant): make it this run's own.
    const body = request.json as Record<string, unknown>;
    if (op.method === 'POST' && !op.path.includes('{') && body && typeof body.name === 'string') body.name = `${body.name} ${ctx.fresh.tag()}`;
  } else if (content['multipart/form-data']) {
    request.form = multipartFields(ctx, content['multipart/form-data']);
  }
  return { session, request, subject, missing };
}

function resolveParam(ctx: PlanContext, op: OperationSpec, p: ParameterSpec, session: Session | null, missing: string[], changes = false): { value: string; entry: PoolEntry | null } {
  const example = parameterExample(ctx.contract.compiled.document, p);
  const type = deref(ctx.contract.compiled.document, p.schema as any)?.type;
  if (type === 'integer' || type === 'number') {
    return { value: String(example ?? deref(ctx.contract.compiled.document, p.schema as any)?.minimum ?? 1), entry: null };
  }
  const name = p.name;
  if (/^e?mail$/i.test(name) && session) return { value: session.email, entry: null };
  if (/^phone(_number)?$/i.test(name) && session?.phone) return { value: session.phone, entry: null };
  const uuidLike = isIdName(name) || /uuid/i.test(JSON.stringify(p.schema ?? {}));
  if (uuidLike) {
    const user = name === 'id' ? undefined : userIdFor(ctx, name, session);
    if (user) return { value: user, entry: ctx.pool.find(['user'], null, (e) => e.id !== user) };
    const keys = p.in === 'path' ? pathParamKeys(ctx.contract, op, name) : fieldKeys(name);
    const entry = ctx.pool.find(keys, session?.name, undefined, changes);
    if (entry) return { value: entry.id, entry };
    missing.push(`a ${keys[0]} id (${p.in} parameter ${name})`);
    return { value: String(example ?? '00000000-0000-4000-8000-000000000000'), entry: null };
  }
  const seen = ctx.pool.field(name, session?.name);
  if (seen !== undefined && example === undefined) return { value: seen, entry: null };
  if (example !== undefined) return { value: String(example), entry: null };
  if (seen !== undefined) return { value: seen, entry: null };
  missing.push(`a value for ${p.in} parameter ${name}`);
  return { value: 'x', entry: null };
}

/** Ids of users named by role: `customer_id` → a customer's id, `user_id` → the caller's own id. */
function userIdFor(ctx: PlanContext, field: string, session: Session | null): string | undefined {
  const base = field.replace(/_id$/, '');
  const words = base.split('_');
  if (OTHER_PARTY.test(field) && words.includes('user')) {
    return ctx.sessions.candidates(null).find((s) => s.userId && s.name !== session?.name)?.userId;
  }
  if (base === 'user' || base === 'owner') return session?.userId;
  const role = ROLE_WORDS.find((r) => words.includes(r));
  if (!role || (role === 'merchant' && ctx.pool.find(['merchant']))) return undefined;
  const wanted = role === 'officer' ? 'otc_officer' : role;
  if (session?.role === wanted && session.userId) return session.userId;
  return ctx.sessions.ofRole(wanted)?.userId;
}

function fillBody(ctx: PlanContext, value: unknown, session: Session | null, missing: string[], key = ''): unknown {
  if (Array.isArray(value)) return value.map((v) => fillBody(ctx, v, session, missing, key));
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = fillBody(ctx, v, session, missing, k);
    return out;
  }
  if (typeof value !== 'string') return value;
  if (key === 'email') return ctx.fresh.email();
  if (key === 'phone_number' || key === 'phone') return ctx.fresh.phone();
  if (key === 'refresh_token' && session?.refreshToken) return session.refreshToken;
  if (/^(current|old)_pin$/.test(key) && session?.pin) return session.pin;
  if (isIdName(key)) {
    const user = userIdFor(ctx, key, session);
    if (user) return user;
    const keys = fieldKeys(key);
    const entry = ctx.pool.find(keys, session?.name);
    if (entry) return entry.id;
    missing.push(`a ${keys[keys.length - 1]} id (body field ${key})`);
    return value;
  }
  if (/address$/.test(key) && /^(0x|T)/.test(value)) {
    const network = value.startsWith('0x') ? 'ethereum' : 'tron';
    const owner = OTHER_PARTY.test(key) ? ctx.sessions.candidates(null).find((s) => s.name !== session?.name)?.name : session?.name;
    const wallet = ctx.pool.find(['wallet'], owner, (e) => e.object.network !== network || typeof e.object.address !== 'string');
    if (wallet) return wallet.object.address as string;
  }
  return value;
}

/** Multipart bodies have no example in the contract: strings from their schema, a tiny PDF for binary parts. */
function multipartFields(ctx: PlanContext, media: { schema?: unknown }): Record<string, string | Blob> {
  const schema = deref(ctx.contract.compiled.document, media.schema as any) as { properties?: Record<string, any>; required?: string[] } | undefined;
  const out: Record<string, string | Blob> = {};
  for (const [name, prop] of Object.entries(schema?.properties ?? {})) {
    if (!schema?.required?.includes(name)) continue;
    if (prop?.format === 'binary' || prop?.contentMediaType) out[name] = new Blob(['%PDF-1.4\n%verify\n'], { type: 'application/pdf' });
    else out[name] = String(prop?.example ?? prop?.enum?.[0] ?? 'verify');
  }
  return out;
}
