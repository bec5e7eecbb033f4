// Bearer token → principal: the pipeline's authentication step (it reads the users table, so it sits above the domain).
// Messages follow the gin + PASETO middleware the real service is built on.
import type { World } from '../kernel/world.ts';
import { unauthorized } from '../kernel/errors.ts';
import { verifyAccessToken } from '../auth/tokens.ts';
import { users } from '../domain/users.ts';
import type { Principal } from '../auth/principal.ts';

export function authenticate(world: World, header: string | null): Principal {
  if (!header) throw unauthorized('authorization header is not provided');
  const parts = header.trim().split(/\s+/);
  if (parts.length !== 2) throw unauthorized('invalid authorization header format');
  if (parts[0].toLowerCase() !== 'bearer') throw unauthorized(`unsupported authorization type ${parts[0]}`);
  const userId = verifyAccessToken(world, parts[1]);
  const user = users(world).get(userId);
  // The role is read from the user row, so a role change applies at once (the sandbox's choice: fail safe).
  if (!user || user.deleted_at) throw unauthorized('user no longer exists');
  if (!user.is_active) throw unauthorized('user account is inactive');
  return { userId: user.id, role: user.role, email: user.email };
}
