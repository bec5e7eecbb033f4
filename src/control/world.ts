// Control handlers that show or replace the world as a whole: the dashboard's view of every table, and
// snapshot/restore (also what browser mode stores across page reloads).
import type { ControlledSandbox } from './controlled-sandbox.ts';
import type { ControlHandlers, Defaulted } from '../http/types.ts';
import { ok } from '../http/types.ts';
import { ApiError } from '../kernel/errors.ts';
import type { World } from '../kernel/world.ts';
import { snapshotText } from './snapshot-writer.ts';
import { checkSnapshotValue } from './snapshot-http.ts';
import type { Row } from '../kernel/store.ts';
import { users } from '../domain/users.ts';
import { wallets, walletBalances } from '../domain/wallets.ts';

/**
 * Tables the view leaves out of `collections`: shown in their own section (users, wallets, balances), served by
 * their own endpoint (STK prompts, webhooks, outbox), or holding secrets and plumbing (tokens, jobs, id sequences).
 */
const NOT_COLLECTIONS = new Set(['users', 'wallets', 'balances', 'jobs', 'sequences', 'access_tokens', 'refresh_tokens', 'stk_prompts',
  'webhook_endpoints', 'webhook_deliveries', 'outbox']);

/** An uploaded proof's bytes (up to megabytes of base64) would ride along on every 2 s dashboard poll: show their size. */
const viewRow = (row: Row): Record<string, unknown> => {
  const fields: Record<string, unknown> = { ...row };
  if (typeof fields.base64 === 'string') fields.base64 = `${fields.base64.length} base64 characters`;
  return fields;
};

/** Like every table of the view, users and wallets show their last `limit` rows (newest last), not the whole table. */
export function worldView(world: World, limit: number) {
  return {
    clock: world.clock.state(),
    users: users(world).tail(limit).map((u) => ({
      id: u.id, email: u.email, role: u.role, kyc_status: u.kyc_status, phone_number: u.phone_number, first_name: u.first_name,
      last_name: u.last_name, is_active: u.is_active, parent_vendor_id: u.parent_vendor_id, deleted_at: u.deleted_at, created_at: u.created_at,
    })),
    wallets: wallets(world).tail(limit).map((w) => ({
      id: w.id, user_id: w.user_id, owner_email: users(world).get(w.user_id)?.email ?? null, name: w.name, network: w.network, address: w.address,
      wallet_type: w.wallet_type, is_default: w.is_default, custody_kind: w.custody_kind,
      balances: walletBalances(world, w.id).map((b) => ({ currency: b.currency, amount: b.amount, locked_amount: b.locked_amount })),
    })),
    collections: world.latest(limit, (name) => !NOT_COLLECTIONS.has(name))
      .sort((a, b) => a.name.localeCompare(b.name))
      .map(({ name, count, rows }) => ({ name, count, rows: rows.map(viewRow) })),
  };
}

export function worldControlHandlers(sandbox: ControlledSandbox): ControlHandlers {
  return {
    getWorldView: ({ world, query }) => ok(worldView(world, (query as Defaulted<typeof query, 'limit'>).limit)), // contract default, applied by validation
    // Hosts answer these two as streams (src/control/snapshot-http.ts); these are the same answers for a caller
    // that drives the control pipeline directly, by the same format and the same validation.
    getSnapshot: ({ world }) => ok(JSON.parse(snapshotText(world))),
    restoreSnapshot: ({ world, body }) => {
      const result = checkSnapshotValue(body, world.seed);
      if (!result.ok) throw new ApiError(result.status, { error: result.message, ...(result.details.length ? { details: result.details } : {}) });
      world.load(result.state);
      return ok({ message: 'world restored from the snapshot', seed: world.seed, epoch: result.state.epoch + 1, clock: world.nowIso() });
    },
  };
}
