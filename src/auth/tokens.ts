// Access and refresh tokens. Access tokens look like PASETO v4.local tokens (opaque to clients) and live 900 s of
// the sandbox clock; refresh tokens are UUIDs that live 7 days and rotate: each is good for exactly one refresh, and
// presenting a used one revokes its whole family (the careful reading of "revoked immediately after use"), access
// tokens of the family included. Token strings come from fresh randomness (token-randomness.ts), not the seed.
// The tables are bounded: every issue drops expired tokens, and past a cap the oldest ones go first.
import type { World } from '../kernel/world.ts';
import { unauthorized } from '../kernel/errors.ts';
import { defineIndex, defineKeyedIndex } from '../kernel/table-index.ts';
import { freshBase64url, freshUuid } from './token-randomness.ts';

export const ACCESS_TOKEN_SECONDS = 900;
export const REFRESH_TOKEN_SECONDS = 7 * 24 * 3600;
/** At most this many live access tokens (and refresh tokens) are kept; logging in past it drops the oldest. */
export const MAX_ACCESS_TOKENS = 5000;
export const MAX_REFRESH_TOKENS = 5000;

/** `family` is the login the token belongs to (its refresh chain); absent on rows of snapshots taken before it existed. */
interface AccessTokenRow { id: string; user_id: string; expires_ms: number; family?: string }
interface RefreshTokenRow { id: string; user_id: string; family: string; expires_ms: number; used: boolean; revoked: boolean }

const access = (w: World) => w.table<AccessTokenRow>('access_tokens');
const refresh = (w: World) => w.table<RefreshTokenRow>('refresh_tokens');
// Revocation reads a family's or a user's tokens, not the whole table. Keyed buckets: a user's bucket grows with every
// login (to the cap), and each login adds a token to it and prunes one, which a keyed bucket does in O(1).
const ACCESS_BY_USER = defineKeyedIndex<AccessTokenRow>('access tokens by user', (t) => [t.user_id]);
const REFRESH_BY_OWNER = defineKeyedIndex<RefreshTokenRow>('refresh tokens by family and user', (t) => [`family:${t.family}`, `user:${t.user_id}`]);
const ACCESS_BY_FAMILY = defineKeyedIndex<AccessTokenRow>('access tokens by login', (t) => (t.family ? [t.family] : []));
// Every token in one bucket, soonest expiry first: pruning looks only at the tokens it drops.
const byExpiry = (a: { expires_ms: number }, b: { expires_ms: number }) => a.expires_ms - b.expires_ms;
const ACCESS_BY_EXPIRY = defineIndex<AccessTokenRow>('access tokens by expiry', () => ['all'], byExpiry);
const REFRESH_BY_EXPIRY = defineIndex<RefreshTokenRow>('refresh tokens by expiry', () => ['all'], byExpiry);

export interface IssuedTokens {
  access_token: string;
  refresh_token: string;
  token_type: 'bearer';
  expires_in: typeof ACCESS_TOKEN_SECONDS;
  access_token_expires_at: string;
  refresh_token_expires_at: string;
}

export function issueTokens(world: World, userId: string, family = freshUuid()): IssuedTokens {
  const now = world.clock.nowMs();
  pruneTokens(world, now);
  const token = `v4.local.${freshBase64url(64)}`;
  const accessExpires = now + ACCESS_TOKEN_SECONDS * 1000;
  const refreshExpires = now + REFRESH_TOKEN_SECONDS * 1000;
  access(world).insert({ id: token, user_id: userId, expires_ms: accessExpires, family });
  const refreshToken = refresh(world).insert({ id: freshUuid(), user_id: userId, family, expires_ms: refreshExpires, used: false, revoked: false });
  return {
    access_token: token,
    refresh_token: refreshToken.id,
    token_type: 'bearer',
    expires_in: ACCESS_TOKEN_SECONDS,
    access_token_expires_at: world.clock.iso(accessExpires),
    refresh_token_expires_at: world.clock.iso(refreshExpires),
  };
}

/**
 * The login answer: the issued tokens, then the user, in that key order. Built field by field: a spread of the tokens
 * followed by a new key sends V8 down its slow object-building path, on every login.
 */
export function tokensWithUser<U>(t: IssuedTokens, user: U): IssuedTokens & { user: U } {
  return { access_token: t.access_token, refresh_token: t.refresh_token, token_type: t.token_type, expires_in: t.expires_in,
    access_token_expires_at: t.access_token_expires_at, refresh_token_expires_at: t.refresh_token_expires_at, user };
}

/** The user id behind a valid access token; 401 for unknown or expired ones. */
export function verifyAccessToken(world: World, token: string): string {
  const row = access(world).get(token);
  if (!row) throw unauthorized('token is invalid');
  if (row.expires_ms <= world.clock.nowMs()) throw unauthorized('token has expired');
  return row.user_id;
}

export class RefreshReuse extends Error {}

/**
 * Swaps a refresh token for a new pair. A reused token revokes its family; this revocation must survive the 401
 * that follows, so the caller commits it outside the failing transaction (see rotateRefreshToken's result).
 */
export function rotateRefreshToken(world: World, token: string): { userId: string; family: string } | { reuse: string } {
  const row = refresh(world).get(token);
  if (!row) throw unauthorized('refresh token is invalid');
  if (row.used || row.revoked) return { reuse: row.family };
  if (row.expires_ms <= world.clock.nowMs()) throw unauthorized('refresh token has expired');
  refresh(world).update(row.id, { used: true });
  return { userId: row.user_id, family: row.family };
}

/** A reused refresh token: every token of that login stops working, the access tokens it (and its rotations) issued too. */
export function revokeFamily(world: World, family: string): void {
  for (const r of refresh(world).index(REFRESH_BY_OWNER).rows(`family:${family}`).filter((t) => !t.revoked)) refresh(world).update(r.id, { revoked: true });
  for (const a of [...access(world).index(ACCESS_BY_FAMILY).rows(family)]) access(world).delete(a.id);
}

/** An expired token is kept this long after its expiry, so that its holder reads "token has expired", then dropped. */
export const EXPIRED_TOKEN_KEPT_MS = 24 * 3600 * 1000;

/**
 * Drops tokens expired more than a day ago (refused either way), then the oldest beyond the caps, leaving room for the
 * pair about to be issued. A refresh token that was used stays until then, so that its reuse is still recognised and
 * revokes its family.
 */
function pruneTokens(world: World, now: number): void {
  prune(access(world), access(world).index(ACCESS_BY_EXPIRY), MAX_ACCESS_TOKENS, now);
  prune(refresh(world), refresh(world).index(REFRESH_BY_EXPIRY), MAX_REFRESH_TOKENS, now);
}

function prune<T extends { id: string; expires_ms: number }>(table: { size: number; delete(id: string): unknown },
  soonest: { first(key: string): T | undefined }, cap: number, now: number): void {
  for (let row = soonest.first('all'); row && (row.expires_ms + EXPIRED_TOKEN_KEPT_MS <= now || table.size >= cap); row = soonest.first('all')) {
    table.delete(row.id);
  }
}

/** Logs a user out everywhere (soft delete): their access and refresh tokens stop working. */
export function revokeUserTokens(world: World, userId: string): void {
  for (const a of [...access(world).index(ACCESS_BY_USER).rows(userId)]) access(world).delete(a.id);
  for (const r of refresh(world).index(REFRESH_BY_OWNER).rows(`user:${userId}`).filter((t) => !t.revoked)) refresh(world).update(r.id, { revoked: true });
}
