// Who verify acts as: credentials given by flags or a config file, the sandbox's published fixtures when the target
// is a sandbox, and users verify registers or provisions itself. One logged-in session per credential.
import type { OperationSpec } from '../contracts/operations.ts';
import type { Exchange, Transport } from './transport.ts';
import type { Pool } from './pool.ts';
import { AUTH_OPS } from './ordering.ts';

export interface Credential {
  role: string;
  email: string;
  password: string;
  pin?: string;
  /** Where it came from: 'config', 'fixtures', 'registered', 'provisioned'. */
  source: string;
}

export interface Session extends Credential {
  name: string;
  userId?: string;
  phone?: string;
  token?: string;
  refreshToken?: string;
}

/** Roles in the order verify prefers a caller when an operation allows several (customers act first). */
export const ROLE_PREFERENCE = ['customer', 'vendor', 'subvendor', 'merchant', 'user', 'admin', 'treasury', 'otc_officer'];

/** `role=email:password[:pin]` as given to `--user`. */
export function parseUserFlag(value: string): Credential {
  const m = /^([a-z_]+)=([^:]+):([^:]+)(?::(\d+))?$/.exec(value);
  if (!m) throw new Error(`--user expects role=email:password[:pin], got "${value}"`);
  return { role: m[1], email: m[2], password: m[3], pin: m[4], source: 'config' };
}

export type FixtureUser = Credential & { id: string; phone_number?: string; wallets?: Array<{ id: string; network: string; address: string }> };

/** The users the sandbox publishes at /__sandbox/fixtures, when the target is a sandbox (404 elsewhere: none). */
export async function fixtureUsers(transport: Transport): Promise<FixtureUser[]> {
  const r = await transport.send({ method: 'GET', path: '/__sandbox/fixtures' });
  const users = (r.json as { users?: unknown[] } | undefined)?.users;
  if (r.status !== 200 || !Array.isArray(users)) return [];
  return users.filter((u: any) => u && u.email && u.password && u.role).map((u: any) => ({
    id: u.id, role: u.role, email: u.email, password: u.password, pin: u.pin, phone_number: u.phone_number, wallets: u.wallets, source: 'fixtures',
  }));
}

export class Sessions {
  readonly all: Session[] = [];

  add(credential: Credential, identity: Partial<Session> = {}): Session {
    const existing = this.all.find((s) => s.email.toLowerCase() === credential.email.toLowerCase());
    if (existing) { Object.assign(existing, identity); return existing; }
    const sameRole = this.all.filter((s) => s.role === credential.role).length;
    const session: Session = { ...credential, ...identity, name: sameRole ? `${credential.role}#${sameRole + 1}` : credential.role };
    this.all.push(session);
    return session;
  }

  loggedIn(): Session[] {
    return this.all.filter((s) => s.token);
  }

  /** Sessions that may call an operation (x-roles, or anyone), most suitable first. */
  candidates(roles: string[] | null): Session[] {
    const rank = (role: string) => {
      const i = roles ? roles.indexOf(role) : ROLE_PREFERENCE.indexOf(role);
      return i < 0 ? 99 : i;
    };
    // Configured and published users before the ones verify created itself: they have funds and history.
    const origin = (s: Session) => (s.source === 'registered' || s.source === 'provisioned' ? 1 : 0);
    return this.loggedIn()
      .filter((s) => !roles || roles.includes(s.role))
      .sort((a, b) => rank(a.role) - rank(b.role) || origin(a) - origin(b));
  }

  ofRole(role: string): Session | undefined {
    return this.candidates([role])[0];
  }
}

/** One session per published user; their users and wallets go into the pool as known objects they own. */
export function adoptFixtures(sessions: Sessions, pool: Pool, users: FixtureUser[]): void {
  for (const u of users) {
    const session = sessions.add(u, { userId: u.id, phone: u.phone_number });
    pool.add(['user'], { id: u.id, email: u.email, role: u.role }, session.name, true);
    for (const w of u.wallets ?? []) pool.add(['wallet'], { ...w, user_id: u.id }, session.name, true);
  }
}

/** Sends loginUser with a session's email and password; the caller judges the answer (see adoptAuth). */
export function logIn(transport: Transport, login: OperationSpec, session: Credential): Promise<Exchange> {
  return transport.send({ method: login.method, path: login.path, json: { email: session.email, password: session.password } });
}

/** Takes the tokens and the identity out of a login or refresh answer (AuthResponse). */
export function adoptAuth(session: Session, answer: unknown): void {
  const body = answer as { access_token?: string; refresh_token?: string; user?: { id?: string; role?: string; phone_number?: string } } | undefined;
  if (body?.access_token) session.token = body.access_token;
  if (body?.refresh_token) session.refreshToken = body.refresh_token;
  if (body?.user?.id) session.userId = body.user.id;
  if (body?.user?.phone_number) session.phone = body.user.phone_number;
  if (body?.user?.role && body.user.role !== session.role) session.role = body.user.role;
}

/**
 * A user some operation created with the email and password the request sent (registerUser, provisionUser, or any
 * answer that is a user or carries one under `user`), as a session to log in; null when the request sent no
 * password or the answer names no user. `newRoleOnly`: only when no session has that role yet.
 */
export function sessionFromCreatedUser(sessions: Sessions, operationId: string, sent: unknown, answer: unknown, newRoleOnly = false): Session | null {
  const request = sent as { email?: string; password?: string; pin?: string } | undefined;
  const created = answer as { id?: string; role?: string; phone_number?: string; user?: { id?: string; role?: string; phone_number?: string } } | undefined;
  const user = created?.role ? created : created?.user;
  if (!request?.email || !request.password || !user?.id || !user.role) return null;
  if (newRoleOnly && sessions.all.some((s) => s.role === user.role)) return null;
  const source = operationId === AUTH_OPS.register ? 'registered' : 'provisioned';
  return sessions.add({ role: user.role, email: request.email, password: request.password, pin: request.pin, source }, { userId: user.id, phone: user.phone_number });
}

/**
 * Who should call an operation: the session that received (owns) the object it acts on; else a session of the role
 * its body names (`vendor_id` → a vendor); for an operation that changes an object nobody in particular owns, an
 * admin (admins may act on anything); then the rest in order.
 */
export function orderCallers<T extends Session | null>(callers: T[], subjectOwner: string | null | undefined, changes: boolean, roles: string[] = []): T[] {
  const first = subjectOwner ? callers.filter((s) => s?.name === subjectOwner)
    : roles.length ? callers.filter((s) => s && s.role === roles.find((r) => callers.some((c) => c?.role === r)))
      : changes ? callers.filter((s) => s?.role === 'admin').slice(0, 1) : [];
  return [...first, ...callers.filter((s) => !first.includes(s))];
}
