// Users: rows 1–14 of ENDPOINTS.md. Thin: parse → domain → documented shape.
import type { ProductHandlers } from '../types.ts';
import { ok, created } from '../types.ts';
import { createUser, checkPassword, checkPin, getUser, listUsers, findUserByEmail, findUserByPhone, changePin,
  setKycStatus, changeRole, softDeleteUser, users } from '../../domain/users.ts';
import { issueTokens, rotateRefreshToken, revokeFamily, tokensWithUser } from '../../auth/tokens.ts';
import { isAdminActingOnOther, requireSelfOrAdmin } from '../../auth/policy.ts';
import { notFound, invalidField } from '../../kernel/errors.ts';
import { userView, walletWithBalancesView } from '../views/users.ts';
import { paginate } from './paging.ts';

export const userHandlers: ProductHandlers = {
  registerUser: ({ world, body }) => {
    const { user, wallets } = createUser(world, { ...body, role: body.role ?? 'customer' });
    return created({ message: 'User registered successfully with default wallets', user: userView(user),
      wallets: wallets.map((w) => walletWithBalancesView(world, w)) });
  },

  provisionUser: ({ world, body }) => {
    const { user, wallets } = createUser(world, body);
    return created({ message: 'User provisioned with wallets', user: userView(user),
      wallets: wallets.map((w) => walletWithBalancesView(world, w)) });
  },

  loginUser: ({ world, body }) => {
    const user = checkPassword(world, body.email, body.password);
    return ok(tokensWithUser(issueTokens(world, user.id), userView(user)));
  },

  loginUserWithPin: ({ world, body }) => {
    if (!body.email && !body.phone_number) throw invalidField('/email', 'email or phone_number is required');
    const user = checkPin(world, body, body.pin);
    return ok(tokensWithUser(issueTokens(world, user.id), userView(user)));
  },

  refreshAccessToken: ({ world, body }) => {
    const rotation = rotateRefreshToken(world, body.refresh_token);
    if ('reuse' in rotation) {
      // Returned, not thrown: the family's revocation must be committed along with the 401.
      revokeFamily(world, rotation.reuse);
      return { status: 401, body: { error: 'refresh token has already been used; all sessions of this login are revoked' } };
    }
    const user = users(world).get(rotation.userId);
    if (!user || user.deleted_at || !user.is_active) return { status: 401, body: { error: 'user no longer exists' } };
    return ok(tokensWithUser(issueTokens(world, user.id, rotation.family), userView(user)));
  },

  listUsers: ({ world, query }) => ok(paginate(listUsers(world), query).map(userView)),

  getUserById: ({ world, params, principal }) => {
    requireSelfOrAdmin(principal, params.id);
    return ok(userView(getUser(world, params.id)));
  },

  getUserByPhone: ({ world, params }) => {
    const user = findUserByPhone(world, params.phone);
    if (!user) throw notFound(`no user with phone number ${params.phone}`);
    return ok(userView(user));
  },

  getUserByEmail: ({ world, params }) => {
    const user = findUserByEmail(world, params.email);
    if (!user) throw notFound(`no user with email ${params.email}`);
    return ok(userView(user));
  },

  checkUserEmailExists: ({ world, query }) => ok({ exists: !!findUserByEmail(world, query.email), email: query.email }),

  updateUserPin: ({ world, params, body, principal }) => {
    requireSelfOrAdmin(principal, params.id);
    const user = getUser(world, params.id);
    return ok(userView(changePin(world, user, body, isAdminActingOnOther(principal, user.id))));
  },

  updateUserKycStatus: ({ world, params, body }) => ok(userView(setKycStatus(world, getUser(world, params.id), body.kyc_status))),

  updateUserRole: ({ world, params, body, principal }) => {
    const caller = getUser(world, principal.userId);
    return ok(userView(changeRole(world, caller, getUser(world, params.id), body.role)));
  },

  softDeleteUser: ({ world, params, body, principal }) => {
    requireSelfOrAdmin(principal, params.id);
    softDeleteUser(world, getUser(world, params.id), body?.is_active);
    return ok({ message: 'user deleted successfully' });
  },
};
