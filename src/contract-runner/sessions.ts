// Who verify acts as: credentials given by flags or a config file, the sandbox's published fixtures when the target
// is a sandbox, and users verify registers or provisions itself. One logged-in session per credential.
import type { Transport } from './transport.ts';

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

/** The users the sandbox publishes at /__sandbox/fixtures, when the target is a sandbox (404 elsewhere: none). */
export async function fixtureUsers(transport: Transport): Promise<Array<Credential & { id: string; phone_number?: string; wallets?: Array<{ id: string; network: string; address: string }> }>> {
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

  byName(name: string | null | undefined): Session | undefined {
    return this.all.find((s) => s.name === name);
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
