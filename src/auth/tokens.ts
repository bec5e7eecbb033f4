// Access and refresh tokens. Access tokens look like PASETO v4.local tokens (opaque to clients) and live 900 s of
// the sandbox clock; refresh tokens are UUIDs that live 7 days and rotate: each is good for exactly one refresh, and
// presenting a used one revokes its whole family (the careful reading of "revoked immediately after use").
import type { World } from '../domain/world.ts';
import { unauthorized } from '../http/errors.ts';
import { defineIndex } from '../domain/table-index.ts';
import { worldSecret, worldUuid } from './world-key.ts';

export const ACCESS_TOKEN_SECONDS = 900;
export const REFRESH_TOKEN_SECONDS = 7 * 24 * 3600;

interface AccessTokenRow { id: string; user_id: string; expires_ms: number }
interface RefreshTokenRow { id: string; user_id: string; family: string; expires_ms: number; used: boolean; revoked: boolean }

const access = (w: World) => w.table<AccessTokenRow>('access_tokens');
const refresh = (w: World) => w.table<RefreshTokenRow>('refresh_tokens');
// Revocation reads a family's or a user's tokens, not the whole table.
// (ordered by id: a user's bucket grows with every login, and ordered buckets find a row by binary search)
const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
const ACCESS_BY_USER = defineIndex<AccessTokenRow>('access tokens by user', (t) => [t.user_id], byId);
const REFRESH_BY_OWNER = defineIndex<RefreshTokenRow>('refresh tokens by family and user', (t) => [`family:${t.family}`, `user:${t.user_id}`], byId);

export interface IssuedTokens {
  access_token: string;
  refresh_token: string;
  token_type: 'bearer';
  expires_in: number;
  access_token_expires_at: string;
  refresh_token_expires_at: string;
}

export function issueTokens(world: World, userId: string, family = world.random.uuid()): IssuedTokens {
  const now = world.clock.nowMs();
  const token = `v4.local.${worldSecret(world, world.random.base64url(64))}`;
  const accessExpires = now + ACCESS_TOKEN_SECONDS * 1000;
  const refreshExpires = now + REFRESH_TOKEN_SECONDS * 1000;
  access(world).insert({ id: token, user_id: userId, expires_ms: accessExpires });
  const refreshToken = refresh(world).insert({ id: worldUuid(world, world.random.uuid()), user_id: userId, family, expires_ms: refreshExpires, used: false, revoked: false });
  return {
    access_token: token,
    refresh_token: refreshToken.id,
    token_type: 'bearer',
    expires_in: ACCESS_TOKEN_SECONDS,
    access_token_expires_at: world.clock.iso(accessExpires),
    refresh_token_expires_at: world.clock.iso(refreshExpires),
  };
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

export function revokeFamily(world: World, family: string): void {
  for (const r of refresh(world).index(REFRESH_BY_OWNER).rows(`family:${family}`).filter((t) => !t.revoked)) refresh(world).update(r.id, { revoked: true });
}

/** Logs a user out everywhere (soft delete): their access and refresh tokens stop working. */
export function revokeUserTokens(world: World, userId: string): void {
  for (const a of [...access(world).index(ACCESS_BY_USER).rows(userId)]) access(world).delete(a.id);
  for (const r of refresh(world).index(REFRESH_BY_OWNER).rows(`user:${userId}`).filter((t) => !t.revoked)) refresh(world).update(r.id, { revoked: true });
}
