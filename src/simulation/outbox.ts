// Emails the sandbox "sends" (negotiated FX codes, notifications) land in an outbox instead of a mail server;
// GET /__sandbox/outbox shows them.
import type { World } from '../kernel/world.ts';
import { OUTBOX_PORT, type NewEmail, type OutboxEmailRow } from './ports/outbox.ts';

export type { OutboxEmailRow } from './ports/outbox.ts';

export const outbox = (w: World) => w.table<OutboxEmailRow>('outbox');

export function sendEmail(world: World, input: NewEmail): OutboxEmailRow {
  return outbox(world).insert({ ...input, id: world.random.uuid(), sent_at: world.nowIso() });
}

export function installOutbox(world: World): void {
  world.hooks.provide(OUTBOX_PORT, { send: (email) => sendEmail(world, email) });
}
